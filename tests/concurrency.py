"""What the tests of concurrent writes share: threads that each hold their own database
connection and start at the same instant, on SQLite and on PostgreSQL.

An in-memory SQLite test database is shared through SQLite's shared cache, whose table
locks do not wait: the threads then work on a file copy of it, with the project's SQLite
options (immediate transactions, busy timeout). Such tests commit, so they are marked
``django_db(transaction=True, serialized_rollback=True)`` and ask for ``skeleton_kept``.
"""

import sqlite3
import tempfile
import threading
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, connections


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
    the threads use the test database itself). Ask for it after the data is written."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield None
        return
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "threads.sqlite3"
        connection.ensure_connection()
        with closing(sqlite3.connect(path)) as copy:
            connection.connection.backup(copy)
        yield path


def connection_opener(path: Path | None) -> Callable[[], None]:
    """What each thread calls first: its own connection, to ``path`` when given."""
    if path is None:
        return lambda: None
    wrapper_class = type(connections["default"])
    settings = {**connections["default"].settings_dict, "NAME": str(path)}

    def open_connection() -> None:
        connections["default"] = wrapper_class(settings, "default")

    return open_connection


def read_rows(path: Path | None, sql: str, params=()) -> list[tuple]:
    """Rows the threads wrote: from the file they used, else from the test database."""
    if path is None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    with closing(sqlite3.connect(path)) as database:
        return database.execute(sql.replace("%s", "?"), params).fetchall()


def at_once(path: Path | None, work: Callable, arguments: list) -> tuple[list, list]:
    """``work(argument)`` in one thread per argument, each on its own connection, all let
    go at the same instant: (their results, their errors)."""
    open_connection = connection_opener(path)
    start = threading.Barrier(len(arguments))
    results, errors = [], []

    def run(argument) -> None:
        try:
            open_connection()
            start.wait(timeout=60)
            results.append(work(argument))
        except Exception as error:
            errors.append(error)
        finally:
            connections["default"].close()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
