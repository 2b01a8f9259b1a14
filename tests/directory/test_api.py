"""The public JSON API (``/api/v1/``): maisons near a place, one maison, communes; its
errors, headers, rate limit, documentation and query count."""

import json
import re
from datetime import datetime
from unittest import mock
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from directory.maisons.api import api
from directory.maisons.nearby import great_circle_km
from directory.models import MaisonPage, PartnerPresence
from portal.content_version import bump_content_version
from portal.demo.loader import content as demo_content

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
LODEVE = (43.73015, 3.29526)
NEAR_LODEVE = f"{LODEVE[0]},{LODEVE[1]}"
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


def lodeve() -> MaisonPage:
    return MaisonPage.objects.get(source_id="demo-34-02")


def bus() -> MaisonPage:
    return MaisonPage.objects.get(source_id="demo-34-bus")


def paris_datetime(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    assert moment.tzinfo is not None, value
    return moment


def at(moment: datetime):
    return mock.patch("directory.maisons.api.timezone.now", return_value=moment)


def live_within_200_km() -> int:
    """Live maisons whose point (or, for the bus, one of its stops) is within 200 km."""
    return sum(
        1
        for page in MaisonPage.objects.live()
        if great_circle_km(*LODEVE, page.latitude, page.longitude) <= 200
    )


# List near a point ---------------------------------------------------------------------


def test_list_near_lodeve_has_every_field_with_its_type(demo_site, client):
    # arrange / act
    asked = timezone.now()
    data = maisons(client, near=NEAR_LODEVE, radius_km=200, limit=100)
    # assert
    assert type(data["count"]) is int
    assert data["results"], "the Hérault has demo maisons"
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
            assert paris_datetime(result["next_opening"]) > asked
    first = data["results"][0]
    assert first["source_id"] == "demo-34-02"
    assert first["name"] == "France Services du Lodévois"
    assert (first["commune"], first["insee_com"]) == ("Lodève", "34142")
    assert first["postcode"] == "34700"
    assert first["department"] == "34"
    assert (first["lat"], first["lon"]) == LODEVE
    assert first["distance_km"] == 0
    assert first["url"].endswith("/maisons/france-services-du-lodevois/")
    assert first["opening_hours"].startswith("Tu-Fr 09:00-12:30,14:00-17:30; Sa 09:00-12:00")
    assert {"caf", "mission-locale", "conciliateur"} <= set(first["partners"])


def test_list_is_sorted_by_distance_measured_from_the_point(demo_site, client):
    # arrange / act
    data = maisons(client, near=NEAR_LODEVE, radius_km=200, limit=100)
    # assert
    distances = [result["distance_km"] for result in data["results"]]
    assert distances == sorted(distances)
    assert len(distances) >= 10
    for result in data["results"]:
        point = result["nearest_stop"] or result
        expected = great_circle_km(*LODEVE, point["lat"], point["lon"])
        assert result["distance_km"] == pytest.approx(expected, abs=0.001), result["source_id"]


def test_count_and_pages_are_consistent(demo_site, client):
    # arrange
    everything = maisons(client, near=NEAR_LODEVE, radius_km=200, limit=100)
    total = everything["count"]
    # act
    pages = [
        maisons(client, near=NEAR_LODEVE, radius_km=200, limit=4, offset=offset)
        for offset in range(0, total + 4, 4)
    ]
    # assert
    assert total == len(everything["results"]) == live_within_200_km()
    assert all(page["count"] == total for page in pages)
    assert all(len(page["results"]) <= 4 for page in pages)
    assert [maison for page in pages for maison in ids(page)] == ids(everything)
    assert pages[-1]["results"] == []


def test_an_offset_past_the_end_gives_no_results_but_the_count(demo_site, client):
    # arrange / act
    data = maisons(client, near=NEAR_LODEVE, radius_km=200, offset=1000)
    # assert
    assert data["count"] == live_within_200_km()
    assert data["results"] == []


def test_the_radius_is_respected(demo_site, client):
    # arrange
    wide = maisons(client, near=NEAR_LODEVE, radius_km=200, limit=100)
    # act
    narrow = maisons(client, near=NEAR_LODEVE, radius_km=15, limit=100)
    # assert
    assert narrow["results"]
    assert all(result["distance_km"] <= 15 for result in narrow["results"])
    assert narrow["count"] < wide["count"]
    assert ids(narrow) == [
        result["id"] for result in wide["results"] if result["distance_km"] <= 15
    ]


def test_nothing_within_the_radius_gives_nothing(demo_site, client):
    # arrange: Paris, 20 km around, has no demo maison
    # act
    data = maisons(client, near="48.8566,2.3522", radius_km=20)
    # assert
    assert data == {"count": 0, "results": []}


def test_the_bus_reports_its_nearest_stop(demo_site, client):
    # arrange
    stops = {row[1]: great_circle_km(*LODEVE, row[3], row[4]) for row in demo_content().bus_stops}
    nearest = min(stops, key=stops.get)
    # act
    data = maisons(client, near=NEAR_LODEVE, radius_km=50, limit=100)
    # assert
    results = by_source(data)
    stop = results["demo-34-bus"]["nearest_stop"]
    assert stop["commune"] == nearest == "Le Bousquet-d’Orb"
    assert stop["place"] == "Parking de la salle des fêtes"
    assert stop["insee_com"] == "34038"
    assert results["demo-34-bus"]["distance_km"] == pytest.approx(stops[nearest], abs=0.001)
    assert stop["next_passage"] is None or paris_datetime(stop["next_passage"])
    assert all(
        result["nearest_stop"] is None
        for source_id, result in results.items()
        if source_id != "demo-34-bus"
    )


def test_without_a_place_every_live_maison_is_listed_in_a_stable_order(demo_site, client):
    # arrange
    page = lodeve()
    page.unpublish()
    live = list(MaisonPage.objects.live().order_by("pk").values_list("pk", flat=True))
    # act
    data = maisons(client, limit=100)
    # assert
    assert data["count"] == len(live)
    assert ids(data) == live
    assert page.pk not in ids(data)
    assert all(result["distance_km"] is None for result in data["results"])


# List near a commune -------------------------------------------------------------------


@pytest.mark.parametrize("commune", ["34142", "34700", "lodeve", "Lodève", "LODEVE"])
def test_a_commune_by_code_postcode_or_name_gives_the_same_search(demo_site, client, commune):
    # arrange
    near = maisons(client, near=NEAR_LODEVE)
    # act
    data = maisons(client, commune=commune)
    # assert
    assert data["results"][0]["source_id"] == "demo-34-02"
    assert data["results"][0]["distance_km"] == 0
    assert data["count"] == near["count"]
    assert ids(data) == ids(near)


def test_namesakes_are_a_bad_request_naming_them(demo_site, client):
    # arrange / act
    response = get(client, commune="saint gervais")
    # assert
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert isinstance(detail, str)
    for code in ("30", "33", "38", "85", "95"):
        assert f"Saint-Gervais ({code})" in detail


@pytest.mark.parametrize("commune", ["Atlantide", "99999", "00000"])
def test_an_unknown_commune_is_a_bad_request(demo_site, client, commune):
    # arrange / act
    response = get(client, commune=commune)
    # assert
    assert response.status_code == 400
    assert commune in response.json()["detail"]


# Filters -------------------------------------------------------------------------------


def test_a_local_partner_keeps_only_the_maisons_it_visits(demo_site, client):
    # arrange
    visited = set(
        PartnerPresence.objects.filter(
            partner__slug="mission-locale", maison__live=True
        ).values_list("maison_id", flat=True)
    )
    everything = maisons(client, near=NEAR_LODEVE, radius_km=200, limit=100)
    # act
    data = maisons(client, near=NEAR_LODEVE, radius_km=200, limit=100, partner="mission-locale")
    # assert
    assert set(ids(data)) == visited == {lodeve().pk}
    assert data["count"] == 1
    assert all("mission-locale" in result["partners"] for result in data["results"])
    assert ids(data) == [
        result["id"] for result in everything["results"] if "mission-locale" in result["partners"]
    ]


def test_a_national_partner_keeps_every_maison(demo_site, client):
    # arrange
    everything = maisons(client, near=NEAR_LODEVE, radius_km=200, limit=100)
    # act
    data = maisons(client, near=NEAR_LODEVE, radius_km=200, limit=100, partner="caf")
    # assert
    assert data["count"] == everything["count"]
    assert ids(data) == ids(everything)
    assert all("caf" in result["partners"] for result in data["results"])


@pytest.mark.parametrize(
    ("value", "keep"),
    [
        ("only", lambda result: result["format"] in {"bus", "itinerant"}),
        ("exclude", lambda result: result["format"] not in {"bus", "itinerant"}),
        ("include", lambda result: True),
    ],
)
def test_the_itinerant_filter(demo_site, client, value, keep):
    # arrange
    everything = maisons(client, near=NEAR_LODEVE, radius_km=200, limit=100)
    # act
    data = maisons(client, near=NEAR_LODEVE, radius_km=200, limit=100, itinerant=value)
    # assert
    assert data["results"]
    assert ids(data) == [result["id"] for result in everything["results"] if keep(result)]


def test_the_saturday_filter_keeps_maisons_open_on_saturday(demo_site, client):
    # arrange / act
    data = maisons(client, near=NEAR_LODEVE, radius_km=200, limit=100, saturday="true")
    # assert
    assert {"demo-34-02", "demo-34-09"} <= set(by_source(data))
    assert "demo-34-05" not in by_source(data)  # weekdays only
    assert all("Sa " in result["opening_hours"] for result in data["results"])


def test_open_now_results_all_say_they_are_open(demo_site, client):
    # arrange / act
    data = maisons(client, near=NEAR_LODEVE, radius_km=200, limit=100, open_now="true")
    # assert
    assert data["count"] == len(data["results"])
    assert all(result["open_now"] is True for result in data["results"])
    assert all(result["next_opening"] is None for result in data["results"])


def test_open_now_on_a_tuesday_morning_keeps_those_open(demo_site, client):
    # arrange
    with at(TUESDAY_MORNING):
        everything = maisons(client, near=NEAR_LODEVE, radius_km=200, limit=100)
        # act
        data = maisons(client, near=NEAR_LODEVE, radius_km=200, limit=100, open_now="true")
    # assert
    open_then = [result["id"] for result in everything["results"] if result["open_now"]]
    assert len(open_then) >= 0.8 * everything["count"], "most demo maisons open then"
    assert ids(data) == open_then
    assert data["count"] == len(open_then)
    assert all(result["open_now"] for result in data["results"])
    assert by_source(data)["demo-34-02"]["distance_km"] == 0


def test_open_now_on_a_sunday_night_keeps_none(demo_site, client):
    # arrange
    with at(SUNDAY_NIGHT):
        everything = maisons(client, near=NEAR_LODEVE, radius_km=200, limit=100)
        # act
        data = maisons(client, near=NEAR_LODEVE, radius_km=200, limit=100, open_now="true")
    # assert
    assert data == {"count": 0, "results": []}
    assert everything["results"]
    for result in everything["results"]:
        assert result["open_now"] is False
        assert paris_datetime(result["next_opening"]) >= datetime(2026, 11, 23, tzinfo=PARIS)


# Bad parameters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"near": "abc"},
        {"near": "43.7"},
        {"near": "43.7,3.3,1"},
        {"near": "91,0"},
        {"near": "0,181"},
        {"near": "nan,nan"},
        {"near": NEAR_LODEVE, "radius_km": "-5"},
        {"near": NEAR_LODEVE, "radius_km": "0"},
        {"near": NEAR_LODEVE, "radius_km": "201"},
        {"near": NEAR_LODEVE, "radius_km": "abc"},
        {"near": NEAR_LODEVE, "limit": "0"},
        {"near": NEAR_LODEVE, "limit": "1000"},
        {"near": NEAR_LODEVE, "limit": "abc"},
        {"near": NEAR_LODEVE, "offset": "-1"},
        {"near": NEAR_LODEVE, "partner": "unknown"},
        {"near": NEAR_LODEVE, "itinerant": "sometimes"},
        {"near": NEAR_LODEVE, "open_now": "maybe"},
        {"commune": "a" * 300},
        {"near": NEAR_LODEVE, "commune": "34142"},
        {"open_now": "true"},
    ],
    ids=lambda params: "&".join(f"{key}={value[:12]}" for key, value in params.items()),
)
def test_bad_parameters_are_a_bad_request_with_a_json_body(demo_site, client, params):
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


