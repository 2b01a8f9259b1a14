"""Tests on the whole official list (2,845 maisons): its import, the nearest maison
checked against a brute-force computation, its CSV export, the site search on it, and the
dashboards' hours panel checked against figures computed here from the file's cells.

The import takes about half a minute, so it runs once per module and worker (``official_list``),
in a transaction rolled back after the module's last test; each test runs in a savepoint
inside it (pytest-django's ``db``), so what a test writes is gone before the next one. Under
xdist it is built once per worker that runs some of these tests.
"""

import csv
import io
import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Revision

from directory.maisons import exports
from directory.maisons.nearby import find_nearby
from directory.models import ItineraryStop, MaisonPage
from tests.directory.test_exports import (
    csv_rows,
    data_inclusion_structure,
    exported_maisons,
    import_file,
)
from tests.directory.test_import import imported, source_ids_without_hours
from tests.directory.test_unpublished_hours import MONDAY_MORNING, UNPUBLISHED, text_of
from tests.factories import MaisonPageFactory
from tests.network.conftest import member_client, members  # noqa: F401 - fixtures
from tests.search.test_search_results import hits, search, total

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
CSV_2024 = DATA / "france-services" / "liste-fs-20240801.csv"
COMMUNES = DATA / "communes" / "communes-2024.csv"
SAMPLE_SIZE = 1_000


@dataclass
class OfficialList:
    summary: str  # the import's last line
    report: Path  # its --report file


@pytest.fixture(scope="module")
def official_list(django_db_setup, django_db_blocker, tmp_path_factory):
    """The official list imported on the skeleton once for the module, rolled back after."""
    report = tmp_path_factory.mktemp("official-list") / "report.txt"
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = io.StringIO()
            call_command(
                "import_france_services",
                str(CSV_2024),
                "--report",
                str(report),
                stdout=out,
                stderr=io.StringIO(),
            )
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    try:
        yield OfficialList(summary=out.getvalue().strip().splitlines()[-1], report=report)
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_the_official_2024_list_imports_whole_then_changes_nothing(official_list):
    # arrange
    revisions = Revision.objects.count()
    # act
    second = import_file(CSV_2024)
    # assert
    assert official_list.summary == "created=2845 updated=0 unchanged=0 rejected=0"
    assert second == "created=0 updated=0 unchanged=2845 rejected=0"
    assert Revision.objects.count() == revisions
    maisons = imported()
    assert maisons.count() == 2845
    assert not maisons.filter(latitude__isnull=True).exists()
    assert not maisons.filter(longitude__isnull=True).exists()
    # every non-empty cell of hours was read
    assert list(maisons.exclude(hours_problems="").values_list("source_id", flat=True)) == []
    # a maison without hours is one whose cells hold nothing but "00:00 - 00:00" fillers
    without_hours = set(
        maisons.filter(opening_intervals__isnull=True).values_list("source_id", flat=True)
    )
    assert without_hours == source_ids_without_hours()
    assert maisons.filter(kind=MaisonPage.Kind.ANTENNA).count() == 124
    assert maisons.filter(format=MaisonPage.Format.BUS).count() == 134
    # antennas of a group point to the group's main site
    antenna = maisons.filter(kind="antenne").exclude(group="").exclude(principal=None).first()
    assert antenna.principal.group == antenna.group
    # a real maison keeps its identity, department and hours
    valserhone = MaisonPage.objects.get(source_id="1")
    assert valserhone.title == "France services de Valserhône"
    assert valserhone.department.code == "01"
    hours = [
        (i.weekday, f"{i.opens:%H:%M}", f"{i.closes:%H:%M}")
        for i in valserhone.opening_intervals.all()
    ]
    assert hours[:3] == [(0, "13:30", "17:00"), (1, "09:00", "12:00"), (1, "13:30", "17:00")]
    assert valserhone.live and valserhone.url == "/maisons/france-services-de-valserhone/"
    # the report lists the rows with issues (e-mails with several addresses)
    report = official_list.report.read_text(encoding="utf-8")
    assert "ligne 640, colonne mail" in report
    assert "unknown department" not in report
    # Saint-Martin's maisons are in their collectivity, on its time and its holidays
    saint_martin = MaisonPage.objects.get(source_id="1684")
    assert saint_martin.department.code == "978"
    assert saint_martin.timezone == "America/Marigot"
    assert saint_martin.schedule().holiday_subdivision == "MF"


def test_csv_export_of_the_official_list_reimports_without_any_change(
    official_list, tmp_path, django_assert_max_num_queries
):
    # arrange: two maisons of the site beside the official list, with ids it does not use
    assert official_list.summary == "created=2845 updated=0 unchanged=0 rejected=0"
    for source_id in ("essai-01", "essai-02"):
        MaisonPageFactory(source_id=source_id, hours=[(0, "09:00", "12:00")])
    # act
    with django_assert_max_num_queries(10):
        content = exports.get_export("csv").content
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    summary = import_file(path)
    # assert
    rows = csv_rows(content)
    assert len(rows) == exported_maisons().count() == 2845 + 2
    assert summary == f"created=0 updated=0 unchanged={len(rows)} rejected=0"
    with CSV_2024.open(encoding="utf-8", newline="") as handle:
        official = list(csv.DictReader(handle))
    # the official rows keep their order, and a clean row comes back cell for cell
    official_ids = [row["id_fs"] for row in official]
    assert [row["id_fs"] for row in rows if not row["id_fs"].startswith("essai-")] == official_ids
    first = next(row for row in rows if row["id_fs"] == "1")
    assert first == official[0] | {"site_web": ""}


def test_every_maison_of_the_official_list_is_a_valid_data_inclusion_structure(official_list):
    # act
    structures = json.loads(exports.get_export("structures").content)
    # assert: the schema's own model (v1) reads each one
    assert len(structures) == exported_maisons().count()
    for structure in structures:
        data_inclusion_structure(structure)


