"""Where is a place: the offline commune table, and the national address API (here a fake
server on 127.0.0.1 that each test drives) with its fallback to the table."""

import json
import logging
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from directory.territories.geocoding import (
    MAX_QUERY_LENGTH,
    AddressApiGeocoder,
    CommuneTableGeocoder,
    get_geocoder,
)

pytestmark = pytest.mark.django_db

LODEVE_INSEE = "34142"
SAINT_GERVAIS_DEPARTMENTS = {"30", "33", "38", "85", "95"}
TIMEOUT = 0.5  # seconds given to the fake address API
MARGIN = 0.75  # what the fallback to the commune table may add to the timeout
HANG = 10.0  # how long a hanging fake server waits (released at teardown)
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# Clermont-l'Hérault, where the demo's "France Services du Clermontais" stands: an answer
# that cannot be mistaken for the commune table's Lodève.
CLERMONT = (43.63231, 3.40174)


# The fake address API -----------------------------------------------------------------


class FakeAddressApi:
    """What the fake server answers (status, body, delay, trickle) and what it was asked."""

    def __init__(self):
        self.status = 200
        self.body = b'{"type": "FeatureCollection", "features": []}'
        self.delay = 0.0  # before the status line
        self.trickle = 0.0  # between two bytes of the body
        self.truncate = False  # announce the whole body, send half of it and hang up
        self.raw = b""  # instead of an HTTP answer, these bytes
        self.requests: list[dict] = []
        self.release = threading.Event()
        self.url = ""

    def answer(self, features: list[dict], *, status: int = 200) -> None:
        self.status = status
        self.body = json.dumps({"type": "FeatureCollection", "features": features}).encode()


def feature(label, lat, lon, *, score=0.95, citycode="", postcode="", context=""):
    """One GeoJSON feature as the national address API writes it: coordinates [lon, lat]."""
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "label": label,
            "score": score,
            "citycode": citycode,
            "postcode": postcode,
            "context": context,
            "type": "municipality",
        },
    }


