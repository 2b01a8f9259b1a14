"""The public JSON API (``/api/v1/``): maisons near a place, one maison, communes; its
errors, headers, rate limit, documentation and query count.

Each test builds what it reads with the factories, in the Finistère (29), where the demo
has no maison, and freezes the clock where the answer depends on it."""

import itertools
import json
import re
from datetime import date, datetime, time
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import jsonschema
import pytest
import time_machine
from bs4 import BeautifulSoup

from directory.maisons.api import api
from directory.maisons.nearby import great_circle_km
from directory.models import Department, MaisonPage, Partner, PartnerPresence
from portal.content_version import bump_content_version
from tests.factories import (
    STOP_COLUMNS,
    ClosureFactory,
    CommuneFactory,
    CommunePostcodeFactory,
    ItineraryStopFactory,
    MaisonPageFactory,
    PartnerFactory,
    PartnerPresenceFactory,
    add_stops,
)

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
QUIMPER = (47.996, -4.1024)
NEAR_QUIMPER = f"{QUIMPER[0]},{QUIMPER[1]}"
MAISONS = "/api/v1/maisons/"
COMMUNES = "/api/v1/communes/"
# Tuesday 17 November 2026, 10:00 and Sunday 22 November 2026, 03:00 in Paris
TUESDAY_MORNING = datetime(2026, 11, 17, 10, tzinfo=PARIS)
SUNDAY_NIGHT = datetime(2026, 11, 22, 3, tzinfo=PARIS)

FIELDS = {
    "id": int,
    "source_id": str,
    "name": str,
    "url": str,
    "kind": str,
    "format": str,
    "address": str,
    "postcode": str,
    "commune": str,
    "insee_com": str,
    "department": str,
    "lat": float,
    "lon": float,
    "distance_km": float,
    "open_now": bool,
    "next_opening": (str, type(None)),
    "opening_hours": str,
    "partners": list,
}

# Hours as (weekday, opens, closes); weekday 0 = Monday.
WEEKDAYS = [(day, *slot) for day in range(5) for slot in (("09:00", "12:00"), ("13:30", "17:00"))]
TUESDAY_TO_SATURDAY = [
    *((day, *slot) for day in range(1, 5) for slot in (("09:00", "12:30"), ("14:00", "17:30"))),
    (5, "09:00", "12:00"),
]
MONDAY_AND_THURSDAY = [(0, "09:00", "12:00"), (3, "09:00", "12:00")]
BUS_HOURS = [(day, "09:30", "16:30") for day in range(5)]

# Maisons of the Finistère: (key, commune, INSEE, postcode, latitude, longitude, hours);
# their distance from Quimper in km in the comment.
FINISTERE = [
    ("quimper", "Quimper", "29232", "29000", *QUIMPER, TUESDAY_TO_SATURDAY),  # 0
    ("concarneau", "Concarneau", "29039", "29900", 47.8753, -3.9189, TUESDAY_TO_SATURDAY),  # 19.2
    ("douarnenez", "Douarnenez", "29046", "29100", 48.0925, -4.3300, WEEKDAYS),  # 20.0
    ("rosporden", "Rosporden", "29241", "29140", 47.9614, -3.8342, WEEKDAYS),  # 20.3
    ("chateaulin", "Châteaulin", "29026", "29150", 48.1967, -4.0900, WEEKDAYS),  # 22.3
    ("crozon", "Crozon", "29042", "29160", 48.2464, -4.4897, WEEKDAYS),  # 40.0
    ("quimperle", "Quimperlé", "29233", "29300", 47.8728, -3.5497, WEEKDAYS),  # 43.4
    (
        "carhaix",
        "Carhaix-Plouguer",
        "29024",
        "29270",
        48.2758,
        -3.5736,
        MONDAY_AND_THURSDAY,
    ),  # 50.1
    ("landerneau", "Landerneau", "29103", "29800", 48.4508, -4.2494, WEEKDAYS),  # 51.7
    ("brest", "Brest", "29019", "29200", 48.3904, -4.4861, WEEKDAYS),  # 52.3
    ("morlaix", "Morlaix", "29151", "29600", 48.5775, -3.8278, WEEKDAYS),  # 67.8
]
# The bus's stops: (place, commune, INSEE, latitude, longitude, weekday, starts, ends,
# frequency, first date); distance from Quimper in the comment.
BUS_STOP_COLUMNS = (*STOP_COLUMNS, "starts", "ends", "frequency", "reference_date")
BUS_STOPS = [
    (
        "Place de la République",
        "Pont-l’Abbé",
        "29220",
        47.8667,
        -4.2231,
        1,
        "09:30",
        "12:00",
        "weekly",
        None,
    ),  # 17.0
    (
        "Quai Jean Jaurès",
        "Audierne",
        "29003",
        48.0217,
        -4.5392,
        2,
        "09:30",
        "12:00",
        "weekly",
        None,
    ),  # 32.6
    (
        "Parking de la salle des fêtes",
        "Briec",
        "29020",
        48.1019,
        -3.9994,
        3,
        "14:00",
        "16:30",
        "biweekly",
        date(2026, 11, 19),
    ),  # 14.05
]


def finistere_maison(key, commune, insee, postcode, latitude, longitude, hours, **fields):
    return MaisonPageFactory(
        title=fields.pop("title", f"France Services de {commune}"),
        source_id=f"test-29-{key}",
        address=fields.pop("address", "1 place de la Mairie"),
        commune_name=commune,
        insee_commune=insee,
        postcode=postcode,
        department=Department.objects.get(code="29"),
        latitude=latitude,
        longitude=longitude,
        phone="02 98 00 00 00",
        hours=hours,
        **fields,
    )