def test_detail_gives_the_hours_and_closures(demo_site, client):
    # arrange
    page = lodeve()
    today = timezone.now().astimezone(PARIS).date()
    # act
    response = client.get(f"{MAISONS}{page.pk}")
    # assert
    assert response.status_code == 200
    data = response.json()
    for name, kind in FIELDS.items():
        if name != "distance_km":
            assert isinstance(data[name], kind), name
    assert data["distance_km"] is None
    assert data["source_id"] == "demo-34-02"
    assert data["phone"] == page.phone
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
        {"start": start.isoformat(), "end": end.isoformat(), "reason": reason}
        for source_id, start, end, reason in demo_content().closures
        if source_id == "demo-34-02" and end >= today
    ]


def test_detail_lists_the_caf_and_mission_locale_permanences(demo_site, client):
    # arrange
    page = lodeve()
    # act
    data = client.get(f"{MAISONS}{page.pk}").json()
    # assert
    permanences = data["permanences"]
    partners = {permanence["partner"] for permanence in permanences}
    assert {"caf", "mission-locale"} <= partners
    starts = [paris_datetime(permanence["starts"]) for permanence in permanences]
    assert starts == sorted(starts)
    assert all(paris_datetime(p["ends"]) > paris_datetime(p["starts"]) for p in permanences)
    mission_locale = next(p for p in permanences if p["partner"] == "mission-locale")
    assert mission_locale["partner_name"] == "Mission locale"
    assert mission_locale["mode"] == "on_site"
    assert paris_datetime(mission_locale["starts"]).astimezone(PARIS).weekday() == 2
    assert data["stops"] == []