def clermont_feature(**kwargs):
    return feature(
        "Clermont-l'Hérault",
        *CLERMONT,
        citycode="34079",
        postcode="34800",
        context="34, Hérault, Occitanie",
        **kwargs,
    )


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        fake: FakeAddressApi = self.server.fake
        parsed = urllib.parse.urlsplit(self.path)
        fake.requests.append(
            {
                "path": parsed.path,
                "query": urllib.parse.parse_qs(parsed.query),
                "accept": self.headers.get("Accept", ""),
            }
        )
        if fake.delay:
            fake.release.wait(fake.delay)
        try:
            if fake.raw:
                self.wfile.write(fake.raw)
                self.close_connection = True
                return
            self.send_response(fake.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(fake.body)))
            self.end_headers()
            if fake.truncate:
                self.wfile.write(fake.body[: len(fake.body) // 2])
                self.close_connection = True
            elif fake.trickle:
                self._trickle(fake)
            else:
                self.wfile.write(fake.body)
        except OSError:
            pass  # the client gave up first: that is what the test wanted

    def _trickle(self, fake: FakeAddressApi) -> None:
        """A byte at a time; once released, the rest at once."""
        for index in range(len(fake.body)):
            self.wfile.write(fake.body[index : index + 1])
            self.wfile.flush()
            if fake.release.wait(fake.trickle):
                self.wfile.write(fake.body[index + 1 :])
                return

    def log_message(self, format, *args):
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """No test may leave the machine: any connection but to loopback fails loudly."""
    create_connection = socket.create_connection

    def guarded(address, *args, **kwargs):
        assert address[0] in LOOPBACK, f"a test tried to reach {address!r}"
        return create_connection(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)


@pytest.fixture
def fake_api():
    fake = FakeAddressApi()
    server = _Server(("127.0.0.1", 0), _Handler)
    server.fake = fake
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/search"
    yield fake
    fake.release.set()
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def closed_port():
    """A loopback port bound but not listening: connecting to it is refused."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    yield sock.getsockname()[1]
    sock.close()


def api_geocoder(url: str, timeout: float = TIMEOUT) -> AddressApiGeocoder:
    return AddressApiGeocoder(url, timeout=timeout, fallback=CommuneTableGeocoder())


def assert_commune_table_lodeve(places) -> None:
    assert [place.insee for place in places] == [LODEVE_INSEE]
    assert places[0].label == "Lodève (34)"
    assert (places[0].latitude, places[0].longitude) == (43.73015, 3.29526)


def fallback_warnings(caplog) -> list[logging.LogRecord]:
    return [
        record
        for record in caplog.records
        if record.name == "directory.territories.geocoding" and record.levelno == logging.WARNING
    ]


# Commune table -------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["saint gervais", "Saint-Gervais", "st gervais", "ST GERVAIS"])
def test_namesakes_are_all_returned_with_their_departments(demo_site, query):
    # arrange
    geocoder = CommuneTableGeocoder()
    # act
    places = geocoder.locate(query)
    # assert
    assert len(places) == 5
    assert {place.department_code for place in places} == SAINT_GERVAIS_DEPARTMENTS
    assert len({place.insee for place in places}) == 5
    assert {place.label for place in places} == {
        f"Saint-Gervais ({code})" for code in SAINT_GERVAIS_DEPARTMENTS
    }
    # the longer names that merely start alike are not namesakes
    assert not any("Mare" in place.label or "Auvergne" in place.label for place in places)


@pytest.mark.parametrize("query", ["Le Mont Dore", "mont-dore", "MONT DORE", "Le Mont-Dore"])
def test_mont_dore_is_found_whatever_its_spelling(demo_site, query):
    # arrange / act
    places = CommuneTableGeocoder().locate(query)
    # assert
    assert len(places) == 1
    assert places[0].insee == "63236"
    assert places[0].department_code == "63"
    assert places[0].department_name == "Puy-de-Dôme"
    assert places[0].label == "Mont-Dore (63)"


@pytest.mark.parametrize("query", ["lodeve", "Lodève", "LODEVE", "  lodève  "])
def test_lodeve_is_found_with_or_without_accent_and_case(demo_site, query):
    # arrange / act
    places = CommuneTableGeocoder().locate(query)
    # assert
    assert_commune_table_lodeve(places)
    assert places[0].department_code == "34"
    assert places[0].department_name == "Hérault"


def test_a_postcode_is_one_place_labelled_with_the_postcode(demo_site):
    # arrange: 34700 serves Lodève (7,289 inhabitants) and Le Puech (257)
    geocoder = CommuneTableGeocoder()
    # act
    places = geocoder.locate("34700")
    # assert
    assert len(places) == 1
    assert places[0].label == "34700 Lodève"
    assert places[0].postcode == "34700"
    assert places[0].insee == LODEVE_INSEE


def test_a_name_with_its_postcode_is_that_commune(demo_site):
    # arrange / act
    places = CommuneTableGeocoder().locate("Lodève 34700")
    # assert
    assert_commune_table_lodeve(places)


def test_a_postcode_picks_one_namesake(demo_site):
    # arrange / act
    places = CommuneTableGeocoder().locate("Saint-Gervais 33240")
    # assert
    assert [(place.insee, place.department_code) for place in places] == [("33415", "33")]


def test_a_name_with_a_postcode_that_does_not_serve_it_is_not_found(demo_site):
    # arrange / act / assert
    assert CommuneTableGeocoder().locate("Lodève 63240") == []


def test_a_name_prefix_finds_the_commune(demo_site):
    # arrange / act
    places = CommuneTableGeocoder().locate("lod")
    # assert
    assert_commune_table_lodeve(places)


@pytest.mark.parametrize("query", ["Atlantide", "Zzyzx-sur-Mer", "99999"])
def test_an_unknown_place_is_nothing(demo_site, query):
    # arrange / act / assert
    assert CommuneTableGeocoder().locate(query) == []


@pytest.mark.parametrize("query", ["", " ", "\t\n", "-'-", "le"])
def test_an_empty_or_blank_query_is_nothing(demo_site, query):
    # arrange / act / assert
    assert CommuneTableGeocoder().locate(query) == []
    assert CommuneTableGeocoder().suggest(query) == []


@pytest.mark.parametrize("query", ["a" * 300, "Lodève " * 43, "3" * 300, "é" * 300])
def test_a_very_long_query_does_not_crash(demo_site, query):
    # arrange
    geocoder = CommuneTableGeocoder()
    # act
    places = geocoder.locate(query)
    suggestions = geocoder.suggest(query)
    # assert
    assert len(query) >= 300
    assert isinstance(places, list)
    assert isinstance(suggestions, list)
    assert all(place.latitude is not None for place in places)


def test_by_insee_gives_the_commune_or_nothing(demo_site):
    # arrange
    geocoder = CommuneTableGeocoder()
    # act
    lodeve = geocoder.by_insee("34142")
    padded = geocoder.by_insee(" 34142 ")
    unknown = geocoder.by_insee("99999")
    # assert
    assert lodeve is not None
    assert_commune_table_lodeve([lodeve])
    assert lodeve.department_code == "34"
    assert padded == lodeve
    assert unknown is None


def test_suggest_by_name_puts_exact_names_first_then_population(demo_site):
    # arrange: Saint-Gervais-d'Auvergne (1,231 inhabitants) outnumbers three exact namesakes
    geocoder = CommuneTableGeocoder()
    # act
    found = geocoder.suggest("saint gervais")
    # assert
    assert [(commune.insee, postcodes) for commune, postcodes in found] == [
        ("85221", ["85230"]),
        ("33415", ["33240"]),
        ("95554", ["95420"]),
        ("30256", ["30200"]),
        ("38390", ["38470"]),
        ("63354", ["63390"]),
        ("34260", ["34610"]),
    ]


def test_suggest_lod_gives_lodeve_with_its_postcode(demo_site):
    # arrange / act
    found = CommuneTableGeocoder().suggest("lod")
    # assert
    assert [(commune.insee, postcodes) for commune, postcodes in found] == [
        (LODEVE_INSEE, ["34700"])
    ]


def test_suggest_by_postcode_prefix_orders_by_population(demo_site):
    # arrange / act
    found = CommuneTableGeocoder().suggest("347")
    # assert: Lodève (7,289) before Le Puech (257)
    assert [(commune.insee, postcodes) for commune, postcodes in found] == [
        (LODEVE_INSEE, ["34700"]),
        ("34220", ["34700"]),
    ]


def test_suggest_by_postcode_lists_a_commune_once_with_all_its_postcodes(demo_site):
    # arrange: Montpellier has four postcodes starting with 340
    geocoder = CommuneTableGeocoder()
    # act
    found = geocoder.suggest("340")
    by_department = geocoder.suggest("34", limit=3)
    # assert
    assert [(commune.insee, postcodes) for commune, postcodes in found] == [
        ("34172", ["34000", "34070", "34080", "34090"])
    ]
    assert [commune.insee for commune, _postcodes in by_department] == [
        "34172",  # Montpellier
        "34032",  # Béziers
        "34301",  # Sète
    ]


def test_suggest_respects_its_limit(demo_site):
    # arrange / act
    found = CommuneTableGeocoder().suggest("saint", limit=3)
    # assert
    assert len(found) == 3


# get_geocoder --------------------------------------------------------------------------


def test_settings_choose_the_commune_table(settings):
    # arrange
    settings.DIRECTORY_GEOCODER = "communes"
    # act
    geocoder = get_geocoder()
    # assert
    assert isinstance(geocoder, CommuneTableGeocoder)


def test_settings_choose_the_address_api_with_its_url_and_timeout(settings):
    # arrange
    settings.DIRECTORY_GEOCODER = "address-api"
    settings.DIRECTORY_ADDRESS_API_URL = "http://127.0.0.1:9/search"
    settings.DIRECTORY_GEOCODER_TIMEOUT_MS = 750
    # act
    geocoder = get_geocoder()
    # assert
    assert isinstance(geocoder, AddressApiGeocoder)
    assert geocoder.url == "http://127.0.0.1:9/search"
    assert geocoder.timeout == pytest.approx(0.75)
    assert isinstance(geocoder.fallback, CommuneTableGeocoder)


# Address API: answers used -------------------------------------------------------------


def test_a_good_answer_is_used(demo_site, fake_api, caplog):
    # arrange
    fake_api.answer([clermont_feature(score=0.97)])
    geocoder = api_geocoder(fake_api.url)
    # act
    places = geocoder.locate("Lodève")
    # assert: the fake's point, not the commune table's Lodève
    assert len(places) == 1
    place = places[0]
    assert place.label == "Clermont-l'Hérault"
    assert (place.latitude, place.longitude) == CLERMONT
    assert place.insee == "34079"
    assert place.postcode == "34800"
    assert place.department_code == "34"
    assert place.department_name == "Hérault"
    assert fallback_warnings(caplog) == []


def test_the_api_is_asked_for_the_query_and_the_limit(demo_site, fake_api):
    # arrange
    fake_api.answer([clermont_feature()])
    geocoder = api_geocoder(fake_api.url)
    # act
    geocoder.locate("  1 place de l’Hôtel de Ville, Lodève  ", limit=5)
    # assert
    assert len(fake_api.requests) == 1
    request = fake_api.requests[0]
    assert request["path"] == "/search"
    assert request["query"] == {"q": ["1 place de l’Hôtel de Ville, Lodève"], "limit": ["5"]}
    assert "application/json" in request["accept"]


def test_an_answer_is_read_as_geojson_longitude_first(demo_site, fake_api):
    # arrange: a point where latitude and longitude cannot be swapped unnoticed
    fake_api.answer(
        [
            feature(
                "Ajaccio",
                41.9267,
                8.7369,
                citycode="2A004",
                postcode="20000",
                context="2A, Corse-du-Sud, Corse",
            )
        ]
    )
    # act
    places = api_geocoder(fake_api.url).locate("Ajaccio")
    # assert
    assert (places[0].latitude, places[0].longitude) == (41.9267, 8.7369)
    assert (places[0].department_code, places[0].department_name) == ("2A", "Corse-du-Sud")


def test_namesakes_with_close_scores_are_all_returned(demo_site, fake_api):
    # arrange
    fake_api.answer(
        [
            feature("Saint-Gervais", 46.93226, -1.9826, score=0.92, context="85, Vendée"),
            feature("Saint-Gervais", 45.01639, -0.46706, score=0.91, context="33, Gironde"),
            feature("Saint-Gervais", 49.16554, 1.75829, score=0.86, context="95, Val-d'Oise"),
        ]
    )
    # act
    places = api_geocoder(fake_api.url).locate("Saint-Gervais")
    # assert
    assert [place.department_code for place in places] == ["85", "33", "95"]
    assert [place.latitude for place in places] == [46.93226, 45.01639, 49.16554]


def test_a_clearly_worse_second_answer_is_dropped(demo_site, fake_api):
    # arrange
    fake_api.answer(
        [
            clermont_feature(score=0.95),
            feature("Rue de Lodève, Montpellier", 43.61, 3.87, score=0.55, context="34, Hérault"),
        ]
    )
    # act
    places = api_geocoder(fake_api.url).locate("Lodève")
    # assert
    assert [place.label for place in places] == ["Clermont-l'Hérault"]


def test_a_short_query_does_not_call_the_api(demo_site, fake_api):
    # arrange
    fake_api.answer([clermont_feature()])
    # act
    places = api_geocoder(fake_api.url).locate("lo")
    # assert
    assert fake_api.requests == []
    assert isinstance(places, list)


# Address API: fallbacks ----------------------------------------------------------------


def test_a_hanging_server_falls_back_to_the_commune_table_in_time(demo_site, fake_api, caplog):
    # arrange
    fake_api.answer([clermont_feature()])
    fake_api.delay = HANG
    geocoder = api_geocoder(fake_api.url)
    # act
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="directory.territories.geocoding"):
        places = geocoder.locate("Lodève")
    elapsed = time.monotonic() - started
    # assert
    assert len(fake_api.requests) == 1, "the server was asked"
    assert_commune_table_lodeve(places)
    assert TIMEOUT * 0.9 <= elapsed < TIMEOUT + MARGIN, elapsed
    warnings = fallback_warnings(caplog)
    assert len(warnings) == 1
    assert "Lodève" in warnings[0].getMessage()


def test_a_server_trickling_its_answer_falls_back_in_time(demo_site, fake_api):
    # arrange: one byte every 0.2 s (under the 0.5 s timeout), a minute for the whole body;
    # released after a few seconds, the server sends the rest at once
    fake_api.answer([clermont_feature()])
    fake_api.trickle = 0.2
    geocoder = api_geocoder(fake_api.url)
    stop_after = TIMEOUT + MARGIN + 1.5
    timer = threading.Timer(stop_after, fake_api.release.set)  # bounds the test's length
    timer.daemon = True
    timer.start()
    # act
    started = time.monotonic()
    places = geocoder.locate("Lodève")
    elapsed = time.monotonic() - started
    timer.cancel()
    # assert
    assert elapsed < TIMEOUT + MARGIN, elapsed
    assert_commune_table_lodeve(places)


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (500, b'{"detail": "Internal Server Error"}'),
        (503, b"<html>Service Unavailable</html>"),
        (200, b"{not json"),
        (200, b"<html><body>Maintenance</body></html>"),
        (200, b'["a", "list"]'),
        (200, b'{"type": "FeatureCollection"}'),
        (200, b'{"features": [{"properties": {"label": "x"}}]}'),
        (200, b'{"features": [{"geometry": {"coordinates": []}, "properties": {"label": "x"}}]}'),
    ],
    ids=[
        "http-500",
        "http-503-html",
        "invalid-json",
        "html-page",
        "json-list",
        "no-features",
        "feature-without-geometry",
        "feature-without-coordinates",
    ],
)
def test_a_broken_answer_falls_back_with_a_warning(demo_site, fake_api, caplog, status, body):
    # arrange
    fake_api.status, fake_api.body = status, body
    geocoder = api_geocoder(fake_api.url)
    # act
    with caplog.at_level(logging.WARNING, logger="directory.territories.geocoding"):
        places = geocoder.locate("Lodève")
    # assert
    assert len(fake_api.requests) == 1
    assert_commune_table_lodeve(places)
    assert len(fallback_warnings(caplog)) == 1


def test_a_refused_connection_falls_back_with_a_warning(demo_site, closed_port, caplog):
    # arrange
    geocoder = api_geocoder(f"http://127.0.0.1:{closed_port}/search")
    # act
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="directory.territories.geocoding"):
        places = geocoder.locate("Lodève")
    elapsed = time.monotonic() - started
    # assert
    assert_commune_table_lodeve(places)
    assert elapsed < TIMEOUT + MARGIN
    assert len(fallback_warnings(caplog)) == 1


def test_an_answer_cut_short_falls_back_with_a_warning(demo_site, fake_api, caplog):
    # arrange: the server announces its whole body, sends half of it and hangs up
    fake_api.answer([clermont_feature()])
    fake_api.truncate = True
    geocoder = api_geocoder(fake_api.url)
    # act
    with caplog.at_level(logging.WARNING, logger="directory.territories.geocoding"):
        places = geocoder.locate("Lodève")
    # assert
    assert_commune_table_lodeve(places)
    assert len(fallback_warnings(caplog)) == 1


def test_an_answer_that_is_not_http_falls_back_with_a_warning(demo_site, fake_api, caplog):
    # arrange: something that is not a web server listens at the address
    fake_api.raw = b"SSH-2.0-OpenSSH_9.6\r\n"
    geocoder = api_geocoder(fake_api.url)
    # act
    with caplog.at_level(logging.WARNING, logger="directory.territories.geocoding"):
        places = geocoder.locate("Lodève")
    # assert
    assert_commune_table_lodeve(places)
    assert len(fallback_warnings(caplog)) == 1


def test_an_empty_feature_collection_falls_back(demo_site, fake_api):
    # arrange
    fake_api.answer([])
    geocoder = api_geocoder(fake_api.url)
    # act
    places = geocoder.locate("Lodève")
    # assert
    assert len(fake_api.requests) == 1
    assert_commune_table_lodeve(places)


def test_an_empty_answer_for_an_unknown_place_is_nothing(demo_site, fake_api):
    # arrange
    fake_api.answer([])
    # act
    places = api_geocoder(fake_api.url).locate("Atlantide")
    # assert
    assert places == []


def test_namesakes_from_the_fallback_are_all_returned(demo_site, fake_api):
    # arrange
    fake_api.status, fake_api.body = 500, b"{}"
    # act
    places = api_geocoder(fake_api.url).locate("saint gervais")
    # assert
    assert {place.department_code for place in places} == SAINT_GERVAIS_DEPARTMENTS


def test_a_very_long_query_is_cut_before_it_is_sent(demo_site, fake_api):
    # arrange
    fake_api.answer([])
    # act
    api_geocoder(fake_api.url).locate("Lodève " * 60)
    # assert
    assert len(fake_api.requests) == 1
    assert len(fake_api.requests[0]["query"]["q"][0]) <= MAX_QUERY_LENGTH


# Through the page ----------------------------------------------------------------------


@pytest.fixture
def page_uses_fake_api(settings, fake_api):
    settings.DIRECTORY_GEOCODER = "address-api"
    settings.DIRECTORY_ADDRESS_API_URL = fake_api.url
    settings.DIRECTORY_GEOCODER_TIMEOUT_MS = int(TIMEOUT * 1000)
    return fake_api


def test_the_search_page_uses_the_address_api_point(demo_site, client, page_uses_fake_api):
    # arrange
    page_uses_fake_api.answer([clermont_feature()])
    # act
    response = client.get("/maisons/", {"q": "Lodève"})
    # assert
    assert response.status_code == 200
    assert page_uses_fake_api.requests[0]["query"]["q"] == ["Lodève"]
    search = response.context["search"]
    assert (search.place.latitude, search.place.longitude) == CLERMONT
    assert search.place.label == "Clermont-l'Hérault"
    assert search.cards[0].maison.source_id == "demo-34-05"
    assert search.cards[0].distance_km == pytest.approx(0, abs=0.001)


def test_the_search_page_falls_back_when_the_api_hangs(demo_site, client, page_uses_fake_api):
    # arrange
    page_uses_fake_api.answer([clermont_feature()])
    page_uses_fake_api.delay = HANG
    # act
    started = time.monotonic()
    response = client.get("/maisons/", {"q": "Lodève"})
    elapsed = time.monotonic() - started
    # assert
    assert response.status_code == 200
    assert len(page_uses_fake_api.requests) == 1
    search = response.context["search"]
    assert search.place.insee == LODEVE_INSEE
    assert (search.place.latitude, search.place.longitude) == (43.73015, 3.29526)
    assert search.cards[0].maison.source_id == "demo-34-02"
    assert elapsed < HANG / 2, elapsed


def test_the_search_page_offers_the_api_namesakes(demo_site, client, page_uses_fake_api):
    # arrange
    page_uses_fake_api.answer(
        [
            feature("Saint-Gervais", 46.93226, -1.9826, score=0.9, context="85, Vendée"),
            feature("Saint-Gervais", 45.01639, -0.46706, score=0.9, context="33, Gironde"),
        ]
    )
    # act
    response = client.get("/maisons/", {"q": "Saint-Gervais"})
    # assert
    assert response.status_code == 200
    search = response.context["search"]
    assert search.place is None
    assert [place.department_code for place in search.choices] == ["85", "33"]
    assert search.cards == []


def test_the_search_page_falls_back_when_the_answer_is_cut_short(
    demo_site, client, page_uses_fake_api
):
    # arrange
    page_uses_fake_api.answer([clermont_feature()])
    page_uses_fake_api.truncate = True
    # act
    response = client.get("/maisons/", {"q": "Lodève"})
    # assert
    assert response.status_code == 200
    assert response.context["search"].place.insee == LODEVE_INSEE