def bus_with_stops():
    """A bus of the Finistère (weekdays 09:30–16:30) and its three stops."""
    bus = finistere_maison(
        "bus",
        "Quimper",
        "29232",
        "29000",
        *QUIMPER,
        BUS_HOURS,
        title="France Services itinérante du Pays Bigouden",
        format=MaisonPage.Format.BUS,
    )
    add_stops(bus, BUS_STOPS, columns=BUS_STOP_COLUMNS)
    return bus


def network() -> dict[str, MaisonPage]:
    """The maisons of ``FINISTERE`` and the bus, by key. Quimper has three partners with
    permanences (a national one, two local ones), Morlaix is closed 16–20 November 2026."""
    maisons = {row[0]: finistere_maison(*row) for row in FINISTERE}
    maisons["bus"] = bus_with_stops()
    quimper = maisons["quimper"]
    quimper.booking = True
    quimper.address = "3 rue de l’Essai"
    quimper.save()
    national = PartnerFactory(name="Caisse d’essai", slug="caisse-essai", national=True)
    mission = PartnerFactory(name="Mission d’essai", slug="mission-essai")
    conciliateur = PartnerFactory(name="Conciliateur d’essai", slug="conciliateur-essai")
    PartnerPresenceFactory(
        maison=quimper, partner=national, weekday=1, starts=time(14), ends=time(16)
    )
    PartnerPresenceFactory(
        maison=quimper, partner=mission, weekday=2, starts=time(14), ends=time(17)
    )
    PartnerPresenceFactory(
        maison=quimper,
        partner=conciliateur,
        weekday=3,
        starts=time(9),
        ends=time(12),
        mode=PartnerPresence.Mode.PHONE,
    )
    ClosureFactory(
        maison=maisons["morlaix"],
        start_date=date(2026, 11, 16),
        end_date=date(2026, 11, 20),
        reason="Travaux",
    )
    return maisons


def commune(insee, name, department, postcodes, latitude, longitude, population=1000):
    """A commune of the commune table, with its postcodes."""
    row = CommuneFactory(
        insee=insee,
        name=name,
        name_with_article=name,
        department=Department.objects.get(code=department),
        latitude=latitude,
        longitude=longitude,
        population=population,
    )
    for postcode in postcodes:
        CommunePostcodeFactory(commune=row, postcode=postcode)
    return row


def quimper_commune():
    return commune("29232", "Quimper", "29", ["29000"], *QUIMPER, population=63000)


@pytest.fixture(autouse=True)
def commune_table(settings):
    """The API's ``commune`` parameter is read with the offline commune table here."""
    settings.DIRECTORY_GEOCODER = "communes"


def get(client, path=MAISONS, **params):
    return client.get(f"{path}?{urlencode(params)}" if params else path)


def maisons(client, **params) -> dict:
    response = get(client, **params)
    assert response.status_code == 200, response.content
    return response.json()


def ids(data: dict) -> list[int]:
    return [result["id"] for result in data["results"]]


def by_source(data: dict) -> dict[str, dict]:
    return {result["source_id"]: result for result in data["results"]}


def pks(built: dict[str, MaisonPage], *keys: str) -> list[int]:
    return [built[key].pk for key in keys]


