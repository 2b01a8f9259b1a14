"""Every table of the members area downloads as CSV (``?format=csv`` on its own URL)."""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def wants_csv(request) -> bool:
    return request.GET.get("format") == "csv"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """A UTF-8 CSV file (with the byte-order mark spreadsheets look for), one header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@dataclass(frozen=True)
class CsvTable:
    """A table to download: its file name, header and rows (any iterable, read once)."""

    filename: str
    header: Sequence[str]
    rows: Iterable[Sequence]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_streaming_response(table: CsvTable) -> StreamingHttpResponse:
    """``table`` as a UTF-8 CSV sent row by row, never whole in memory (large tables)."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow(table.header)
        for row in table.rows:
            yield writer.writerow([_cell(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table.filename}"'
    return response
