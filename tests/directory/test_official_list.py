"""The nearest maison, checked against a brute-force computation on the official list."""

import csv
import math
from pathlib import Path

import pytest
from django.core.management import call_command

from directory.models import ItineraryStop, MaisonPage
from directory.nearby import find_nearby

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
CSV_2024 = DATA / "france-services" / "liste-fs-20240801.csv"
COMMUNES = DATA / "communes" / "communes-2024.csv"
SAMPLE_SIZE = 1_000


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


def test_first_result_is_the_truly_nearest_maison_over_a_thousand_communes(capsys):
    call_command("import_france_services", str(CSV_2024))
    capsys.readouterr()
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
