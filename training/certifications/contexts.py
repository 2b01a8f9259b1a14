"""The JSON-LD contexts the credentials name, vendored under
``training/static/training/certifications/contexts/`` (see its README): served by the site
and read from there by any JSON-LD processing we run, never fetched from their canonical
URLs."""

import json
from functools import cache
from pathlib import Path

from .credentials import OB_CONTEXT, VC_CONTEXT

DIRECTORY = Path(__file__).resolve().parent.parent / "static/training/certifications/contexts"
FILES = {VC_CONTEXT: "credentials-v2.json", OB_CONTEXT: "ob-v3p0-3.0.3.json"}


# Pure (vendored files, never changed at run time): safe to keep in each process.
@cache
def read(name: str) -> dict:
    """A vendored context by file name (one of ``FILES``' values)."""
    if name not in FILES.values():
        raise LookupError(name)
    return json.loads((DIRECTORY / name).read_text())


def document_loader(url: str, options=None) -> dict:
    """A JSON-LD document loader (PyLD's shape) answering the canonical context URLs from
    the vendored files, and refusing any other URL."""
    if url not in FILES:
        raise LookupError(f"{url} is not a vendored context")
    return {"contextUrl": None, "documentUrl": url, "document": read(FILES[url])}