def test_detail_lists_only_the_maisons_own_permanences(demo_site, client):
    # arrange
    page = lodeve()
    own = set(PartnerPresence.objects.filter(maison=page).values_list("partner__slug", flat=True))
    # act
    data = client.get(f"{MAISONS}{page.pk}").json()
    # assert
    assert own == {"caf", "mission-locale", "conciliateur"}
    assert {permanence["partner"] for permanence in data["permanences"]} <= own


def test_detail_of_the_bus_lists_its_stops(demo_site, client):
    # arrange
    page = bus()
    places = {(row[0], row[1], row[2]) for row in demo_content().bus_stops}
    # act
    data = client.get(f"{MAISONS}{page.pk}").json()
    # assert
    assert data["format"] == "bus"
    stops = data["stops"]
    assert {(stop["place"], stop["commune"], stop["insee_com"]) for stop in stops} == places
    passages = [paris_datetime(stop["next_passage"]) for stop in stops]
    assert passages == sorted(passages)
    assert all(isinstance(stop["lat"], float) for stop in stops)
    # Over the 28 days from now, a passage under way included: 4 or 5 of each of the 4
    # weekly stops and 2 or 3 of the biweekly one (fewer on closed days)
    assert 4 * 3 <= len(stops) <= 4 * 5 + 3


