"""Browser fixtures: Playwright (sync API) driving Debian's chromium against the live server.

* The browser is never downloaded: ``/usr/bin/chromium`` must be installed (CI installs it
  beforehand). When it is missing the tests fail with an explicit message, never skip.
* Pages are only ever loaded from loopback addresses: ``goto`` refuses other URLs and every
  request the page makes to another host is aborted before it leaves the browser.
* Each test gets the skeleton and what its module's ``build_dataset()`` builds with
  ``tests.factories`` (built once per module, see ``SiteSnapshot``), then starts
  Playwright; Playwright stops before pytest-django flushes the database (see
  ``browser``). After the module, the database holds the skeleton again, and nothing
  else. The live server is a thread of its own, so the main thread never needs
  ``DJANGO_ALLOW_ASYNC_UNSAFE``: it is not set, so that the rest of the suite keeps
  Django's async-safety checks.
* The live server answers one request at a time (``one_request_at_a_time``): on SQLite
  its requests share the test database's one connection, which two requests at once
  (a page and a script's request) would use from two threads.
"""

import ipaddress
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock
from urllib.parse import urljoin, urlsplit

import pytest

CHROMIUM_PATH = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOOPBACK_NAMES = {"localhost"}


def is_loopback(url: str) -> bool:
    """True for http(s) URLs whose host is a loopback name or address."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        return False
    host = (parts.hostname or "").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def chromium_missing_message() -> str | None:
    if not CHROMIUM_PATH.is_file():
        return (
            f"{CHROMIUM_PATH} is missing: the browser tests drive Debian's chromium and never "
            "download a browser. Install it first (apt-get install chromium)."
        )
    if not os.access(CHROMIUM_PATH, os.X_OK):
        return f"{CHROMIUM_PATH} is not executable."
    return None


@pytest.fixture(scope="session")
def chromium_problem() -> str | None:
    """Why Debian's chromium cannot be used, or None when it can."""
    return chromium_missing_message()


@pytest.fixture(scope="session")
def chromium_executable(chromium_problem) -> str:
    """The path of Debian's chromium; fails (never skips) when it is not installed."""
    if chromium_problem:
        pytest.fail(chromium_problem, pytrace=False)
    return str(CHROMIUM_PATH)


class SiteSnapshot:
    """The skeleton and a module's dataset, built once per module instead of once per test.

    ``live_server`` implies ``transactional_db``: the database is flushed after every
    test, and the serialized rollback reloads, before the next one, what Django serialized
    when it created the test database (``_test_serialized_contents``: the data of the
    migrations, not the skeleton ``django_db_setup`` builds afterwards). Before the
    module's first test, ``build`` builds the module's dataset over the skeleton and
    serializes both: that serialization stands in for the migrations' data until the end
    of the module, so each test starts from the skeleton and the dataset (reloading them
    takes a fraction of the building time). ``restore`` then empties the database and
    loads the skeleton back, and nothing else, for the tests that follow on the same
    worker (any file may, under pytest-xdist), and puts the original serialization back.

    A test that changed nothing leaves the database as the snapshot: on SQLite (where the
    browser tests run) the connection counts every row it inserted, updated or deleted
    (``total_changes``, the live server's thread shares the connection), so while the
    module runs, the flush after a test and the reload before the next are skipped when
    that count did not move (``keep_when_unchanged``). Most browser tests only read.
    """

    def __init__(self, skeleton: str):
        from django.db import DEFAULT_DB_ALIAS, connections

        self.connection = connections[DEFAULT_DB_ALIAS]
        self.skeleton = skeleton
        self.original: str | None = None
        self.replaced = False
        # Whether the database holds exactly the serialization, and the connection's count
        # of changed rows when the running test started (None: not counted).
        self.intact = False
        self.changes_at_start: int | None = None

    def build(self, build_dataset: Callable[[], object] | None) -> None:
        if build_dataset is not None:
            build_dataset()
        self.original = getattr(self.connection, "_test_serialized_contents", None)
        self.connection._test_serialized_contents = (
            self.connection.creation.serialize_db_to_string()
        )
        self.replaced = True
        self.intact = True

    def changed_rows(self) -> int | None:
        """Rows inserted, updated or deleted through the connection since it opened; None
        off SQLite."""
        if self.connection.vendor != "sqlite" or self.connection.connection is None:
            return None
        return self.connection.connection.total_changes

    @contextmanager
    def keep_when_unchanged(self) -> Iterator[None]:
        """While the module runs, Django's reload before a test and flush after it (the
        serialized rollback of ``TransactionTestCase``) are skipped when the database
        still holds the snapshot and the test changed no row."""
        from django.test import TransactionTestCase

        reload = TransactionTestCase.__dict__["_fixture_setup"].__func__  # a classmethod
        flush = TransactionTestCase._fixture_teardown
        snapshot = self

        def fixture_setup(test_class):
            if not snapshot.intact:
                reload(test_class)
            snapshot.changes_at_start = snapshot.changed_rows()

        def fixture_teardown(test_case):
            start, snapshot.changes_at_start = snapshot.changes_at_start, None
            if start is not None and snapshot.intact and snapshot.changed_rows() == start:
                return
            snapshot.intact = False
            flush(test_case)

        with (
            mock.patch.object(TransactionTestCase, "_fixture_setup", classmethod(fixture_setup)),
            mock.patch.object(TransactionTestCase, "_fixture_teardown", fixture_teardown),
        ):
            yield

    def restore(self) -> None:
        """Empties the database (the last test's flush usually did, not a dataset that
        failed half-way) and loads the skeleton back, then puts the original serialization
        back."""
        from django.core.management import call_command

        call_command(
            "flush",
            database=self.connection.alias,
            interactive=False,
            inhibit_post_migrate=True,
            verbosity=0,
        )
        self.connection.creation.deserialize_db_from_string(self.skeleton)
        reset_sequences()
        self.intact = False
        if self.replaced:
            if self.original is None:
                del self.connection._test_serialized_contents
            else:
                self.connection._test_serialized_contents = self.original
            self.replaced = False


