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
from datetime import timedelta
from pathlib import Path

import pytest
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


@pytest.fixture
def database_for_threads():
    """A function opening, in the calling thread, the connection the threads use; and
    the statuses of the registrations written through it."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield None
        return
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "threads.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        yield path


def open_connection(path: Path | None) -> None:
    if path is not None:
        wrapper_class = type(connection)
        connections["default"] = wrapper_class(
            {**connection.settings_dict, "NAME": str(path)}, "default"
        )


def statuses(event: Event, path: Path | None) -> Counter:
    if path is None:
        return Counter(Registration.objects.filter(event=event).values_list("status", flat=True))
    with sqlite3.connect(path) as database:
        rows = database.execute(
            f"SELECT status FROM {Registration._meta.db_table} WHERE event_id = ?",  # noqa: S608
            [event.pk],
        ).fetchall()
    return Counter(status for (status,) in rows)


@pytest.mark.django_db(transaction=True)
def test_fifty_agents_at_once_for_ten_seats(request):
    # arrange
    maison = MaisonPageFactory(title="France Services d’essai de Lodève", postcode="34700")
    users = [
        make_member(f"agent{n}@example.org", Role.AGENT, maison=maison).user.pk
        for n in range(AGENTS)
    ]
    event = make_event(capacity=SEATS, starts_at=timezone.now() + timedelta(days=30))
    path = request.getfixturevalue("database_for_threads")
    start = threading.Barrier(AGENTS)
    errors = []

    def register(user_pk: int) -> None:
        try:
            open_connection(path)
            user = User.objects.get(pk=user_pk)
            start.wait()
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
