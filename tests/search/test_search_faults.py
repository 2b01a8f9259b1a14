"""Search and saves when Elasticsearch refuses connections or hangs: answers from the
database backend within 2 s, a warning logged, saves that go on.

Each test builds the guides, partners and maisons it searches or saves with the factories
of ``tests/factories.py``, with words the demo does not use ("gabare", "Quillevent");
maisons go in the Lozère (48)."""

import json
import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import elasticsearch
import pytest
from django.core.cache import caches
from django.db import connection as database
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from directory.models import Department, GuidePage, MaisonPage, Partner
from search import backends
from tests.factories import GuidePageFactory, MaisonPageFactory, PartnerFactory
from tests.search.test_search_view import result_titles

pytestmark = pytest.mark.django_db

BACKEND = f"search.backends.FrenchElasticsearch{elasticsearch.VERSION[0]}Backend"
QUERY = "gabare fluviale"
BUDGET_SECONDS = 2


class HangingServer:
    """Accepts connections on a loopback port and never answers."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.connections: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                connection, _address = self.socket.accept()
            except TimeoutError:
                continue
            self.connections.append(connection)

    def close(self):
        self._stop.set()
        self._thread.join()
        for connection in self.connections:
            connection.close()
        self.socket.close()


@pytest.fixture
def hanging_server():
    server = HangingServer()
    yield server
    server.close()


class ErrorServer(ThreadingHTTPServer):
    """Answers every request with an Elasticsearch error of the given status."""

    def __init__(self, status: int):
        self.status = status
        self.requests = 0
        super().__init__(("127.0.0.1", 0), _ErrorHandler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()


class _ErrorHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        self.server.requests += 1
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = json.dumps({"error": {"type": "error", "reason": "test"}, "status": 0}).encode()
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST

    def log_message(self, *args):
        pass


def refusing_url() -> str:
    """A loopback port nothing listens on: connections are refused."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def elasticsearch_at(url: str, **options) -> dict:
    return {
        "default": {"BACKEND": BACKEND, "URLS": [url], "FALLBACK": "database", **options},
        "database": {"BACKEND": "search.database"},  # as in production's settings
    }


@pytest.fixture(autouse=True)
def fresh_circuit_breaker(monkeypatch):
    monkeypatch.setattr(backends, "_retry_at", {})


@pytest.fixture(params=["refusing", "hanging"])
def faulty_url(request):
    if request.param == "refusing":
        return refusing_url()
    return request.getfixturevalue("hanging_server").url


@pytest.fixture
def logged(caplog):
    caplog.set_level(logging.WARNING)
    return caplog


def gabare_guides() -> list[GuidePage]:
    """Two guides the QUERY finds."""
    return [
        GuidePageFactory(title="Immatriculer sa gabare fluviale"),
        GuidePageFactory(title="Assurer sa gabare", summary="Une gabare fluviale s’assure."),
    ]


def lozere_maisons(count: int) -> list[MaisonPage]:
    return [
        MaisonPageFactory(
            title=f"France Services de Quillevent {number}",
            department=Department.objects.get(code="48"),
            latitude=44.5 + number / 100,
            longitude=3.4,
        )
        for number in range(count)
    ]


def search_warnings(caplog) -> list[str]:
    return [
        r.getMessage() for r in caplog.records if r.name == "search" and r.levelname == "WARNING"
    ]


def test_the_search_page_answers_from_the_database(client, faulty_url, logged):
    # arrange
    gabare_guides()
    expected = result_titles(client, QUERY)  # the database backend alone (test settings)
    caches["pages"].clear()

    # act
    with override_settings(WAGTAILSEARCH_BACKENDS=elasticsearch_at(faulty_url)):
        started = time.monotonic()
        titles = result_titles(client, QUERY)
        elapsed = time.monotonic() - started

    # assert
    assert sorted(expected) == ["Assurer sa gabare", "Immatriculer sa gabare fluviale"]
    assert titles == expected
    assert elapsed < BUDGET_SECONDS
    assert any("answered by the 'database' backend" in m for m in search_warnings(logged))
    assert not [r for r in logged.records if r.levelno >= logging.ERROR]


def test_only_the_fallbacks_answers_are_counted():
    """What keeps the results cache for Elasticsearch's answers: only an answer of the
    fallback moves the count."""
    results = SimpleNamespace(
        backend=SimpleNamespace(available=lambda: True, search_failed=lambda error: None)
    )

    def refused():
        raise elasticsearch.ConnectionError("refused")

    before = backends.fallback_answers()
    answer = backends._FallbackResults._answer
    assert answer(results, lambda: "cluster", lambda: "database") == "cluster"
    assert backends.fallback_answers() == before
    assert answer(results, refused, lambda: "database") == "database"
    assert backends.fallback_answers() == before + 1


def test_an_answer_from_the_database_is_not_kept(client, settings, logged):
    """The results cache keeps Elasticsearch's answers only: once the cluster is back, the
    next search is its own."""
    # arrange
    settings.SEARCH_RESULTS_CACHE_SECONDS = 300
    gabare_guides()

    # act
    with override_settings(WAGTAILSEARCH_BACKENDS=elasticsearch_at(refusing_url())):
        first = result_titles(client, QUERY)
        caches["pages"].clear()
        with CaptureQueriesContext(database) as queries:
            again = result_titles(client, QUERY)

    # assert
    assert again == first
    assert sorted(first) == ["Assurer sa gabare", "Immatriculer sa gabare fluviale"]
    assert any("wagtailsearch_indexentry" in query["sql"] for query in queries)


