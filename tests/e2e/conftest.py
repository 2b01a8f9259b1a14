"""Browser fixtures: Playwright (sync API) driving Debian's chromium against the live server.

* The browser is never downloaded: ``/usr/bin/chromium`` must be installed (CI installs it
  beforehand). When it is missing the tests fail with an explicit message, they never skip.
* Pages are only ever loaded from loopback addresses: every request to another host is
  aborted before it leaves the browser, and ``goto`` refuses non-loopback URLs.
* Playwright's sync API marks an asyncio loop as running in the main thread, so Django's
  async-safety guard would refuse the ORM calls made there (seeding, database flush):
  ``DJANGO_ALLOW_ASYNC_UNSAFE`` lifts it. The live server runs in a thread of its own.
"""

import ipaddress
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

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


@pytest.fixture(scope="module")
def browser(chromium_executable):
    """One headless chromium per test module.

    Module scope, not session scope: while Playwright runs, an asyncio loop is marked as
    running in the main thread, which must not leak into the other test modules.
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


@pytest.fixture
def seeded_site(live_server, django_db_serialized_rollback):
    """The live server, with the demo content of ``home.demo.seed``.

    ``live_server`` implies ``transactional_db``, which empties every table after the test;
    the serialized rollback restores what the migrations created (root page, locales,
    default site) for the next test.
    """
    from home.demo import seed

    assert is_loopback(live_server.url), f"Live server is not on loopback: {live_server.url}"
    from wagtail.models import Page
    from django.db import connection as c

    print(
        "PAGES",
        Page.objects.count(),
        len(getattr(c, "_test_serialized_contents", "") or ""),
        type(c.settings_dict["NAME"]),
        c.settings_dict["NAME"],
    )
    seed(lambda message: None)
    return live_server


class BrowserSession:
    """A browser context bound to the live server, with loopback-only networking."""

    def __init__(self, browser, base_url: str, **context_options):
        self.base_url = base_url
        self.blocked_requests: list[str] = []
        self.context = browser.new_context(
            base_url=base_url,
            locale="fr-FR",
            color_scheme="light",
            viewport={"width": 1280, "height": 900},
            service_workers="block",
            **context_options,
        )
        self.context.set_default_timeout(10_000)
        self.context.route("**/*", self._only_loopback)
        self.page = self.context.new_page()

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
def open_session(browser, seeded_site) -> Iterator:
    """A factory of browser sessions on the seeded live server, closed after the test."""
    sessions: list[BrowserSession] = []

    def factory(**context_options) -> BrowserSession:
        session = BrowserSession(browser, seeded_site.url, **context_options)
        sessions.append(session)
        return session

    yield factory
    for session in sessions:
        session.close()


@pytest.fixture
def session(open_session) -> BrowserSession:
    """A browser session with JavaScript enabled."""
    return open_session()
