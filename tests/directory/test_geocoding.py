"""Where is a place: the offline commune table, and the national address API (here a fake
server on 127.0.0.1 that each test drives) with its fallback to the table.

Each test builds the communes it reads with ``CommuneFactory`` and ``CommunePostcodeFactory``
(real INSEE codes, names, postcodes, points and populations, from the 2024 commune file), in
departments the seeded demo does not use (Lozère, Finistère, Loire-Atlantique, the Saint-Didier
namesakes' departments), and the maisons a page search shows with ``MaisonPageFactory``.
"""

import json
import logging
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from directory.models import Commune, Department, MaisonPage
from directory.territories.geocoding import (
    MAX_QUERY_LENGTH,
    AddressApiGeocoder,
    CommuneTableGeocoder,
    get_geocoder,
)
from tests.factories import (
    MaisonPageFactory,
    communes_from_table,
)

pytestmark = pytest.mark.django_db

TIMEOUT = 0.5  # seconds given to the fake address API
MARGIN = 0.75  # what the fallback to the commune table may add to the timeout
HANG = 10.0  # how long a hanging fake server waits (released at teardown)
LOOPBACK = {"127.0.0.1", "localhost", "::1"}

# Communes as the 2024 commune file gives them (real INSEE codes, points and populations);
# postcodes separated by spaces.
COMMUNES = """\
48095;Mende;Mende;48;48000;44.53491;3.49086;12316
48029;Born;Le Born;48;48000;44.58742;3.55688;153
48092;Marvejols;Marvejols;48;48100;44.55495;3.28783;4738
29235;Relecq-Kerhuon;Le Relecq-Kerhuon;29;29480;48.40318;-4.40144;11791
44109;Nantes;Nantes;44;44000 44100 44200 44300;47.23823;-1.56033;323204
44184;Saint-Nazaire;Saint-Nazaire;44;44600;47.27682;-2.23916;72057
44162;Saint-Herblain;Saint-Herblain;44;44800;47.2246;-1.63056;49537
44143;Rezé;Rezé;44;44400;47.17333;-1.55729;42998
21546;Saint-Didier;Saint-Didier;21;21210;47.31749;4.17217;202
35264;Saint-Didier;Saint-Didier;35;35220;48.09133;-1.36056;2035
39480;Saint-Didier;Saint-Didier;39;39570;46.71018;5.50944;271
58237;Saint-Didier;Saint-Didier;58;58190;47.34754;3.61976;29
84108;Saint-Didier;Saint-Didier;84;84210;44.01082;5.10927;2126
03227;Saint-Didier-la-Forêt;Saint-Didier-la-Forêt;03;03110;46.22973;3.33723;376
43178;Saint-Didier-sur-Doulon;Saint-Didier-sur-Doulon;43;43440;45.30156;3.54595;195
"""
MENDE_INSEE = "48095"
MENDE_POINT = (44.53491, 3.49086)
# Marvejols, what the fake address API answers: cannot be mistaken for the table's Mende.
MARVEJOLS_POINT = (44.55495, 3.28783)
# Five exact namesakes (none in a department of the demo's communes)...
SAINT_DIDIER_INSEES = ["21546", "35264", "39480", "58237", "84108"]
SAINT_DIDIER_DEPARTMENTS = {"21", "35", "39", "58", "84"}
# ... and two longer names that merely start alike; Saint-Didier-la-Forêt (376 inhabitants)
# outnumbers three of the namesakes.
SAINT_DIDIER_LONGER_INSEES = ["03227", "43178"]


def build_communes(*insees: str) -> dict[str, Commune]:
    """The ``COMMUNES`` rows of these INSEE codes, built with their postcodes."""
    return communes_from_table(COMMUNES, *insees)


@pytest.fixture
def lozere():
    """Mende, Le Born (which shares Mende's postcode 48000) and Marvejols (48100)."""
    return build_communes("48095", "48029", "48092")


@pytest.fixture
def saint_didier():
    """The five Saint-Didier and the two longer names."""
    return build_communes(*SAINT_DIDIER_INSEES, *SAINT_DIDIER_LONGER_INSEES)


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


