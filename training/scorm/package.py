"""SCORM 1.2 packages: validated completely before anything is written, then extracted.

``inspect`` checks the zip (sizes, member names, symlinks) and the ``imsmanifest.xml``
(SCORM 1.2, organizations, items, SCO resources, launch files) and returns a ``Manifest``;
``extract`` saves the members to a Django storage, all or nothing; ``build_zip`` zips a
directory deterministically (the demo package).
"""

import io
import posixpath
import stat
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from django.core.files import File
from django.core.files.storage import Storage
from django.utils.translation import gettext as _

MAX_SIZE = 200 * 1024 * 1024
MAX_TOTAL = 500 * 1024 * 1024
MAX_FILES = 5_000
MAX_RATIO = 100

MANIFEST = "imsmanifest.xml"
ADLCP_12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
SCHEMA_VERSION_12 = "1.2"

# The fixed timestamp of build_zip's members: the earliest a zip can hold.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Sco:
    identifier: str
    title: str
    href: str


@dataclass(frozen=True)
class Manifest:
    identifier: str
    title: str
    version: str
    scos: tuple[Sco, ...]
    mastery_score: float | None
    launch: str


class PackageError(Exception):
    """A package refused, with a stable ``code`` and what to show the uploader."""

    def __init__(
        self, code: str, message: str, *, line: int | None = None, path: str | None = None
    ):
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.path = path

    def __str__(self) -> str:
        where = [part for part in (self.path, self.line and _("line %d") % self.line) if part]
        return f"{self.message} ({', '.join(where)})" if where else self.message


@dataclass(frozen=True)
class _Limits:
    max_size: int = MAX_SIZE
    max_total: int = MAX_TOTAL
    max_files: int = MAX_FILES
    max_ratio: float = MAX_RATIO


def inspect(data: bytes | BinaryIO, **limits) -> Manifest:
    """Validate a SCORM 1.2 package; raise ``PackageError`` on the first fault found."""
    with _open_zip(data, _Limits(**limits)) as archive:
        return _read_manifest(archive)


def extract(data: bytes | BinaryIO, storage: Storage, prefix: str, **limits) -> Manifest:
    """Validate, then save every member under ``prefix``; on any failure remove what
    was saved and re-raise."""
    manifest = inspect(data, **limits)
    prefix = prefix.strip("/")
    written: list[str] = []
    with _open_zip(data, _Limits(**limits)) as archive:
        try:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                name = f"{prefix}/{info.filename}"
                with archive.open(info) as member:
                    saved = storage.save(name, File(member, name=info.filename))
                written.append(saved)
                if saved != name:
                    raise PackageError(
                        "storage_conflict",
                        _("A file already exists where the package is being stored."),
                        path=name,
                    )
        except BaseException as error:
            for name in written:
                try:
                    storage.delete(name)
                except Exception as cleanup_error:  # the first error is the one to report
                    error.add_note(f"could not delete {name}: {cleanup_error!r}")
            raise
    return manifest


def build_zip(directory: Path) -> bytes:
    """The files under ``directory`` as a zip whose bytes depend only on their names and
    contents: sorted names, fixed timestamps and permissions."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        files = {p.relative_to(directory).as_posix(): p for p in Path(directory).rglob("*")}
        for name in sorted(name for name, path in files.items() if path.is_file()):
            info = zipfile.ZipInfo(name, ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(info, files[name].read_bytes(), compresslevel=9)
    return buffer.getvalue()


# The zip


@contextmanager
def _open_zip(data: bytes | BinaryIO, limits: _Limits) -> Iterator[zipfile.ZipFile]:
    """Open ``data`` as a zip after checking its size, its members' names and sizes."""
    file = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    file.seek(0, io.SEEK_END)
    if file.tell() > limits.max_size:
        raise PackageError(
            "too_large", _("The package is larger than %d MB.") % (limits.max_size // 2**20)
        )
    file.seek(0)
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, EOFError) as error:
        raise PackageError("not_a_zip", _("The file is not a readable zip archive.")) from error
    with archive:
        _check_members(archive, limits)
        yield archive