def test_maisons_of_the_official_list_by_commune_and_department(official_list, client):
    maisons = MaisonPage.objects.live().filter(locale__language_code="fr")
    in_lodeve = maisons.filter(commune_name__iexact="Lodève").count()
    assert in_lodeve
    html = search(client, q="lodeve", type="france-services")
    found = hits(html)
    assert len(found) >= in_lodeve
    assert all(kind == "France Services" for _, _, kind in found)
    departments = {
        option["value"]: int(option.get_text().rpartition("(")[2].rstrip(")"))
        for option in html.select("#facet-department option")
        if option["value"]
    }
    assert sum(departments.values()) == total(html)
    narrowed = search(client, q="lodeve", department="34")
    assert total(narrowed) == departments["34"]
    herault = set(maisons.filter(department__code="34").values_list("url_path", flat=True))
    assert all(any(path.endswith(address) for path in herault) for _, address, _ in hits(narrowed))


def vincenty_sphere_km(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance by the Vincenty formula on the sphere (another formula than
    the haversine the application uses), same mean radius."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dlambda = math.radians(lon2 - lon1)
    numerator = math.hypot(
        math.cos(phi2) * math.sin(dlambda),
        math.cos(phi1) * math.sin(phi2) - math.sin(phi1) * math.cos(phi2) * math.cos(dlambda),
    )
    denominator = math.sin(phi1) * math.sin(phi2) + math.cos(phi1) * math.cos(phi2) * math.cos(
        dlambda
    )
    return 6371.0088 * math.atan2(numerator, denominator)


def commune_points() -> list[tuple[str, float, float]]:
    with COMMUNES.open(encoding="utf-8", newline="") as handle:
        rows = [
            (row["insee_com"], float(row["lat"]), float(row["lng"]))
            for row in csv.DictReader(handle)
            if row["lat"] and row["lng"] and row["commune_type"] == "COM"
        ]
    step = len(rows) // SAMPLE_SIZE
    return rows[::step][:SAMPLE_SIZE]


def test_first_result_is_the_truly_nearest_maison_over_a_thousand_communes(official_list):
    maisons = MaisonPage.objects.live()
    stops: dict[int, list[tuple[float, float]]] = {}
    for maison_id, lat, lon in ItineraryStop.objects.filter(latitude__isnull=False).values_list(
        "maison_id", "latitude", "longitude"
    ):
        stops.setdefault(maison_id, []).append((lat, lon))
    points = [
        (pk, stops.get(pk, [(lat, lon)]))
        for pk, lat, lon in maisons.filter(latitude__isnull=False).values_list(
            "pk", "latitude", "longitude"
        )
    ]
    assert len(points) > 2_800

    checked = beyond = 0
    # Every other commune with a 5 km radius, so that the search beyond the radius (when
    # nothing lies within it) is checked too.
    for number, (insee, lat, lon) in enumerate(commune_points()):
        radius = 5 if number % 2 else 20
        distances = {
            pk: min(vincenty_sphere_km(lat, lon, *point) for point in places)
            for pk, places in points
        }
        nearest = min(distances.values())
        found = find_nearby(maisons, latitude=lat, longitude=lon, radius_km=radius)
        first = found.hits[0]
        assert first.distance_km == pytest.approx(nearest, abs=1e-6), insee
        assert distances[first.maison_id] == pytest.approx(nearest, abs=1e-6), insee
        checked += 1
        assert found.beyond_radius == (nearest > radius), insee
        if found.beyond_radius:
            # The few nearest beyond the radius are the truly nearest few, in order.
            expected = sorted(distances.values())[: len(found.hits)]
            measured = [hit.distance_km for hit in found.hits]
            assert measured == pytest.approx(expected, abs=1e-6), insee
        beyond += found.beyond_radius
    assert checked >= 1_000
    # Both paths are exercised: within the default radius, and the nearest beyond it.
    assert 0 < beyond < checked


@time_machine.travel(MONDAY_MORNING, tick=False)
@pytest.mark.usefixtures("official_list")
def test_the_48_official_maisons_without_hours_say_to_call_never_closed(client):
    # arrange: the official 2024 list, imported once for the module
    assert MaisonPage.objects.count() == 2845
    without_hours = MaisonPage.objects.filter(opening_intervals__isnull=True)

    # act
    statuses = {maison.source_id: maison.status_at() for maison in without_hours}
    pages = {maison.source_id: text_of(client.get(maison.url)) for maison in without_hours}

    # assert
    assert len(statuses) == 48
    assert all(not status.hours_published for status in statuses.values())
    for source_id, text in pages.items():
        assert UNPUBLISHED in text, source_id
        assert "Fermé" not in text and "fermé" not in text, source_id


# The dashboards' hours panel (issue 25): each maison's weekly hours, days open and
# conformity against the official CSV's cells ("09:00 - 12:00 / 13:30 - 17:00").
HOURS_DAYS = ("h_lundi", "h_mardi", "h_mercredi", "h_jeudi", "h_vendredi", "h_samedi")


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
                week = [day_minutes(line[day]) for day in HOURS_DAYS]
            except ValueError:
                continue  # a cell the import refuses too; compared through the others
            total, days = sum(week), sum(1 for day in week if day)
            conformity = (
                "inconnu" if not total else "oui" if total >= 24 * 60 and days >= 5 else "non"
            )
            hours = str(round(total / 60, 2)) if total else ""
            expected[line["id_fs"]] = (hours, str(days), conformity)
    return expected


@pytest.mark.usefixtures("official_list")
def test_the_hours_panel_matches_the_official_file(members, member_client):  # noqa: F811
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