def marvejols_feature(**kwargs):
    return feature(
        "Marvejols",
        *MARVEJOLS_POINT,
        citycode="48092",
        postcode="48100",
        context="48, Lozère, Occitanie",
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


def assert_commune_table_mende(places) -> None:
    assert [place.insee for place in places] == [MENDE_INSEE]
    assert places[0].label == "Mende (48)"
    assert (places[0].latitude, places[0].longitude) == MENDE_POINT


def fallback_warnings(caplog) -> list[logging.LogRecord]:
    return [
        record
        for record in caplog.records
        if record.name == "directory.territories.geocoding" and record.levelno == logging.WARNING
    ]


# Commune table -------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["saint didier", "Saint-Didier", "st didier", "ST DIDIER"])
def test_namesakes_are_all_returned_with_their_departments(saint_didier, query):
    # arrange
    geocoder = CommuneTableGeocoder()
    # act
    places = geocoder.locate(query)
    # assert
    assert len(places) == 5
    assert {place.department_code for place in places} == SAINT_DIDIER_DEPARTMENTS
    assert {place.insee for place in places} == set(SAINT_DIDIER_INSEES)
    assert {place.label for place in places} == {
        f"Saint-Didier ({code})" for code in SAINT_DIDIER_DEPARTMENTS
    }
    # the longer names that merely start alike are not namesakes
    assert not any("Forêt" in place.label or "Doulon" in place.label for place in places)


@pytest.mark.parametrize(
    "query", ["Le Relecq Kerhuon", "relecq-kerhuon", "RELECQ KERHUON", "Le Relecq-Kerhuon"]
)
def test_a_name_with_an_article_is_found_whatever_its_spelling(query):
    # arrange
    build_communes("29235")
    # act
    places = CommuneTableGeocoder().locate(query)
    # assert
    assert len(places) == 1
    assert places[0].insee == "29235"
    assert places[0].department_code == "29"
    assert places[0].department_name == "Finistère"
    assert places[0].label == "Le Relecq-Kerhuon (29)"


@pytest.mark.parametrize("query", ["mende", "Mende", "MENDE", "  mende  ", "Mendé"])
def test_mende_is_found_with_or_without_accent_and_case(lozere, query):
    # arrange / act
    places = CommuneTableGeocoder().locate(query)
    # assert
    assert_commune_table_mende(places)
    assert places[0].department_code == "48"
    assert places[0].department_name == "Lozère"


def test_a_postcode_is_one_place_labelled_with_the_postcode(lozere):
    # arrange: 48000 serves Mende (12,316 inhabitants) and Le Born (153)
    geocoder = CommuneTableGeocoder()
    # act
    places = geocoder.locate("48000")
    # assert
    assert len(places) == 1
    assert places[0].label == "48000 Mende"
    assert places[0].postcode == "48000"
    assert places[0].insee == MENDE_INSEE


def test_a_name_with_its_postcode_is_that_commune(lozere):
    # arrange / act
    places = CommuneTableGeocoder().locate("Mende 48000")
    # assert
    assert_commune_table_mende(places)


def test_a_postcode_picks_one_namesake(saint_didier):
    # arrange / act
    places = CommuneTableGeocoder().locate("Saint-Didier 35220")
    # assert
    assert [(place.insee, place.department_code) for place in places] == [("35264", "35")]


def test_a_name_with_a_postcode_that_does_not_serve_it_is_not_found(lozere):
    # arrange: 48100 is Marvejols's postcode
    # act / assert
    assert CommuneTableGeocoder().locate("Mende 48100") == []


def test_a_name_prefix_finds_the_commune(lozere):
    # arrange / act
    places = CommuneTableGeocoder().locate("men")
    # assert
    assert_commune_table_mende(places)


@pytest.mark.parametrize("query", ["Atlantide", "Zzyzx-sur-Mer", "99999"])
def test_an_unknown_place_is_nothing(lozere, query):
    # arrange / act / assert
    assert CommuneTableGeocoder().locate(query) == []


@pytest.mark.parametrize("query", ["", " ", "\t\n", "-'-", "le"])
def test_an_empty_or_blank_query_is_nothing(lozere, query):
    # arrange: Le Born's name has an article
    # act / assert
    assert CommuneTableGeocoder().locate(query) == []
    assert CommuneTableGeocoder().suggest(query) == []


@pytest.mark.parametrize("query", ["a" * 300, "Mende " * 50, "4" * 300, "é" * 300])
def test_a_very_long_query_does_not_crash(lozere, query):
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


def test_by_insee_gives_the_commune_or_nothing(lozere):
    # arrange
    geocoder = CommuneTableGeocoder()
    # act
    mende = geocoder.by_insee("48095")
    padded = geocoder.by_insee(" 48095 ")
    unknown = geocoder.by_insee("99999")
    # assert
    assert mende is not None
    assert_commune_table_mende([mende])
    assert mende.department_code == "48"
    assert padded == mende
    assert unknown is None


def test_suggest_by_name_puts_exact_names_first_then_population(saint_didier):
    # arrange: Saint-Didier-la-Forêt (376 inhabitants) outnumbers three exact namesakes
    geocoder = CommuneTableGeocoder()
    # act
    found = geocoder.suggest("saint didier")
    # assert
    assert [(commune.insee, postcodes) for commune, postcodes in found] == [
        ("84108", ["84210"]),  # 2,126 inhabitants
        ("35264", ["35220"]),  # 2,035
        ("39480", ["39570"]),  # 271
        ("21546", ["21210"]),  # 202
        ("58237", ["58190"]),  # 29
        ("03227", ["03110"]),  # Saint-Didier-la-Forêt, 376
        ("43178", ["43440"]),  # Saint-Didier-sur-Doulon, 195
    ]


def test_suggest_men_gives_mende_with_its_postcode(lozere):
    # arrange / act
    found = CommuneTableGeocoder().suggest("men")
    # assert
    assert [(commune.insee, postcodes) for commune, postcodes in found] == [
        (MENDE_INSEE, ["48000"])
    ]


def test_suggest_by_postcode_prefix_orders_by_population(lozere):
    # arrange / act
    found = CommuneTableGeocoder().suggest("480")
    # assert: Mende (12,316) before Le Born (153); not Marvejols (48100)
    assert [(commune.insee, postcodes) for commune, postcodes in found] == [
        (MENDE_INSEE, ["48000"]),
        ("48029", ["48000"]),
    ]


def test_suggest_by_postcode_lists_a_commune_once_with_all_its_postcodes():
    # arrange: Nantes has four postcodes starting with 440; its neighbours have others
    build_communes("44109", "44184", "44162", "44143")
    geocoder = CommuneTableGeocoder()
    # act
    found = geocoder.suggest("440")
    by_department = geocoder.suggest("44", limit=3)
    # assert
    assert [(commune.insee, postcodes) for commune, postcodes in found] == [
        ("44109", ["44000", "44100", "44200", "44300"])
    ]
    assert [commune.insee for commune, _postcodes in by_department] == [
        "44109",  # Nantes, 323,204 inhabitants
        "44184",  # Saint-Nazaire, 72,057
        "44162",  # Saint-Herblain, 49,537 (not Rezé, 42,998)
    ]


def test_suggest_respects_its_limit(saint_didier):
    # arrange: seven names start with "Saint-Didier"
    # act
    found = CommuneTableGeocoder().suggest("saint didier", limit=3)
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


def test_a_good_answer_is_used(lozere, fake_api, caplog):
    # arrange
    fake_api.answer([marvejols_feature(score=0.97)])
    geocoder = api_geocoder(fake_api.url)
    # act
    places = geocoder.locate("Mende")
    # assert: the fake's point, not the commune table's Mende
    assert len(places) == 1
    place = places[0]
    assert place.label == "Marvejols"
    assert (place.latitude, place.longitude) == MARVEJOLS_POINT
    assert place.insee == "48092"
    assert place.postcode == "48100"
    assert place.department_code == "48"
    assert place.department_name == "Lozère"
    assert fallback_warnings(caplog) == []


def test_the_api_is_asked_for_the_query_and_the_limit(lozere, fake_api):
    # arrange
    fake_api.answer([marvejols_feature()])
    geocoder = api_geocoder(fake_api.url)
    # act
    geocoder.locate("  1 place de l’Hôtel de Ville, Mende  ", limit=5)
    # assert
    assert len(fake_api.requests) == 1
    request = fake_api.requests[0]
    assert request["path"] == "/search"
    assert request["query"] == {"q": ["1 place de l’Hôtel de Ville, Mende"], "limit": ["5"]}
    assert "application/json" in request["accept"]


def test_an_answer_is_read_as_geojson_longitude_first(lozere, fake_api):
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


def test_namesakes_with_close_scores_are_all_returned(lozere, fake_api):
    # arrange
    fake_api.answer(
        [
            feature("Saint-Didier", 44.01082, 5.10927, score=0.92, context="84, Vaucluse"),
            feature("Saint-Didier", 48.09133, -1.36056, score=0.91, context="35, Ille-et-Vilaine"),
            feature("Saint-Didier", 47.31749, 4.17217, score=0.86, context="21, Côte-d'Or"),
        ]
    )
    # act
    places = api_geocoder(fake_api.url).locate("Saint-Didier")
    # assert
    assert [place.department_code for place in places] == ["84", "35", "21"]
    assert [place.latitude for place in places] == [44.01082, 48.09133, 47.31749]


def test_a_clearly_worse_second_answer_is_dropped(lozere, fake_api):
    # arrange
    fake_api.answer(
        [
            marvejols_feature(score=0.95),
            feature(
                "Avenue de Mende, Marvejols", 44.5532, 3.2901, score=0.55, context="48, Lozère"
            ),
        ]
    )
    # act
    places = api_geocoder(fake_api.url).locate("Mende")
    # assert
    assert [place.label for place in places] == ["Marvejols"]


def test_a_short_query_does_not_call_the_api(lozere, fake_api):
    # arrange
    fake_api.answer([marvejols_feature()])
    # act
    places = api_geocoder(fake_api.url).locate("lo")
    # assert
    assert fake_api.requests == []
    assert isinstance(places, list)


# Address API: fallbacks ----------------------------------------------------------------


def test_a_hanging_server_falls_back_to_the_commune_table_in_time(lozere, fake_api, caplog):
    # arrange
    fake_api.answer([marvejols_feature()])
    fake_api.delay = HANG
    geocoder = api_geocoder(fake_api.url)
    # act
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="directory.territories.geocoding"):
        places = geocoder.locate("Mende")
    elapsed = time.monotonic() - started
    # assert
    assert len(fake_api.requests) == 1, "the server was asked"
    assert_commune_table_mende(places)
    assert TIMEOUT * 0.9 <= elapsed < TIMEOUT + MARGIN, elapsed
    warnings = fallback_warnings(caplog)
    assert len(warnings) == 1
    assert "Mende" in warnings[0].getMessage()