def _check_members(archive: zipfile.ZipFile, limits: _Limits) -> None:
    infos = archive.infolist()
    if len(infos) > limits.max_files:
        raise PackageError(
            "too_many_files", _("The package holds more than %d files.") % limits.max_files
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        _check_name(info)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise PackageError(
                "unsafe_file", _("The package contains a symbolic link."), path=info.filename
            )
        if info.flag_bits & 0x1:
            raise PackageError(
                "unsafe_file", _("The package contains an encrypted file."), path=info.filename
            )
        if info.filename in seen:
            raise PackageError(
                "unsafe_file", _("The package contains the same file twice."), path=info.filename
            )
        seen.add(info.filename)
        total += info.file_size
        if total > limits.max_total:
            raise PackageError(
                "too_large",
                _("The package's files add up to more than %d MB once uncompressed.")
                % (limits.max_total // 2**20),
            )
        if info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise PackageError(
                "zip_bomb",
                _("A file is compressed more than %d times: the package is refused.")
                % limits.max_ratio,
                path=info.filename,
            )


def _check_name(info: zipfile.ZipInfo) -> None:
    raw = info.orig_filename
    name = info.filename
    parts = name.rstrip("/").split("/") if info.is_dir() else name.split("/")
    unsafe = (
        not name
        or any(char < " " for char in raw)  # NUL (which zipfile truncates) and controls
        or "\\" in raw
        or name.startswith("/")
        or (len(parts[0]) >= 2 and parts[0][1] == ":")  # a drive letter, C:
        or any(part in {"", ".", ".."} for part in parts)
    )
    if unsafe:
        raise PackageError(
            "path_escape",
            _("A file name in the package is not a plain relative path."),
            path=raw.replace("\x00", "\\0"),
        )


# The manifest


class _LineParser(DefusedXMLParser):
    """The defused ElementTree parser recording each element's line in ``sourceline``."""

    def __init__(self):
        super().__init__(forbid_dtd=True)

    def _start(self, *args, **kwargs):
        element = super()._start(*args, **kwargs)
        element.sourceline = self.parser.CurrentLineNumber
        return element


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _namespace(name: str) -> str:
    return name[1:].split("}", 1)[0] if name.startswith("{") else ""


def _children(element, name: str) -> list:
    return [child for child in element if _local(child.tag) == name]


def _child(element, name: str):
    found = _children(element, name)
    return found[0] if found else None


def _text(element, name: str) -> str:
    child = _child(element, name)
    return (child.text or "").strip() if child is not None else ""


def _attribute(element, name: str) -> str:
    """An attribute by case-insensitive local name, in any namespace."""
    for key, value in element.attrib.items():
        if _local(key).lower() == name.lower():
            return value.strip()
    return ""


def _parse_manifest(content: bytes):
    parser = _LineParser()
    try:
        parser.feed(content)
        return parser.close()
    except ParseError as error:
        raise PackageError(
            "manifest_syntax",
            _("The manifest is not well-formed XML: %s") % error,
            line=error.position[0],
            path=MANIFEST,
        ) from error
    except DefusedXmlException as error:
        raise PackageError(
            "manifest_syntax",
            _("The manifest declares a DTD or entities, which are refused."),
            path=MANIFEST,
        ) from error


def _read_manifest(archive: zipfile.ZipFile) -> Manifest:
    names = {info.filename for info in archive.infolist() if not info.is_dir()}
    if MANIFEST not in names:
        nested = sorted(n for n in names if posixpath.basename(n) == MANIFEST)
        message = _("The package has no imsmanifest.xml at its root.")
        if nested:
            message += " " + _("Zip the contents of the folder, not the folder itself.")
        raise PackageError("no_manifest", message, path=nested[0] if nested else None)
    root = _parse_manifest(archive.read(MANIFEST))
    _check_scorm_12(root)
    organization = _default_organization(root)
    resources = _resources(root)
    scos = []
    mastery_score = None
    for item in organization.iter():
        if _local(item.tag) != "item" or not item.get("identifierref"):
            continue
        resource = resources.get(item.get("identifierref"))
        if resource is None:
            raise PackageError(
                "missing_resource",
                _("The item %(item)s refers to a resource %(ref)s the manifest lacks.")
                % {"item": item.get("identifier", ""), "ref": item.get("identifierref")},
                line=item.sourceline,
                path=MANIFEST,
            )
        element, base = resource
        if _attribute(element, "scormtype").lower() != "sco":
            continue
        href = _launch_href(element, base, item, names)
        if not scos:
            mastery_score = _mastery_score(item)
        scos.append(Sco(item.get("identifier", ""), _text(item, "title"), href))
    if not scos:
        raise PackageError(
            "no_sco",
            _("The default organization launches no SCO (a resource of scormtype sco)."),
            line=organization.sourceline,
            path=MANIFEST,
        )
    return Manifest(
        identifier=root.get("identifier", ""),
        title=_text(organization, "title") or scos[0].title or root.get("identifier", ""),
        version=root.get("version", ""),
        scos=tuple(scos),
        mastery_score=mastery_score,
        launch=scos[0].href,
    )


def _check_scorm_12(root) -> None:
    metadata = _child(root, "metadata")
    version = _text(metadata, "schemaversion") if metadata is not None else ""
    namespaces = {_namespace(name) for el in root.iter() for name in (el.tag, *el.attrib)}
    if version == SCHEMA_VERSION_12 or (not version and ADLCP_12 in namespaces):
        return
    raise PackageError(
        "not_scorm_12",
        _("This is not a SCORM 1.2 package (schema version: %s); only SCORM 1.2 is played.")
        % (version or _("none")),
        line=root.sourceline,
        path=MANIFEST,
    )


def _default_organization(root):
    organizations = _child(root, "organizations")
    found = _children(organizations, "organization") if organizations is not None else []
    default = organizations.get("default", "").strip() if organizations is not None else ""
    chosen = next((o for o in found if o.get("identifier") == default), None) if default else None
    if chosen is None and not default and found:
        chosen = found[0]
    if chosen is None:
        raise PackageError(
            "no_organization",
            _("The manifest has no organization %s.") % default
            if default
            else _("The manifest has no organization."),
            line=(organizations if organizations is not None else root).sourceline,
            path=MANIFEST,
        )
    return chosen


def _resources(root) -> dict:
    """Resources by identifier, each with its xml:base (resources' then its own)."""
    found = {}
    for resources in _children(root, "resources"):
        outer = _attribute(resources, "base")
        for resource in _children(resources, "resource"):
            base = outer + _attribute(resource, "base")
            found[resource.get("identifier", "")] = (resource, base)
    return found


def _launch_href(resource, base: str, item, names: set[str]) -> str:
    href = resource.get("href", "").strip()
    if not href:
        raise PackageError(
            "missing_file",
            _("The SCO resource %s has no href.") % resource.get("identifier", ""),
            line=resource.sourceline,
            path=MANIFEST,
        )
    href = base + href
    parameters = item.get("parameters", "").strip()
    if parameters.startswith("#"):
        href += parameters
    elif parameters:
        href += ("&" if "?" in href else "?") + parameters.removeprefix("?")
    parts = urlsplit(href)
    path = posixpath.normpath(unquote(parts.path)) if parts.path else ""
    if parts.scheme or parts.netloc or path.startswith(("/", "..")) or path not in names:
        raise PackageError(
            "missing_file",
            _("The SCO's launch file %s is not in the package.") % href,
            line=resource.sourceline,
            path=MANIFEST,
        )
    return href


def _mastery_score(item) -> float | None:
    element = _child(item, "masteryscore")
    if element is None or not (element.text or "").strip():
        return None
    try:
        score = float(element.text.strip())
    except ValueError:
        score = -1.0
    if not 0 <= score <= 100:
        raise PackageError(
            "invalid_value",
            _("The mastery score %s is not a number from 0 to 100.") % element.text.strip(),
            line=element.sourceline,
            path=MANIFEST,
        )
    return score
