import os

import pytest

from portal import demo


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seed the demo tree once: each test then runs in a transaction rolled back after it."""
    with django_db_blocker.unblock():
        demo.seed(lambda message: None)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database is rolled back, the cache is not."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def demo_site(db):
    """The demo tree (French and English), as ``seed_demo`` builds it."""


UNEXPLAINED_SKIP_REASONS = {"", "unconditional skip"}


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """On CI, a skipped test must say why: an unexplained skip fails the run."""
    if not os.environ.get("CI"):
        return
    unexplained = []
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
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
