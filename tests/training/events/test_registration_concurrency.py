"""50 agents registering at the same instant for 10 seats: 10 seats, 40 waiting, on SQLite
and on PostgreSQL (``timeout 300 bash .ci/with-postgres.sh .venv/bin/python -m pytest -q
-p no:xdist tests/training/events/test_registration_concurrency.py``).

Each thread has its own connection. An in-memory SQLite test database is shared through
SQLite's shared cache, whose table locks do not wait: the threads then work on a file copy
of it, with the project's SQLite options (immediate transactions, busy timeout)."""

import sqlite3
import tempfile
import threading
from collections import Counter
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, connections
from django.utils import timezone

from network.models import Role
from portal.models import User
from tests.factories import MaisonPageFactory
from tests.network.conftest import make_member
from training.events import services
from training.events.models import Event, Registration

from .factories import make_event

AGENTS = 50
SEATS = 10


@pytest.fixture(scope="module")
def skeleton_kept(django_db_setup, django_db_blocker):
    """The test commits, so the database is flushed after it: the page tree's skeleton is
    put back then (as the browser tests do), and the flush skips ``post_migrate``."""
    with django_db_blocker.unblock():
        original = getattr(connection, "_test_serialized_contents", None)
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
        statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        if original is None:
            del connection._test_serialized_contents
        else:
            connection._test_serialized_contents = original


@pytest.fixture
def database_for_threads():
    """The file the threads work on when the test database is SQLite in memory (None:
    the threads use the test database itself)."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield None
        return
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "threads.sqlite3"
        connection.ensure_connection()
        with closing(sqlite3.connect(path)) as copy:
            connection.connection.backup(copy)
        yield path


def connection_opener(path: Path | None):
    """What each thread calls first: its own connection, to ``path`` when given."""
    if path is None:
        return lambda: None
    wrapper_class = type(connections["default"])
    settings = {**connections["default"].settings_dict, "NAME": str(path)}

    def open_connection() -> None:
        connections["default"] = wrapper_class(settings, "default")

    return open_connection


def statuses(event: Event, path: Path | None) -> Counter:
    if path is None:
        return Counter(Registration.objects.filter(event=event).values_list("status", flat=True))
    with closing(sqlite3.connect(path)) as database:
        rows = database.execute(
            f"SELECT status FROM {Registration._meta.db_table} WHERE event_id = ?",  # noqa: S608
            [event.pk],
        ).fetchall()
    return Counter(status for (status,) in rows)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_agents_at_once_for_ten_seats(skeleton_kept, request):
    # arrange
    maison = MaisonPageFactory(title="France Services d’essai de Lodève", postcode="34700")
    users = [
        make_member(f"agent{n}@example.org", Role.AGENT, maison=maison).user.pk
        for n in range(AGENTS)
    ]
    event = make_event(capacity=SEATS, starts_at=timezone.now() + timedelta(days=30))
    path = request.getfixturevalue("database_for_threads")
    open_connection = connection_opener(path)
    start = threading.Barrier(AGENTS)
    errors = []

    def register(user_pk: int) -> None:
        try:
            open_connection()
            user = User.objects.get(pk=user_pk)
            start.wait(timeout=60)
            services.register(event=Event.objects.get(pk=event.pk), user=user)
        except Exception as error:
            errors.append(error)
        finally:
            connections["default"].close()

    threads = [threading.Thread(target=register, args=(pk,)) for pk in users]
    # act
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # assert
    assert errors == []
    assert statuses(event, path) == {"registered": SEATS, "waiting": AGENTS - SEATS}