def serial_wsgi_server():
    """Django's WSGI server without threads (and so without keep-alive: Django closes each
    connection of a server that is not threaded), taking the live server's
    ``connections_override`` as its threaded server does: the live server's own thread,
    which handles every request, already uses those connections."""
    from django.core.servers.basehttp import WSGIServer

    class Serial(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)
            self.connections_override = connections_override

    return Serial


@pytest.fixture(scope="session", autouse=True)
def one_request_at_a_time() -> Iterator[None]:
    """The live server of the browser tests handles one request at a time. Its threaded
    server would run a page's concurrent requests (the SCORM player's data, the map's)
    in threads sharing the in-memory SQLite connection, and two transactions there at once
    break each other's savepoints."""
    from django.test.testcases import LiveServerThread

    with mock.patch.object(LiveServerThread, "server_class", serial_wsgi_server()):
        yield


@pytest.fixture(scope="session")
def serialized_skeleton(django_db_setup, django_db_blocker) -> str:
    """The skeleton (``tests.skeleton``, with the migrations' data) as the browser modules
    found it and leave it, serialized once."""
    from django.db import connection

    from tests import skeleton

    with django_db_blocker.unblock():
        skeleton.build()  # idempotent: there already, unless a flush removed it
        return connection.creation.serialize_db_to_string()


@pytest.fixture(scope="module")
def site_snapshot(request, serialized_skeleton, django_db_blocker) -> Iterator[SiteSnapshot]:
    """The module's dataset (its ``build_dataset()``, when it has one) over the skeleton,
    built before its first browser test; the skeleton alone put back after its last."""
    build_dataset = getattr(request.module, "build_dataset", None)
    assert build_dataset is None or callable(build_dataset), "build_dataset must be a function"
    snapshot = SiteSnapshot(serialized_skeleton)
    try:
        with django_db_blocker.unblock():
            snapshot.build(build_dataset)
        with snapshot.keep_when_unchanged():
            yield snapshot
    finally:
        with django_db_blocker.unblock():
            snapshot.restore()


@pytest.fixture
def live_site(site_snapshot, live_server, django_db_serialized_rollback):
    """The live server, over the skeleton and the module's dataset (see ``SiteSnapshot``):
    what a test writes besides is flushed after it."""
    assert is_loopback(live_server.url), f"Live server is not on loopback: {live_server.url}"
    reset_sequences()
    return live_server


def reset_sequences() -> None:
    """Rows reloaded with their ids leave PostgreSQL's sequences behind them: move each
    past its table's largest id, or the next page created collides (SQLite needs nothing)."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.fixture
def browser(chromium_executable, live_site):
    """A headless chromium, started once the database is ready and stopped before the flush.

    While Playwright's sync API runs, it marks an asyncio loop as running in the main
    thread. Django then refuses ORM calls there (``SynchronousOnlyOperation``) and, worse,
    hands out another database connection (asgiref's thread-critical ``Local`` switches
    to a context variable), one without the serialized rollback data. So Playwright
    lives strictly inside the database-touching fixtures: per test, never longer.
    Tests must not use the ORM while the browser runs: the live server serves the pages.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_executable, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


class BrowserSession:
    """A browser context bound to the live server, with loopback-only networking; what the
    browser refused under the Content-Security-Policy is kept in ``csp_violations``."""

    def __init__(self, browser, base_url: str, **context_options):
        self.base_url = base_url
        self.blocked_requests: list[str] = []
        self.csp_violations: list[str] = []
        options = {
            "locale": "fr-FR",
            "color_scheme": "light",
            "viewport": {"width": 1280, "height": 900},
            "service_workers": "block",
            **context_options,
        }
        self.context = browser.new_context(base_url=base_url, **options)
        self.context.set_default_timeout(10_000)
        self.context.route("**/*", self._only_loopback)
        self.context.on("console", self._record_csp_violation)
        self.page = self.context.new_page()

    def _record_csp_violation(self, message) -> None:
        # Chromium reports each refusal on the console ("… violates the following
        # Content Security Policy directive …").
        if "Content Security Policy" in message.text:
            self.csp_violations.append(message.text)

    def _only_loopback(self, route) -> None:
        url = route.request.url
        if is_loopback(url):
            route.continue_()
        else:
            self.blocked_requests.append(url)
            route.abort("blockedbyclient")

    def goto(self, path: str, *, wait_until: str = "load"):
        url = urljoin(self.base_url, path)
        assert is_loopback(url), f"Browser tests only visit loopback addresses, not {url}"
        response = self.page.goto(url, wait_until=wait_until)
        assert response is not None, f"No response for {url}"
        return response

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_session(browser, live_site) -> Iterator:
    """A factory of browser sessions on the live server, closed after the test."""
    sessions: list[BrowserSession] = []

    def factory(**context_options) -> BrowserSession:
        session = BrowserSession(browser, live_site.url, **context_options)
        sessions.append(session)
        return session

    yield factory
    for session in sessions:
        session.close()


@pytest.fixture
def session(open_session) -> BrowserSession:
    """A browser session with JavaScript enabled."""
    return open_session()
