"""Gunicorn instances on a copy of the PostgreSQL test database and on the run's Redis, for
the tests of this folder (the PostgreSQL stage of CI: ``make pytest-postgres``, whose
.ci/with-postgres.sh and .ci/with-redis.sh start the servers). Without them (a plain local
``pytest``) the tests are skipped; on CI they fail.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from django.db import connection

from bench.instances import PROJECT_DIR, instance_env, instances
from tests import database_copies

REDIS_URL = os.environ.get("REDIS_URL", "")
ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
NEEDS = (
    "the instances' tests need PostgreSQL and Redis: run them with "
    "`bash .ci/with-postgres.sh bash .ci/with-redis.sh pytest tests/instances`"
)


def on_postgres_with_redis() -> bool:
    return connection.vendor == "postgresql" and REDIS_URL.startswith("redis://")


# Skipped before any set-up without PostgreSQL and Redis, but never on CI: it fails there.
needs_services = pytest.mark.skipif(not (on_postgres_with_redis() or ON_CI), reason=NEEDS)


def database_url(settings: dict) -> str:
    user = quote(settings["USER"] or "")
    password = f":{quote(settings['PASSWORD'])}" if settings["PASSWORD"] else ""
    return f"postgres://{user}{password}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


def redis_database(url: str, number: int) -> str:
    """``url`` with the Redis database ``number``: instances of two tests running at the
    same time must not read each other's caches (the content version, the pages)."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{number}"))


def drop(copy) -> None:
    """Drops the copy, ending first the sessions the stopped instances may have left."""
    with connection._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [copy.settings_dict["NAME"]],
        )
    database_copies.drop_copy(copy)


@contextmanager
def two_instances(
    django_db_blocker, work_dir: Path, *, name: str, redis_number: int, **settings: str
) -> Iterator[tuple[list[str], dict[str, str]]]:
    """Two instances (one gunicorn worker each) on a copy ``name`` of the test database
    (migrated, with the skeleton) and on the Redis database ``redis_number``, with these
    environment ``settings``: yields their base URLs and their environment."""
    if not on_postgres_with_redis():
        pytest.fail(f"on CI, {NEEDS}")
    with django_db_blocker.unblock():
        copy = database_copies.copy_test_database(name)
    try:
        services = {
            "DATABASE_URL": database_url(copy.settings_dict),
            "REDIS_URL": redis_database(REDIS_URL, redis_number),
        }
        env = {**instance_env(services, work_dir), **settings}
        with instances(env, count=2, workers=1) as urls:
            yield urls, env
    finally:
        with django_db_blocker.unblock():
            drop(copy)


def run_seed(env: dict[str, str], *arguments: str) -> str:
    """``python -m tests.instances.seed ARGUMENTS`` on the instances' settings and
    database; its standard output."""
    completed = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "tests.instances.seed", *arguments],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed.stdout