def paris_datetime(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    assert moment.tzinfo is not None, value
    return moment


def at(moment: datetime):
    """The clock stopped at ``moment`` (over ``--clock`` too)."""
    return time_machine.travel(moment, tick=False)


# The network's maisons nearest Quimper first (the bus at its stop of Briec, 14 km).
BY_DISTANCE = [
    "quimper",
    "bus",
    "concarneau",
    "douarnenez",
    "rosporden",
    "chateaulin",
    "crozon",
    "quimperle",
    "carhaix",
    "landerneau",
    "brest",
    "morlaix",
]


# List near a point ---------------------------------------------------------------------


def test_list_near_quimper_has_every_field_with_its_type(client):
    # arrange
    built = network()
    # act
    with at(TUESDAY_MORNING):
        data = maisons(client, near=NEAR_QUIMPER, radius_km=200, limit=100)
    # assert
    assert type(data["count"]) is int
    assert ids(data) == pks(built, *BY_DISTANCE)
    for result in data["results"]:
        for name, kind in FIELDS.items():
            assert name in result, name
            assert isinstance(result[name], kind), (name, result[name])
        assert type(result["id"]) is int
        assert type(result["open_now"]) is bool
        assert re.fullmatch(r"\d{5}", result["postcode"])
        assert re.fullmatch(r"\d[\dAB]\d{3}", result["insee_com"])
        assert result["url"].startswith("http") and result["url"].endswith("/")
        assert result["kind"] in MaisonPage.Kind.values
        assert result["format"] in MaisonPage.Format.values
        assert all(isinstance(slug, str) for slug in result["partners"])
        assert result["partners"] == sorted(result["partners"])
        if result["open_now"]:
            assert result["next_opening"] is None
        else:
            assert paris_datetime(result["next_opening"]) > TUESDAY_MORNING
    results = by_source(data)
    assert results["test-29-carhaix"]["open_now"] is False  # open on Monday and Thursday
    assert results["test-29-morlaix"]["open_now"] is False  # closed 16–20 November
    first = data["results"][0]
    assert first["source_id"] == "test-29-quimper"
    assert first["name"] == "France Services de Quimper"
    assert first["address"] == "3 rue de l’Essai"
    assert (first["commune"], first["insee_com"]) == ("Quimper", "29232")
    assert first["postcode"] == "29000"
    assert first["department"] == "29"
    assert (first["lat"], first["lon"]) == QUIMPER
    assert first["distance_km"] == 0
    assert first["open_now"] is True
    assert first["url"].endswith("/maisons/france-services-de-quimper/")
    assert first["opening_hours"].startswith("Tu-Fr 09:00-12:30,14:00-17:30; Sa 09:00-12:00")
    assert {"caisse-essai", "mission-essai", "conciliateur-essai"} <= set(first["partners"])


def test_list_is_sorted_by_distance_measured_from_the_point(client):
    # arrange
    built = network()
    # act
    data = maisons(client, near=NEAR_QUIMPER, radius_km=200, limit=100)
    # assert
    assert ids(data) == pks(built, *BY_DISTANCE)
    distances = [result["distance_km"] for result in data["results"]]
    assert distances == sorted(distances)
    assert len(distances) == 12
    for result in data["results"]:
        point = result["nearest_stop"] or result
        expected = great_circle_km(*QUIMPER, point["lat"], point["lon"])
        assert result["distance_km"] == pytest.approx(expected, abs=0.001), result["source_id"]
    assert distances[-1] == pytest.approx(67.78, abs=0.01)  # Morlaix


def test_count_and_pages_are_consistent(client):
    # arrange
    built = network()
    everything = maisons(client, near=NEAR_QUIMPER, radius_km=200, limit=100)
    total = everything["count"]
    # act
    pages = [
        maisons(client, near=NEAR_QUIMPER, radius_km=200, limit=4, offset=offset)
        for offset in range(0, total + 4, 4)
    ]
    # assert
    assert total == len(everything["results"]) == len(built) == 12
    assert all(page["count"] == total for page in pages)
    assert all(len(page["results"]) <= 4 for page in pages)
    assert [maison for page in pages for maison in ids(page)] == ids(everything)
    assert pages[-1]["results"] == []


def test_an_offset_past_the_end_gives_no_results_but_the_count(client):
    # arrange
    network()
    # act
    data = maisons(client, near=NEAR_QUIMPER, radius_km=200, offset=1000)
    # assert
    assert data["count"] == 12
    assert data["results"] == []


def test_the_radius_is_respected(client):
    # arrange
    built = network()
    wide = maisons(client, near=NEAR_QUIMPER, radius_km=200, limit=100)
    # act
    narrow = maisons(client, near=NEAR_QUIMPER, radius_km=15, limit=100)
    # assert
    assert ids(narrow) == pks(built, "quimper", "bus")  # Briec's stop at 14 km
    assert all(result["distance_km"] <= 15 for result in narrow["results"])
    assert narrow["count"] == 2 < wide["count"] == 12
    assert ids(narrow) == [
        result["id"] for result in wide["results"] if result["distance_km"] <= 15
    ]


def test_nothing_within_the_radius_gives_nothing(client):
    # arrange: the sea off the Finistère, 20 km around, has no maison
    network()
    # act
    data = maisons(client, near="47.5,-5.5", radius_km=20)
    # assert
    assert data == {"count": 0, "results": []}


def test_the_bus_reports_its_nearest_stop(client):
    # arrange
    built = network()
    # act
    with at(TUESDAY_MORNING):
        data = maisons(client, near=NEAR_QUIMPER, radius_km=50, limit=100)
    # assert
    results = by_source(data)
    stop = results["test-29-bus"]["nearest_stop"]
    assert stop["commune"] == "Briec"
    assert stop["place"] == "Parking de la salle des fêtes"
    assert stop["insee_com"] == "29020"
    assert (stop["lat"], stop["lon"]) == (48.1019, -3.9994)
    assert results["test-29-bus"]["distance_km"] == pytest.approx(
        great_circle_km(*QUIMPER, 48.1019, -3.9994), abs=0.001
    )
    assert results["test-29-bus"]["distance_km"] == pytest.approx(14.05, abs=0.01)
    # every other Thursday from 19 November 2026, 14:00–16:30
    assert paris_datetime(stop["next_passage"]) == datetime(2026, 11, 19, 14, tzinfo=PARIS)
    assert results["test-29-bus"]["id"] == built["bus"].pk
    assert all(
        result["nearest_stop"] is None
        for source_id, result in results.items()
        if source_id != "test-29-bus"
    )


def test_without_a_place_every_live_maison_is_listed_in_a_stable_order(client):
    # arrange: counting every live maison of the site (the demo's too) is the point here
    built = network()
    page = built["quimper"]
    page.unpublish()
    live = list(MaisonPage.objects.live().order_by("pk").values_list("pk", flat=True))
    # act
    pages = [maisons(client, limit=100, offset=offset) for offset in range(0, len(live), 100)]
    # assert
    listed = [maison for data in pages for maison in ids(data)]
    assert all(data["count"] == len(live) for data in pages)
    assert listed == live
    assert page.pk not in listed
    assert [pk for pk in listed if pk in pks(built, *BY_DISTANCE)] == sorted(
        pks(built, *BY_DISTANCE[1:])
    )
    assert all(result["distance_km"] is None for data in pages for result in data["results"])


# List near a commune -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["29232", "29000", "quimper", "Quimper", "QUIMPER"])
def test_a_commune_by_code_postcode_or_name_gives_the_same_search(client, name):
    # arrange
    built = network()
    quimper_commune()
    near = maisons(client, near=NEAR_QUIMPER)
    # act
    data = maisons(client, commune=name)
    # assert
    assert data["results"][0]["source_id"] == "test-29-quimper"
    assert data["results"][0]["distance_km"] == 0
    assert data["count"] == near["count"]
    assert ids(data) == ids(near) == pks(built, *BY_DISTANCE[:3])  # within 20 km


SAINT_ESSAI = ["29", "35", "22", "56", "2B"]


def test_namesakes_are_a_bad_request_naming_them(client):
    # arrange
    for number, department in enumerate(SAINT_ESSAI):
        commune(f"{department}9{number}0", "Saint-Essai", department, [], 48.0, -3.0)
    # act
    response = get(client, commune="saint essai")
    # assert
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert isinstance(detail, str)
    for code in SAINT_ESSAI:
        assert f"Saint-Essai ({code})" in detail


@pytest.mark.parametrize("name", ["Atlantide", "99999", "00000"])
def test_an_unknown_commune_is_a_bad_request(client, name):
    # arrange
    quimper_commune()
    # act
    response = get(client, commune=name)
    # assert
    assert response.status_code == 400
    assert name in response.json()["detail"]


# Filters -------------------------------------------------------------------------------


def test_a_local_partner_keeps_only_the_maisons_it_visits(client):
    # arrange: the Mission d’essai holds permanences in Quimper (the network's), Douarnenez
    # and Brest, which is unpublished; another local partner visits Crozon
    built = network()
    mission = Partner.objects.get(slug="mission-essai")
    PartnerPresenceFactory(maison=built["douarnenez"], partner=mission)
    PartnerPresenceFactory(maison=built["brest"], partner=mission)
    PartnerPresenceFactory(maison=built["crozon"], partner__slug="autre-essai")
    built["brest"].unpublish()
    visited = set(
        PartnerPresence.objects.filter(partner=mission, maison__live=True).values_list(
            "maison_id", flat=True
        )
    )
    everything = maisons(client, near=NEAR_QUIMPER, radius_km=200, limit=100)
    # act
    data = maisons(client, near=NEAR_QUIMPER, radius_km=200, limit=100, partner="mission-essai")
    # assert
    assert ids(data) == pks(built, "quimper", "douarnenez")
    assert set(ids(data)) == visited
    assert data["count"] == 2
    assert all("mission-essai" in result["partners"] for result in data["results"])
    assert ids(data) == [
        result["id"] for result in everything["results"] if "mission-essai" in result["partners"]
    ]


def test_a_national_partner_keeps_every_maison(client):
    # arrange
    built = network()
    everything = maisons(client, near=NEAR_QUIMPER, radius_km=200, limit=100)
    # act
    data = maisons(client, near=NEAR_QUIMPER, radius_km=200, limit=100, partner="caisse-essai")
    # assert: present in Quimper only, and everywhere as a national partner
    assert data["count"] == everything["count"] == 12
    assert ids(data) == ids(everything) == pks(built, *BY_DISTANCE)
    assert all("caisse-essai" in result["partners"] for result in data["results"])


@pytest.mark.parametrize(
    ("value", "keys"),
    [
        ("only", ["bus", "tour"]),
        ("exclude", ["quimper", "concarneau"]),
        ("include", ["quimper", "bus", "concarneau", "tour"]),
    ],
)
def test_the_itinerant_filter(client, value, keys):
    # arrange: a fixed maison, a bus (Briec at 14 km), another fixed one (19 km) and an
    # itinerant maison stopping at Châteaulin (22 km)
    built = {
        "quimper": finistere_maison(*FINISTERE[0]),
        "bus": bus_with_stops(),
        "concarneau": finistere_maison(*FINISTERE[1]),
        "tour": finistere_maison("tour", *FINISTERE[4][1:], format=MaisonPage.Format.ITINERANT),
    }
    ItineraryStopFactory(
        maison=built["tour"],
        place="Mairie",
        commune_name="Châteaulin",
        insee_commune="29026",
        latitude=48.1967,
        longitude=-4.0900,
    )
    everything = maisons(client, near=NEAR_QUIMPER, radius_km=200, limit=100)
    # act
    data = maisons(client, near=NEAR_QUIMPER, radius_km=200, limit=100, itinerant=value)
    # assert
    itinerant = {"bus", "itinerante"}
    keep = {
        "only": lambda result: result["format"] in itinerant,
        "exclude": lambda result: result["format"] not in itinerant,
        "include": lambda result: True,
    }[value]
    assert ids(data) == pks(built, *keys)
    assert ids(data) == [result["id"] for result in everything["results"] if keep(result)]


def test_the_saturday_filter_keeps_maisons_open_on_saturday(client):
    # arrange
    built = network()
    # act
    data = maisons(client, near=NEAR_QUIMPER, radius_km=200, limit=100, saturday="true")
    # assert
    assert ids(data) == pks(built, "quimper", "concarneau")
    assert "test-29-douarnenez" not in by_source(data)  # weekdays only
    assert all("Sa " in result["opening_hours"] for result in data["results"])


def test_open_now_results_all_say_they_are_open(client):
    # arrange
    network()
    # act
    with at(TUESDAY_MORNING):
        data = maisons(client, near=NEAR_QUIMPER, radius_km=200, limit=100, open_now="true")
    # assert
    assert data["count"] == len(data["results"]) == 10
    assert all(result["open_now"] is True for result in data["results"])
    assert all(result["next_opening"] is None for result in data["results"])


def test_open_now_on_a_tuesday_morning_keeps_those_open(client):
    # arrange
    built = network()
    with at(TUESDAY_MORNING):
        everything = maisons(client, near=NEAR_QUIMPER, radius_km=200, limit=100)
        # act
        data = maisons(client, near=NEAR_QUIMPER, radius_km=200, limit=100, open_now="true")
    # assert: all but Carhaix (Monday and Thursday) and Morlaix (closed 16–20 November)
    open_then = [result["id"] for result in everything["results"] if result["open_now"]]
    closed = {"carhaix", "morlaix"}
    assert open_then == pks(built, *(key for key in BY_DISTANCE if key not in closed))
    assert ids(data) == open_then
    assert data["count"] == len(open_then) == 10
    assert all(result["open_now"] for result in data["results"])
    assert by_source(data)["test-29-quimper"]["distance_km"] == 0


def test_open_now_on_a_sunday_night_keeps_none(client):
    # arrange
    network()
    with at(SUNDAY_NIGHT):
        everything = maisons(client, near=NEAR_QUIMPER, radius_km=200, limit=100)
        # act
        data = maisons(client, near=NEAR_QUIMPER, radius_km=200, limit=100, open_now="true")
    # assert
    assert data == {"count": 0, "results": []}
    assert len(everything["results"]) == 12
    monday = datetime(2026, 11, 23, 9, tzinfo=PARIS)
    expected = dict.fromkeys(BY_DISTANCE, monday)
    expected["bus"] = datetime(2026, 11, 23, 9, 30, tzinfo=PARIS)
    expected["quimper"] = expected["concarneau"] = datetime(2026, 11, 24, 9, tzinfo=PARIS)
    for result in everything["results"]:
        assert result["open_now"] is False
        assert paris_datetime(result["next_opening"]) >= datetime(2026, 11, 23, tzinfo=PARIS)
    assert {
        result["source_id"]: paris_datetime(result["next_opening"])
        for result in everything["results"]
    } == {f"test-29-{key}": moment for key, moment in expected.items()}


# Bad parameters ------------------------------------------------------------------------


BAD_LIST_PARAMETERS = [
    {"near": "abc"},
    {"near": "43.7"},
    {"near": "43.7,3.3,1"},
    {"near": "91,0"},
    {"near": "0,181"},
    {"near": "nan,nan"},
    {"near": NEAR_QUIMPER, "radius_km": "-5"},
    {"near": NEAR_QUIMPER, "radius_km": "0"},
    {"near": NEAR_QUIMPER, "radius_km": "201"},
    {"near": NEAR_QUIMPER, "radius_km": "abc"},
    {"near": NEAR_QUIMPER, "limit": "0"},
    {"near": NEAR_QUIMPER, "limit": "1000"},
    {"near": NEAR_QUIMPER, "limit": "abc"},
    {"near": NEAR_QUIMPER, "offset": "-1"},
    {"near": NEAR_QUIMPER, "partner": "unknown"},
    {"near": NEAR_QUIMPER, "itinerant": "sometimes"},
    {"near": NEAR_QUIMPER, "open_now": "maybe"},
    {"commune": "a" * 300},
    {"near": NEAR_QUIMPER, "commune": "29232"},
    {"open_now": "true"},
]
IMPOSSIBLE_MAISON_IDS = ["abc", "0", "-1", "99999999999999999999", "1e3"]
BAD_COMMUNE_PARAMETERS = [
    {},
    {"q": ""},
    {"q": "quimp", "limit": "0"},
    {"q": "quimp", "limit": "21"},
    {"q": "x" * 201},
]


@pytest.mark.parametrize(
    "params",
    BAD_LIST_PARAMETERS,
    ids=lambda params: "&".join(f"{key}={value[:12]}" for key, value in params.items()),
)
def test_bad_parameters_are_a_bad_request_with_a_json_body(client, params):
    # arrange / act
    response = get(client, **params)
    # assert
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert body["detail"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" not in response.get("Cache-Control", "")


# Detail --------------------------------------------------------------------------------


def test_detail_gives_the_hours_and_closures(client):
    # arrange: a closure over, one to come
    page = network()["quimper"]
    ClosureFactory(
        maison=page, start_date=date(2026, 11, 2), end_date=date(2026, 11, 6), reason="Formation"
    )
    ClosureFactory(
        maison=page,
        start_date=date(2026, 12, 24),
        end_date=date(2026, 12, 31),
        reason="Fêtes de fin d’année",
    )
    # act
    with at(TUESDAY_MORNING):
        response = client.get(f"{MAISONS}{page.pk}")
    # assert
    assert response.status_code == 200
    data = response.json()
    for name, kind in FIELDS.items():
        if name != "distance_km":
            assert isinstance(data[name], kind), name
    assert data["distance_km"] is None
    assert data["source_id"] == "test-29-quimper"
    assert data["phone"] == "02 98 00 00 00"
    assert data["booking"] is True
    tuesday_to_friday = [
        {"weekday": day, "opens": opens, "closes": closes}
        for day in range(1, 5)
        for opens, closes in (("09:00", "12:30"), ("14:00", "17:30"))
    ]
    assert data["hours"] == [
        *tuesday_to_friday,
        {"weekday": 5, "opens": "09:00", "closes": "12:00"},
    ]
    assert data["closures"] == [
        {"start": "2026-12-24", "end": "2026-12-31", "reason": "Fêtes de fin d’année"}
    ]


def test_detail_lists_the_national_and_local_permanences(client):
    # arrange
    page = network()["quimper"]
    # act
    with at(TUESDAY_MORNING):
        data = client.get(f"{MAISONS}{page.pk}").json()
    # assert: over 28 days, four Tuesdays, Wednesdays and Thursdays each
    permanences = data["permanences"]
    partners = {permanence["partner"] for permanence in permanences}
    assert partners == {"caisse-essai", "mission-essai", "conciliateur-essai"}
    assert len(permanences) == 12
    starts = [paris_datetime(permanence["starts"]) for permanence in permanences]
    assert starts == sorted(starts)
    assert starts[0] == datetime(2026, 11, 17, 14, tzinfo=PARIS)
    assert all(paris_datetime(p["ends"]) > paris_datetime(p["starts"]) for p in permanences)
    mission = next(p for p in permanences if p["partner"] == "mission-essai")
    assert mission["partner_name"] == "Mission d’essai"
    assert mission["mode"] == "on_site"
    assert paris_datetime(mission["starts"]) == datetime(2026, 11, 18, 14, tzinfo=PARIS)
    assert paris_datetime(mission["starts"]).astimezone(PARIS).weekday() == 2
    assert data["stops"] == []


def test_detail_lists_only_the_maisons_own_permanences(client):
    # arrange: another maison has a permanence of another partner
    built = network()
    page = built["quimper"]
    PartnerPresenceFactory(maison=built["douarnenez"], partner__slug="autre-essai")
    own = set(PartnerPresence.objects.filter(maison=page).values_list("partner__slug", flat=True))
    # act
    with at(TUESDAY_MORNING):
        data = client.get(f"{MAISONS}{page.pk}").json()
    # assert
    assert own == {"caisse-essai", "mission-essai", "conciliateur-essai"}
    assert {permanence["partner"] for permanence in data["permanences"]} == own


def test_detail_of_the_bus_lists_its_stops(client):
    # arrange
    page = bus_with_stops()
    places = {(row[0], row[1], row[2]) for row in BUS_STOPS}
    # act
    with at(TUESDAY_MORNING):
        data = client.get(f"{MAISONS}{page.pk}").json()
    # assert
    assert data["format"] == "bus"
    stops = data["stops"]
    assert {(stop["place"], stop["commune"], stop["insee_com"]) for stop in stops} == places
    passages = [paris_datetime(stop["next_passage"]) for stop in stops]
    assert passages == sorted(passages)
    assert all(isinstance(stop["lat"], float) for stop in stops)
    # From Tuesday 17 November 10:00 to 15 December 10:00: Pont-l’Abbé on Tuesdays (the
    # passage under way and the one of 15 December at 09:30 included: 5), Audierne on
    # Wednesdays (4), Briec every other Thursday (19 November, 3 December: 2)
    assert len(stops) == 5 + 4 + 2
    assert passages[0] == datetime(2026, 11, 17, 9, 30, tzinfo=PARIS)
    assert passages[-1] == datetime(2026, 12, 15, 9, 30, tzinfo=PARIS)


@pytest.mark.parametrize("path", ["999999", str(2**63 - 1)])
def test_detail_of_an_unknown_maison_is_not_found(client, path):
    # arrange
    assert not MaisonPage.objects.filter(pk=int(path)).exists()
    # act
    response = client.get(f"{MAISONS}{path}")
    # assert
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_detail_of_an_unpublished_maison_is_not_found(client):
    # arrange
    page = finistere_maison(*FINISTERE[0])
    page.unpublish()
    # act
    response = client.get(f"{MAISONS}{page.pk}")
    # assert
    assert response.status_code == 404


@pytest.mark.parametrize("path", IMPOSSIBLE_MAISON_IDS)
def test_detail_of_an_impossible_maison_id_is_a_client_error(client, path):
    # arrange / act
    response = client.get(f"{MAISONS}{path}")
    # assert
    assert response.status_code in {400, 404}
    assert response["Content-Type"].startswith("application/json")


# Communes ------------------------------------------------------------------------------


def test_communes_autocomplete_gives_codes_names_and_points(client):
    # arrange
    quimper_commune()
    # act
    response = get(client, COMMUNES, q="quimp")
    # assert
    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "results": [
            {
                "insee": "29232",
                "name": "Quimper",
                "label": "Quimper (29)",
                "postcodes": ["29000"],
                "department": "29",
                "department_name": "Finistère",
                "lat": 47.996,
                "lon": -4.1024,
            }
        ],
    }


def test_communes_autocomplete_puts_exact_names_first_and_respects_the_limit(client):
    # arrange: five Saint-Essai (two of the same population: by INSEE code), then two
    # longer names, one more populous than every Saint-Essai
    for insee, department, population in [
        ("29901", "29", 900),
        ("35902", "35", 2000),
        ("22903", "22", 2000),
        ("56904", "56", 500),
        ("2B905", "2B", 100),
    ]:
        commune(insee, "Saint-Essai", department, [], 48.0, -3.0, population)
    commune("29906", "Saint-Essai-des-Monts", "29", [], 48.0, -3.0, 5000)
    commune("35907", "Saint-Essai-sur-Mer", "35", [], 48.0, -3.0, 300)
    # act
    everything = get(client, COMMUNES, q="saint essai").json()
    limited = get(client, COMMUNES, q="saint essai", limit=2).json()
    # assert
    assert [result["label"] for result in everything["results"]] == [
        "Saint-Essai (22)",
        "Saint-Essai (35)",
        "Saint-Essai (29)",
        "Saint-Essai (56)",
        "Saint-Essai (2B)",
        "Saint-Essai-des-Monts (29)",
        "Saint-Essai-sur-Mer (35)",
    ]
    assert everything["count"] == 7
    assert limited["count"] == 2
    assert limited["results"] == everything["results"][:2]


def test_communes_autocomplete_by_postcode(client):
    # arrange: two communes share 29150, a third has another postcode
    commune("29026", "Châteaulin", "29", ["29150"], 48.1967, -4.09, 5200)
    commune("29243", "Saint-Coulitz", "29", ["29150"], 48.1886, -4.0617, 450)
    quimper_commune()
    # act
    data = get(client, COMMUNES, q="2915").json()
    # assert
    assert [(result["insee"], result["postcodes"]) for result in data["results"]] == [
        ("29026", ["29150"]),
        ("29243", ["29150"]),
    ]


@pytest.mark.parametrize(
    "params",
    BAD_COMMUNE_PARAMETERS,
    ids=["q-missing", "q-empty", "limit-0", "limit-21", "q-too-long"],
)
def test_communes_autocomplete_bad_parameters(client, params):
    # arrange
    quimper_commune()
    # act
    response = get(client, COMMUNES, **params)
    # assert
    assert response.status_code == 400
    assert response.json()["detail"]


# Headers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        f"{MAISONS}?near={NEAR_QUIMPER}",
        f"{MAISONS}?commune=29232",
        f"{COMMUNES}?q=quimp",
        "detail",
    ],
)
def test_successful_answers_are_public_and_cacheable_for_a_minute(client, path):
    # arrange
    page = finistere_maison(*FINISTERE[0])
    quimper_commune()
    if path == "detail":
        path = f"{MAISONS}{page.pk}"
    # act
    response = client.get(path, HTTP_ORIGIN="https://mairie.example")
    # assert
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=60"}