def test_a_server_trickling_its_answer_falls_back_in_time(lozere, fake_api):
    # arrange: one byte every 0.2 s (under the 0.5 s timeout), a minute for the whole body;
    # released after a few seconds, the server sends the rest at once
    fake_api.answer([marvejols_feature()])
    fake_api.trickle = 0.2
    geocoder = api_geocoder(fake_api.url)
    stop_after = TIMEOUT + MARGIN + 1.5
    timer = threading.Timer(stop_after, fake_api.release.set)  # bounds the test's length
    timer.daemon = True
    timer.start()
    # act
    started = time.monotonic()
    places = geocoder.locate("Mende")
    elapsed = time.monotonic() - started
    timer.cancel()
    # assert
    assert elapsed < TIMEOUT + MARGIN, elapsed
    assert_commune_table_mende(places)


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
def test_a_broken_answer_falls_back_with_a_warning(lozere, fake_api, caplog, status, body):
    # arrange
    fake_api.status, fake_api.body = status, body
    geocoder = api_geocoder(fake_api.url)
    # act
    with caplog.at_level(logging.WARNING, logger="directory.territories.geocoding"):
        places = geocoder.locate("Mende")
    # assert
    assert len(fake_api.requests) == 1
    assert_commune_table_mende(places)
    assert len(fallback_warnings(caplog)) == 1