def search_calls():
    """What a results page asks: a count, a page of results, two facets. (Query objects:
    a string would be read with each backend's default operator, "or" or "and".)"""
    pages = Page.objects.live().public().search(PlainText(QUERY))
    maisons = MaisonPage.objects.live().search(PlainText("Quillevent"))
    return (
        pages.count(),
        [page.pk for page in pages[:10]],
        dict(pages.facet("content_type_id")),
        dict(maisons.facet("department_id")),
    )


def test_a_hung_cluster_costs_one_timeout_per_process(hanging_server, logged):
    # arrange
    guides = gabare_guides()
    lozere_maisons(2)
    expected = search_calls()

    # act
    with override_settings(WAGTAILSEARCH_BACKENDS=elasticsearch_at(hanging_server.url)):
        started = time.monotonic()
        found = search_calls()
        elapsed = time.monotonic() - started
        again = search_calls()

    # assert
    assert expected[0] == 2 and sorted(expected[1]) == sorted(guide.pk for guide in guides)
    assert expected[3] == {Department.objects.get(code="48").pk: 2}
    assert found == again == expected
    assert elapsed < BUDGET_SECONDS
    # The first call timed out; the circuit breaker kept the others off the cluster.
    assert len(hanging_server.connections) == 1
    assert len(search_warnings(logged)) == 1


def test_the_cluster_is_asked_again_after_the_pause(hanging_server, logged):
    # arrange
    gabare_guides()
    settings = elasticsearch_at(hanging_server.url, RETRY_AFTER=0, LIVE_TIMEOUT_MS=200)
    with override_settings(WAGTAILSEARCH_BACKENDS=settings):
        for _ in range(2):
            # act, assert
            assert Page.objects.live().search(PlainText(QUERY)).count() == 2

    assert len(hanging_server.connections) == 2
    assert len(search_warnings(logged)) == 2


def test_autocomplete_answers_from_the_database(faulty_url, logged):
    gabare_guides()
    expected = [page.pk for page in Page.objects.live().autocomplete("gaba")]
    assert len(expected) == 2

    with override_settings(WAGTAILSEARCH_BACKENDS=elasticsearch_at(faulty_url)):
        found = [page.pk for page in Page.objects.live().autocomplete("gaba")]

    assert found == expected
    assert len(search_warnings(logged)) == 1


@pytest.mark.parametrize(("status", "requests"), [(400, 2), (404, 2), (429, 1), (503, 1)])
def test_only_a_failing_cluster_is_left_alone(logged, status, requests):
    """A request the cluster refuses is answered by the database, and the next one is
    tried again; a cluster overloaded or in error is left alone for a while."""
    # arrange
    gabare_guides()
    server = ErrorServer(status)
    try:
        with override_settings(WAGTAILSEARCH_BACKENDS=elasticsearch_at(server.url)):
            for _ in range(2):
                # act, assert
                assert Page.objects.live().search(PlainText(QUERY)).count() == 2
    finally:
        server.shutdown()
        server.server_close()

    assert server.requests == requests
    assert len(search_warnings(logged)) == requests  # a warning per failure


def test_publishing_a_page_goes_on(faulty_url, logged):
    # arrange
    page = GuidePageFactory(title="Immatriculer sa gabare fluviale")
    page.title = "Zygomatique, une démarche renommée"

    with override_settings(WAGTAILSEARCH_BACKENDS=elasticsearch_at(faulty_url)):
        started = time.monotonic()
        page.save_revision().publish()
        elapsed = time.monotonic() - started
        # The database backend was updated all the same, and answers for Elasticsearch.
        found = list(GuidePage.objects.live().search("zygomatique"))

    assert elapsed < BUDGET_SECONDS
    assert found == [page]
    assert any(repr(page) in m for m in search_warnings(logged))
    assert not [r for r in logged.records if r.levelno >= logging.ERROR]


def test_saving_a_partner_goes_on(faulty_url, logged):
    # arrange
    partner = PartnerFactory(name="Régie Quillevent")
    partner.name = "Office zygomatique"

    with override_settings(WAGTAILSEARCH_BACKENDS=elasticsearch_at(faulty_url)):
        started = time.monotonic()
        partner.save()
        elapsed = time.monotonic() - started
        found = list(get_search_backend().search("zygomatique", Partner))

    assert elapsed < BUDGET_SECONDS
    assert found == [partner]
    assert any(repr(partner) in m for m in search_warnings(logged))
    assert not [r for r in logged.records if r.levelno >= logging.ERROR]


def test_indexing_an_import_in_bulk_goes_on(logged):
    # arrange
    maisons = lozere_maisons(3)

    # act
    with override_settings(WAGTAILSEARCH_BACKENDS=elasticsearch_at(refusing_url())):
        get_search_backend().add_bulk(MaisonPage, maisons)

    # assert
    [message] = search_warnings(logged)
    assert "did not index 3 MaisonPage objects" in message