@pytest.mark.parametrize("path", ["999999", str(2**63 - 1)])
def test_detail_of_an_unknown_maison_is_not_found(demo_site, client, path):
    # arrange / act
    response = client.get(f"{MAISONS}{path}")
    # assert
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_detail_of_an_unpublished_maison_is_not_found(demo_site, client):
    # arrange
    page = lodeve()
    page.unpublish()
    # act
    response = client.get(f"{MAISONS}{page.pk}")
    # assert
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["abc", "0", "-1", "99999999999999999999", "1e3"])
def test_detail_of_an_impossible_maison_id_is_a_client_error(demo_site, client, path):
    # arrange / act
    response = client.get(f"{MAISONS}{path}")
    # assert
    assert response.status_code in {400, 404}
    assert response["Content-Type"].startswith("application/json")


# Communes ------------------------------------------------------------------------------


def test_communes_autocomplete_gives_codes_names_and_points(demo_site, client):
    # arrange / act
    response = get(client, COMMUNES, q="lod")
    # assert
    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "results": [
            {
                "insee": "34142",
                "name": "Lodève",
                "label": "Lodève (34)",
                "postcodes": ["34700"],
                "department": "34",
                "department_name": "Hérault",
                "lat": 43.73015,
                "lon": 3.29526,
            }
        ],
    }


def test_communes_autocomplete_puts_exact_names_first_and_respects_the_limit(demo_site, client):
    # arrange / act
    everything = get(client, COMMUNES, q="saint gervais").json()
    limited = get(client, COMMUNES, q="saint gervais", limit=2).json()
    # assert
    assert [result["label"] for result in everything["results"]] == [
        "Saint-Gervais (85)",
        "Saint-Gervais (33)",
        "Saint-Gervais (95)",
        "Saint-Gervais (30)",
        "Saint-Gervais (38)",
        "Saint-Gervais-d'Auvergne (63)",
        "Saint-Gervais-sur-Mare (34)",
    ]
    assert everything["count"] == 7
    assert limited["count"] == 2
    assert limited["results"] == everything["results"][:2]


def test_communes_autocomplete_by_postcode(demo_site, client):
    # arrange / act
    data = get(client, COMMUNES, q="347").json()
    # assert
    assert [(result["insee"], result["postcodes"]) for result in data["results"]] == [
        ("34142", ["34700"]),
        ("34220", ["34700"]),
    ]


@pytest.mark.parametrize(
    "params",
    [{}, {"q": ""}, {"q": "lod", "limit": "0"}, {"q": "lod", "limit": "21"}, {"q": "x" * 201}],
    ids=["q-missing", "q-empty", "limit-0", "limit-21", "q-too-long"],
)
def test_communes_autocomplete_bad_parameters(demo_site, client, params):
    # arrange / act
    response = get(client, COMMUNES, **params)
    # assert
    assert response.status_code == 400
    assert response.json()["detail"]