def test_a_refused_connection_falls_back_with_a_warning(lozere, closed_port, caplog):
    # arrange
    geocoder = api_geocoder(f"http://127.0.0.1:{closed_port}/search")
    # act
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="directory.territories.geocoding"):
        places = geocoder.locate("Mende")
    elapsed = time.monotonic() - started
    # assert
    assert_commune_table_mende(places)
    assert elapsed < TIMEOUT + MARGIN
    assert len(fallback_warnings(caplog)) == 1


def test_an_answer_cut_short_falls_back_with_a_warning(lozere, fake_api, caplog):
    # arrange: the server announces its whole body, sends half of it and hangs up
    fake_api.answer([marvejols_feature()])
    fake_api.truncate = True
    geocoder = api_geocoder(fake_api.url)
    # act
    with caplog.at_level(logging.WARNING, logger="directory.territories.geocoding"):
        places = geocoder.locate("Mende")
    # assert
    assert_commune_table_mende(places)
    assert len(fallback_warnings(caplog)) == 1


def test_an_answer_that_is_not_http_falls_back_with_a_warning(lozere, fake_api, caplog):
    # arrange: something that is not a web server listens at the address
    fake_api.raw = b"SSH-2.0-OpenSSH_9.6\r\n"
    geocoder = api_geocoder(fake_api.url)
    # act
    with caplog.at_level(logging.WARNING, logger="directory.territories.geocoding"):
        places = geocoder.locate("Mende")
    # assert
    assert_commune_table_mende(places)
    assert len(fallback_warnings(caplog)) == 1