def test_errors_are_readable_by_any_origin_but_not_cacheable(client):
    # arrange / act
    response = get(client, near="abc")
    # assert
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" not in response.get("Cache-Control", "")
    assert "max-age=60" not in response.get("Cache-Control", "")


# Rate limit ----------------------------------------------------------------------------


def test_the_rate_limit_comes_from_the_settings(settings):
    # arrange / act
    (throttle,) = api.throttle
    # assert
    assert throttle.num_requests == settings.API_RATE_LIMIT_PER_MINUTE
    assert throttle.duration == 60


def test_requests_beyond_the_limit_are_refused(client, settings):
    # arrange
    quimper_commune()
    limit = settings.API_RATE_LIMIT_PER_MINUTE
    # act
    statuses = [get(client, COMMUNES, q="quimp").status_code for _ in range(limit)]
    refused = get(client, COMMUNES, q="quimp")
    # assert
    assert statuses == [200] * limit
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("application/json")
    assert int(refused["Retry-After"]) > 0
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert "public" not in refused.get("Cache-Control", "")


def test_the_limit_is_per_client_address_and_not_fooled_by_forwarded_for(client, monkeypatch):
    # arrange: a limit of 3 a minute
    quimper_commune()
    page = finistere_maison(*FINISTERE[0])
    (throttle,) = api.throttle
    monkeypatch.setattr(throttle, "num_requests", 3)
    first = [
        client.get(COMMUNES, {"q": "quimp"}, REMOTE_ADDR="192.0.2.1").status_code for _ in range(3)
    ]
    # act
    same = client.get(COMMUNES, {"q": "quimp"}, REMOTE_ADDR="192.0.2.1")
    spoofed = client.get(
        COMMUNES, {"q": "quimp"}, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    other = client.get(COMMUNES, {"q": "quimp"}, REMOTE_ADDR="192.0.2.2")
    detail = client.get(f"{MAISONS}{page.pk}", REMOTE_ADDR="192.0.2.1")
    # assert
    assert first == [200, 200, 200]
    assert same.status_code == 429
    assert spoofed.status_code == 429
    assert other.status_code == 200
    assert detail.status_code == 429, "the limit covers the whole API"


# Documentation -------------------------------------------------------------------------


def test_the_docs_are_served_with_local_assets(client):
    # arrange / act
    response = client.get("/api/v1/docs")
    # assert
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn." not in html
    page = BeautifulSoup(html, "html.parser")
    assets = [tag["src"] for tag in page.find_all("script", src=True)]
    assets += [tag["href"] for tag in page.find_all("link", href=True)]
    assert assets
    for asset in assets:
        assert asset.startswith("/"), asset
        assert client.get(asset).status_code == 200, asset


def test_the_schema_lists_the_three_paths_and_the_parameters(client):
    # arrange / act
    response = client.get("/api/v1/openapi.json")
    # assert
    assert response.status_code == 200
    schema = response.json()
    assert set(schema["paths"]) == {
        "/api/v1/maisons/",
        "/api/v1/maisons/{maison_id}",
        "/api/v1/communes/",
    }
    parameters = {p["name"] for p in schema["paths"]["/api/v1/maisons/"]["get"]["parameters"]}
    assert {
        "near",
        "commune",
        "radius_km",
        "partner",
        "open_now",
        "saturday",
        "itinerant",
        "booking",
        "accessible",
        "limit",
        "offset",
    } <= parameters


def test_the_maisons_addresses_are_on_the_public_site(client, public_base_url):
    # arrange
    page = finistere_maison(*FINISTERE[0])
    url = f"https://france-services.example{page.url}"
    # act: requests naming another host of the server
    listed = client.get(f"{MAISONS}?near={NEAR_QUIMPER}", HTTP_HOST="localhost").json()
    detail = client.get(f"{MAISONS}{page.pk}", HTTP_HOST="localhost").json()
    # assert
    assert [result["url"] for result in listed["results"]] == [url]
    assert detail["url"] == url


# Answers declared in the OpenAPI document ----------------------------------------------

MAISON = "/api/v1/maisons/{maison_id}"
CLIENT_NUMBERS = itertools.count(1)


def openapi_document(client) -> dict:
    return client.get("/api/v1/openapi.json").json()


def declared_answers(document: dict) -> set[tuple[str, int]]:
    return {
        (path, int(status))
        for path, operations in document["paths"].items()
        for status in operations["get"]["responses"]
    }


def assert_declared(document: dict, operation: str, response) -> None:
    """The answer's status is declared for the operation, its body follows the declared
    schema and, for 429, its declared header is there."""
    answers = document["paths"][operation]["get"]["responses"]
    status = str(response.status_code)
    assert status in answers, f"{operation}: {status} {response.content[:200]!r} not declared"
    schema = answers[status]["content"]["application/json"]["schema"]
    jsonschema.validate(response.json(), {**schema, "components": document["components"]})
    for header in answers[status].get("headers", {}):
        assert int(response[header]) > 0


def api_request(client, monkeypatch, operation: str, query: str, *, throttled=False):
    """GET the operation (``{maison_id}`` filled with ``query``, else ``query`` appended);
    when ``throttled``, from a new address allowed one request a minute, after that one."""
    (throttle,) = api.throttle
    url = MAISON.format(maison_id=query) if operation == MAISON else f"{operation}{query}"
    if not throttled:
        monkeypatch.setattr(throttle, "num_requests", 1000)
        return client.get(url)
    monkeypatch.setattr(throttle, "num_requests", 1)
    address = f"192.0.2.{next(CLIENT_NUMBERS)}"
    client.get(url, REMOTE_ADDR=address)
    return client.get(url, REMOTE_ADDR=address)


def test_each_declared_answer_is_produced_by_a_real_request(client, monkeypatch):
    # arrange: one request per answer the document declares
    page = finistere_maison(*FINISTERE[0])
    quimper_commune()
    document = openapi_document(client)
    witnesses = {
        (MAISONS, 200): f"?near={NEAR_QUIMPER}",
        (MAISONS, 400): "?near=abc",
        (MAISONS, 429): "",
        (MAISON, 200): str(page.pk),
        (MAISON, 400): "0",
        (MAISON, 404): "999999",
        (MAISON, 429): str(page.pk),
        (COMMUNES, 200): "?q=quimp",
        (COMMUNES, 400): "?q=",
        (COMMUNES, 429): "?q=quimp",
    }
    # act
    responses = {
        (operation, status): api_request(
            client, monkeypatch, operation, query, throttled=status == 429
        )
        for (operation, status), query in witnesses.items()
    }
    # assert
    assert declared_answers(document) == set(witnesses)
    for (operation, status), response in responses.items():
        assert response.status_code == status, (operation, response.content)
        assert_declared(document, operation, response)


def test_every_answer_a_request_can_produce_is_declared(client, monkeypatch):
    # arrange: good, bad and odd requests of each operation, then the same beyond the limit
    page = finistere_maison(*FINISTERE[0])
    quimper_commune()
    document = openapi_document(client)
    requests = [
        *((MAISONS, f"?{urlencode(params)}") for params in BAD_LIST_PARAMETERS),
        (MAISONS, ""),
        (MAISONS, "?commune=Nulle-Part-sur-Essai"),
        (MAISONS, f"?near={NEAR_QUIMPER}&partner=caf&open_now=true"),
        *((MAISON, maison_id) for maison_id in IMPOSSIBLE_MAISON_IDS),
        (MAISON, str(page.pk)),
        (MAISON, "999999"),
        (MAISON, str(2**63 - 1)),
        *((COMMUNES, f"?{urlencode(params)}") for params in BAD_COMMUNE_PARAMETERS),
        (COMMUNES, "?q=quimp"),
        (COMMUNES, "?q=zzzz"),
    ]
    # act
    answers = [
        (operation, api_request(client, monkeypatch, operation, query, throttled=throttled))
        for throttled in (False, True)
        for operation, query in requests
    ]
    # assert
    statuses = set()
    for operation, response in answers:
        assert_declared(document, operation, response)
        statuses.add(response.status_code)
    assert statuses == {200, 400, 404, 429}


# Queries -------------------------------------------------------------------------------


def test_a_list_costs_the_same_queries_whatever_its_length(client, django_assert_max_num_queries):
    # arrange: the network (Quimper with a closure too), and a maison far away (Ajaccio,
    # Corse-du-Sud); a first search fills the caches (partners, site root) kept for an hour
    built = network()
    ClosureFactory(maison=built["quimper"], start_date=date(2027, 1, 4), end_date=date(2027, 1, 8))
    elsewhere = MaisonPageFactory(
        source_id="test-2a-ajaccio",
        department=Department.objects.get(code="2A"),
        latitude=41.9192,
        longitude=8.7386,
        hours=WEEKDAYS,
    )
    near_elsewhere = f"{elsewhere.latitude},{elsewhere.longitude}"
    maisons(client, near=NEAR_QUIMPER, limit=1, offset=1)
    # act: each time with no card of these in the cache (a new content version, as after a
    # publish), the site-wide lists read again by a search elsewhere
    bump_content_version()
    maisons(client, near=near_elsewhere, limit=1)
    with django_assert_max_num_queries(8) as one:
        # Quimper (closures, local partners) and the bus (stops): every kind of row
        short = maisons(client, near=NEAR_QUIMPER, limit=2)
    bump_content_version()
    maisons(client, near=near_elsewhere, limit=1)
    with django_assert_max_num_queries(8) as fifty:
        long = maisons(client, near=NEAR_QUIMPER, limit=50, radius_km=200)
    with django_assert_max_num_queries(3) as again:
        maisons(client, near=NEAR_QUIMPER, limit=50, radius_km=200)
    # assert
    assert [maison["source_id"] for maison in short["results"]] == [
        "test-29-quimper",
        "test-29-bus",
    ]
    assert len(long["results"]) == 12
    assert len(one.captured_queries) == len(fifty.captured_queries)
    # the cards come from the shared cache: only the nearby search itself reads the base
    assert len(again.captured_queries) < len(fifty.captured_queries)


def test_a_maison_closed_for_lunch_reports_its_next_opening(client):
    # arrange: open on Tuesdays 09:00–12:30 and 14:00–17:30
    finistere_maison(*FINISTERE[0])
    moment = datetime(2026, 11, 17, 13, tzinfo=PARIS)  # the lunch break
    # act
    with at(moment):
        data = maisons(client, near=NEAR_QUIMPER, limit=1)
    # assert
    first = data["results"][0]
    assert first["source_id"] == "test-29-quimper"
    assert first["open_now"] is False
    assert paris_datetime(first["next_opening"]) == datetime(2026, 11, 17, 14, tzinfo=PARIS)