# Headers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [f"{MAISONS}?near={NEAR_LODEVE}", f"{MAISONS}?commune=34142", f"{COMMUNES}?q=lod", "detail"],
)
def test_successful_answers_are_public_and_cacheable_for_a_minute(demo_site, client, path):
    # arrange
    if path == "detail":
        path = f"{MAISONS}{lodeve().pk}"
    # act
    response = client.get(path, HTTP_ORIGIN="https://mairie.example")
    # assert
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=60"}


def test_errors_are_readable_by_any_origin_but_not_cacheable(demo_site, client):
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


def test_requests_beyond_the_limit_are_refused(demo_site, client, settings):
    # arrange
    limit = settings.API_RATE_LIMIT_PER_MINUTE
    # act
    statuses = [get(client, COMMUNES, q="lod").status_code for _ in range(limit)]
    refused = get(client, COMMUNES, q="lod")
    # assert
    assert statuses == [200] * limit
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("application/json")
    assert int(refused["Retry-After"]) > 0
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert "public" not in refused.get("Cache-Control", "")


def test_the_limit_is_per_client_address_and_not_fooled_by_forwarded_for(
    demo_site, client, monkeypatch
):
    # arrange: a limit of 3 a minute
    (throttle,) = api.throttle
    monkeypatch.setattr(throttle, "num_requests", 3)
    first = [
        client.get(COMMUNES, {"q": "lod"}, REMOTE_ADDR="192.0.2.1").status_code for _ in range(3)
    ]
    # act
    same = client.get(COMMUNES, {"q": "lod"}, REMOTE_ADDR="192.0.2.1")
    spoofed = client.get(
        COMMUNES, {"q": "lod"}, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    other = client.get(COMMUNES, {"q": "lod"}, REMOTE_ADDR="192.0.2.2")
    detail = client.get(f"{MAISONS}{lodeve().pk}", REMOTE_ADDR="192.0.2.1")
    # assert
    assert first == [200, 200, 200]
    assert same.status_code == 429
    assert spoofed.status_code == 429
    assert other.status_code == 200
    assert detail.status_code == 429, "the limit covers the whole API"


# Documentation -------------------------------------------------------------------------


def test_the_docs_are_served_with_local_assets(demo_site, client):
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


def test_the_schema_lists_the_three_paths_and_the_parameters(demo_site, client):
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


# Queries -------------------------------------------------------------------------------


def test_a_list_costs_the_same_queries_whatever_its_length(
    demo_site, client, django_assert_max_num_queries
):
    # arrange: a first search fills the caches (partners, site root) kept for an hour
    maisons(client, near=NEAR_LODEVE, limit=1, offset=1)
    # act: each time with no card of these in the cache (a new content version, as after a
    # publish), the site-wide lists read again by a search elsewhere (Puy-de-Dôme)
    elsewhere = MaisonPage.objects.get(source_id="demo-63-01")
    near_elsewhere = f"{elsewhere.latitude},{elsewhere.longitude}"
    bump_content_version()
    maisons(client, near=near_elsewhere, limit=1)
    with django_assert_max_num_queries(8) as one:
        # the Lodévois (closures, local partners) and the bus (stops): every kind of row
        short = maisons(client, near=NEAR_LODEVE, limit=2)
    bump_content_version()
    maisons(client, near=near_elsewhere, limit=1)
    with django_assert_max_num_queries(8) as fifty:
        long = maisons(client, near=NEAR_LODEVE, limit=50, radius_km=200)
    with django_assert_max_num_queries(3) as again:
        maisons(client, near=NEAR_LODEVE, limit=50, radius_km=200)
    # assert
    assert [maison["source_id"] for maison in short["results"]] == ["demo-34-02", "demo-34-bus"]
    assert len(long["results"]) >= 10
    assert len(one.captured_queries) == len(fifty.captured_queries)
    # the cards come from the shared cache: only the nearby search itself reads the base
    assert len(again.captured_queries) < len(fifty.captured_queries)


def test_a_maison_closed_for_lunch_reports_its_next_opening(demo_site, client):
    # arrange
    moment = datetime(2026, 11, 17, 13, tzinfo=PARIS)  # Lodève's lunch break
    # act
    with at(moment):
        data = maisons(client, near=NEAR_LODEVE, limit=1)
    # assert
    first = data["results"][0]
    assert first["source_id"] == "demo-34-02"
    assert first["open_now"] is False
    assert paris_datetime(first["next_opening"]) == datetime(2026, 11, 17, 14, tzinfo=PARIS)