def test_an_empty_feature_collection_falls_back(lozere, fake_api):
    # arrange
    fake_api.answer([])
    geocoder = api_geocoder(fake_api.url)
    # act
    places = geocoder.locate("Mende")
    # assert
    assert len(fake_api.requests) == 1
    assert_commune_table_mende(places)


def test_an_empty_answer_for_an_unknown_place_is_nothing(lozere, fake_api):
    # arrange
    fake_api.answer([])
    # act
    places = api_geocoder(fake_api.url).locate("Atlantide")
    # assert
    assert places == []


def test_namesakes_from_the_fallback_are_all_returned(saint_didier, fake_api):
    # arrange
    fake_api.status, fake_api.body = 500, b"{}"
    # act
    places = api_geocoder(fake_api.url).locate("saint didier")
    # assert
    assert {place.department_code for place in places} == SAINT_DIDIER_DEPARTMENTS


def test_a_very_long_query_is_cut_before_it_is_sent(lozere, fake_api):
    # arrange
    fake_api.answer([])
    # act
    api_geocoder(fake_api.url).locate("Mende " * 60)
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


@pytest.fixture
def lozere_maisons(lozere) -> dict[str, MaisonPage]:
    """A maison at Mende's point and one at Marvejols's, 17 km apart (no demo maison
    within 60 km)."""
    return {
        "Mende": MaisonPageFactory(
            title="France Services du Gévaudan d’essai",
            postcode="48000",
            commune_name="Mende",
            insee_commune="48095",
            department=Department.objects.get(code="48"),
            latitude=MENDE_POINT[0],
            longitude=MENDE_POINT[1],
        ),
        "Marvejols": MaisonPageFactory(
            title="France Services de la Colagne d’essai",
            postcode="48100",
            commune_name="Marvejols",
            insee_commune="48092",
            department=Department.objects.get(code="48"),
            latitude=MARVEJOLS_POINT[0],
            longitude=MARVEJOLS_POINT[1],
        ),
    }


def test_the_search_page_uses_the_address_api_point(lozere_maisons, client, page_uses_fake_api):
    # arrange
    page_uses_fake_api.answer([marvejols_feature()])
    # act
    response = client.get("/maisons/", {"q": "Mende"})
    # assert
    assert response.status_code == 200
    assert page_uses_fake_api.requests[0]["query"]["q"] == ["Mende"]
    search = response.context["search"]
    assert (search.place.latitude, search.place.longitude) == MARVEJOLS_POINT
    assert search.place.label == "Marvejols"
    assert search.cards[0].maison.pk == lozere_maisons["Marvejols"].pk
    assert search.cards[0].distance_km == pytest.approx(0, abs=0.001)


def test_the_search_page_falls_back_when_the_api_hangs(lozere_maisons, client, page_uses_fake_api):
    # arrange
    page_uses_fake_api.answer([marvejols_feature()])
    page_uses_fake_api.delay = HANG
    # act
    started = time.monotonic()
    response = client.get("/maisons/", {"q": "Mende"})
    elapsed = time.monotonic() - started
    # assert
    assert response.status_code == 200
    assert len(page_uses_fake_api.requests) == 1
    search = response.context["search"]
    assert search.place.insee == MENDE_INSEE
    assert (search.place.latitude, search.place.longitude) == MENDE_POINT
    assert search.cards[0].maison.pk == lozere_maisons["Mende"].pk
    assert search.cards[0].distance_km == pytest.approx(0, abs=0.001)
    assert elapsed < HANG / 2, elapsed


def test_the_search_page_offers_the_api_namesakes(saint_didier, client, page_uses_fake_api):
    # arrange
    page_uses_fake_api.answer(
        [
            feature("Saint-Didier", 44.01082, 5.10927, score=0.9, context="84, Vaucluse"),
            feature("Saint-Didier", 48.09133, -1.36056, score=0.9, context="35, Ille-et-Vilaine"),
        ]
    )
    # act
    response = client.get("/maisons/", {"q": "Saint-Didier"})
    # assert
    assert response.status_code == 200
    search = response.context["search"]
    assert search.place is None
    assert [place.department_code for place in search.choices] == ["84", "35"]
    assert search.cards == []


def test_the_search_page_falls_back_when_the_answer_is_cut_short(
    lozere, client, page_uses_fake_api
):
    # arrange
    page_uses_fake_api.answer([marvejols_feature()])
    page_uses_fake_api.truncate = True
    # act
    response = client.get("/maisons/", {"q": "Mende"})
    # assert
    assert response.status_code == 200
    assert response.context["search"].place.insee == MENDE_INSEE
