"""Helpers of the panels' tests: a panel's CSV read back as rows."""

import csv
import io


def csv_rows(response) -> list[list[str]]:
    """The rows of a streamed CSV download, its header first."""
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))
