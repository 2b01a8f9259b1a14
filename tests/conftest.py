import os
from datetime import datetime

import pytest

from portal import demo
from tests import database_copies, skeleton
from tests.concurrency import database_for_threads, skeleton_kept  # noqa: F401 - fixtures


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        metavar="ISO-8601",
        default=None,
        help=(
            "run the whole session as if the clock read this moment, then ticking "
            "(e.g. 2026-12-06T21:30:00+01:00): proves the suite does not depend on the day "
            "or hour it runs. Tests that freeze their own clock still do."
        ),
    )


def parse_clock(value: str) -> datetime:
    """An aware moment from ``--clock``: an offset or ``Z`` is required."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise pytest.UsageError(f"--clock: not an ISO 8601 moment: {value!r}") from error
    if moment.tzinfo is None:
        raise pytest.UsageError(f"--clock needs an offset or Z: {value!r}")
    return moment


def pytest_configure(config):
    """``--clock``: the clock moves before Django starts and the demo is seeded, in each
    xdist worker too (they get the same options), and ticks from there."""
    value = config.getoption("--clock")
    if value:
        import time_machine

        config._clock_traveller = time_machine.travel(parse_clock(value), tick=True)
        config._clock_traveller.start()


def pytest_unconfigure(config):
    traveller = getattr(config, "_clock_traveller", None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config):
    value = config.getoption("--clock")
    if value:
        return f"clock: the session starts at {parse_clock(value).isoformat()} (ticking)"
    return None


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the page tree's skeleton once (``tests/skeleton.py``): each test then runs in a
    transaction rolled back after it, and builds with ``tests.factories`` what it reads."""
    with django_db_blocker.unblock():
        skeleton.build()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database is rolled back, the cache is not."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request to an English address activates
    English for the thread, and under pytest-xdist any test may follow it on that worker."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def public_base_url(settings) -> str:
    """The site's public address, set to one that no request names (the test client's host
    is ``testserver``, the default site's is 127.0.0.1:8000): a link built from the request
    or from the site would show."""
    settings.PUBLIC_BASE_URL = "https://france-services.example"
    return settings.PUBLIC_BASE_URL


@pytest.fixture(scope="session")
def demo_copy(django_db_setup, django_db_blocker):
    """The demo content, as ``seed_demo`` builds it, on top of the skeleton, in a copy of
    the test database (``tests/database_copies.py``): seeded once per worker (about 10 s
    with the training plan) and committed, as ``seed_demo`` commits it, so what waits for
    the commit runs then (wagtail-localize publishes translations)."""
    from django.db import transaction

    with django_db_blocker.unblock():
        copy = database_copies.copy_test_database("demo")
        with database_copies.in_place_of_test_database(copy), transaction.atomic():
            demo.seed(lambda message: None)
    yield copy
    with django_db_blocker.unblock():
        database_copies.drop_copy(copy)


@pytest.fixture(scope="module")
def demo_database(demo_copy, django_db_blocker):
    """The demo (``demo_copy``) in place of the test database for the module, in a
    transaction rolled back after it (a module's fixtures may write too), each test in a
    savepoint: every demo module starts from the seeded demo, and the other tests from the
    skeleton."""
    from django.db import transaction

    with database_copies.in_place_of_test_database(demo_copy):
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
        try:
            yield
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)


@pytest.fixture
def demo_site(demo_database, db):
    """The demo site (``demo_database``), for the tests of the demo itself only."""


# "Skipped" is what pytest.skip() without a message reports.
UNEXPLAINED_SKIP_REASONS = {"", "unconditional skip", "Skipped"}


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """The load smoke's table (tests/instances/test_load_smoke.py) when it ran; on CI, a
    skipped test must say why: an unexplained skip fails the run."""
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            for name, value in getattr(report, "user_properties", ()):
                if name == "load_table" and report.when == "call":
                    terminalreporter.section(f"load smoke ({outcome})")
                    terminalreporter.write_line(value)
    if not os.environ.get("CI"):
        return
    unexplained = []
    for report in terminalreporter.stats.get("skipped", []):
        # (path, line, reason); under xdist the report comes from a worker, maybe as a list
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple | list) and len(longrepr) == 3 else ""
        reason = reason.removeprefix("Skipped: ").strip()
        if reason in UNEXPLAINED_SKIP_REASONS:
            unexplained.append(report.nodeid)
    if unexplained:
        terminalreporter.write_line(
            f"FAILED: {len(unexplained)} test(s) skipped on CI without a reason: "
            + ", ".join(unexplained),
            red=True,
        )
        terminalreporter._session.exitstatus = pytest.ExitCode.TESTS_FAILED
