"""Documents served with byte ranges: a video player asks for parts of the file to start
and to seek, and Safari plays no video whose server answers ranges with the whole file."""

import re

from django.http import FileResponse, HttpResponse
from wagtail.documents.views.serve import serve as wagtail_serve

SINGLE_RANGE = re.compile(r"bytes=(\d*)-(\d*)")
CHUNK_BYTES = 64 * 1024


def serve(request, document_id, document_filename):
    """Wagtail's document view (privacy, ETag), then the part of the file asked for."""
    response = wagtail_serve(request, document_id, document_filename)
    if not isinstance(response, FileResponse) or response.status_code != 200:
        return response
    response["Accept-Ranges"] = "bytes"
    asked = request.headers.get("Range")
    if (
        request.method != "GET"
        or asked is None
        or "Content-Length" not in response
        or not _unchanged(request, response)
    ):
        return response
    size = int(response["Content-Length"])
    part = _part(asked, size)
    if part is None:  # several ranges or a malformed one: the whole file (RFC 9110)
        return response
    if not part:
        # Only the file: closing the response would signal the end of the request.
        response.file_to_stream.close()
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        return refused
    stream = response.file_to_stream
    stream.seek(part.start)
    response.streaming_content = _read(stream, len(part))  # the file is closed after
    response.status_code = 206
    response["Content-Range"] = f"bytes {part.start}-{part.stop - 1}/{size}"
    response["Content-Length"] = str(len(part))
    return response


def _unchanged(request, response) -> bool:
    """No If-Range, or one naming the file as served (its ETag or its date)."""
    condition = request.headers.get("If-Range")
    return condition is None or condition in {response.get("ETag"), response.get("Last-Modified")}


def _part(header: str, size: int) -> range | None:
    """The bytes one range asks for: empty when none of them exists, None when the header
    is not one range of bytes."""
    match = SINGLE_RANGE.fullmatch(header.strip())
    if match is None or match.groups() == ("", ""):
        return None
    first, last = (int(number) if number else None for number in match.groups())
    if first is None:  # the last ``last`` bytes
        return range(max(size - last, 0), size)
    if last is not None and last < first:
        return None
    return range(first, size if last is None else min(last + 1, size))


def _read(stream, length: int):
    while length > 0:
        chunk = stream.read(min(CHUNK_BYTES, length))
        if not chunk:
            return
        length -= len(chunk)
        yield chunk
