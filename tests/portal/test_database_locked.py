"""Writes while another writer holds SQLite (a long import): with the project's SQLite
options a brief lock is waited out; past the busy timeout the write answers 503, never
500. The locks are real, on a database file of the test's own, whatever the database
the suite runs on."""

import sqlite3
import threading
import time

import pytest
from django.db import OperationalError
from django.db.utils import ConnectionHandler
from django.urls import path

from portal.database import is_locked
from portal.settings.base import SQLITE_OPTIONS


@pytest.fixture
def database_file(tmp_path, django_db_blocker):
    """A SQLite file with one table, which Django connections may open in the test (not
    the test database: pytest-django's guard does not apply)."""
    name = tmp_path / "portal.sqlite3"
    with sqlite3.connect(name) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE answer (id INTEGER PRIMARY KEY, text TEXT)")
    with django_db_blocker.unblock():
        yield name


def hold_the_write_lock(name, seconds: float) -> threading.Event:
    """Another writer (a raw connection in a thread) takes the lock, keeps it ``seconds``,
    then commits; the event is set once the lock is held."""
    held = threading.Event()

    def writer():
        other = sqlite3.connect(name, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        held.set()
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()

    threading.Thread(target=writer, daemon=True).start()
    held.wait(5)
    return held


def connection_to(name, options: dict):
    settings = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(name), "OPTIONS": options}
    return ConnectionHandler({"default": settings})["default"]


def insert(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO answer (text) VALUES ('oui')")


def test_a_write_waits_out_a_brief_lock_and_succeeds(database_file):
    # arrange
    connection = connection_to(database_file, SQLITE_OPTIONS)
    hold_the_write_lock(database_file, seconds=0.5)
    started = time.monotonic()
    # act
    insert(connection)
    # assert
    assert time.monotonic() - started >= 0.4
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM answer")
        assert cursor.fetchone() == (1,)
    connection.close()


def test_a_lock_past_the_busy_timeout_is_told_apart(database_file):
    # arrange: the project's options with a busy timeout of 0.1 s instead of 5 s
    init = SQLITE_OPTIONS["init_command"].replace("busy_timeout=5000", "busy_timeout=100")
    assert init != SQLITE_OPTIONS["init_command"]
    connection = connection_to(database_file, {**SQLITE_OPTIONS, "init_command": init})
    hold_the_write_lock(database_file, seconds=1)
    # act
    with pytest.raises(OperationalError) as raised:
        insert(connection)
    # assert
    assert is_locked(raised.value)
    connection.close()


def locked_write(request):
    raise OperationalError("database is locked")


def failing_write(request):
    raise OperationalError("disk I/O error")


urlpatterns = [path("locked/", locked_write), path("failing/", failing_write)]


@pytest.mark.django_db
def test_any_write_held_back_by_the_lock_answers_503(client, settings):
    # arrange
    settings.ROOT_URLCONF = __name__
    # act
    response = client.post("/locked/", {"useful": "yes"})
    # assert
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Réessayez dans une minute" in response.content.decode()
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_another_database_error_stays_an_error(client, settings):
    # arrange
    settings.ROOT_URLCONF = __name__
    # act / assert
    with pytest.raises(OperationalError):
        client.post("/failing/")
