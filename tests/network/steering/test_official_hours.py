"""The hours panel on the whole official list (2,845 maisons): each maison's weekly hours,
days open and conformity checked against figures this test computes itself from the
official CSV's cells ("09:00 - 12:00 / 13:30 - 17:00")."""

import csv
import io
from collections import Counter

import pytest

from tests.directory.test_official_list import CSV_2024, official_list  # noqa: F401

pytestmark = pytest.mark.django_db

DAYS = ("h_lundi", "h_mardi", "h_mercredi", "h_jeudi", "h_vendredi", "h_samedi")


def minutes(clock: str) -> int:
    hours, mins = clock.strip().split(":")
    return int(hours) * 60 + int(mins)


def day_minutes(cell: str) -> int:
    """The minutes a cell opens: its intervals, "00:00 - 00:00" placeholders dropped and
    overlapping ones merged (the file repeats some)."""
    spans = sorted(
        (minutes(opens), minutes(closes))
        for opens, closes in (piece.split("-") for piece in cell.split("/") if piece.strip())
        if (opens.strip(), closes.strip()) != ("00:00", "00:00")
    )
    merged: list[list[int]] = []
    for opens, closes in spans:
        if merged and opens <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], closes)
        else:
            merged.append([opens, closes])
    return sum(closes - opens for opens, closes in merged)


def expected_hours() -> dict[str, tuple[str, str, str]]:
    """Per id_fs: weekly hours, days open and conformity, from the official file."""
    expected = {}
    with CSV_2024.open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            try:
                week = [day_minutes(line[day]) for day in DAYS]
            except ValueError:
                continue  # a cell the import refuses too; compared through the others
            total, days = sum(week), sum(1 for day in week if day)
            conformity = (
                "inconnu" if not total else "oui" if total >= 24 * 60 and days >= 5 else "non"
            )
            hours = str(round(total / 60, 2)) if total else ""
            expected[line["id_fs"]] = (hours, str(days), conformity)
    return expected


def test_hours_and_conformity_match_the_official_file(official_list, members, member_client):  # noqa: F811
    client = member_client(members.national)

    response = client.get("/espace-agents/pilotage/horaires/", {"format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = {row[0]: tuple(row[3:]) for row in list(csv.reader(io.StringIO(text)))[1:]}
    expected = expected_hours()

    compared = set(rows) & set(expected)
    assert len(compared) > 2_800
    assert {source_id: rows[source_id] for source_id in compared} == {
        source_id: expected[source_id] for source_id in compared
    }
    counts = Counter(conformity for _, _, conformity in rows.values())
    card = client.get("/espace-agents/pilotage/").content.decode()
    assert f">{counts['non']}</a>" in card
    assert f">{counts['inconnu']}</a>" in card
