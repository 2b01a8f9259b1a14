"""Copies of the test database, each with a connection of its own, put in place of the
test database's connection while some tests run: what costs to build (the demo) is built
once per worker in a copy instead of once per module in the test database.

On SQLite the copy is another in-memory database, filled with SQLite's backup API; on
PostgreSQL a database created with the test database as its template (which needs no
other session on the test database: the copy is made between modules).
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper


def copy_test_database(suffix: str) -> BaseDatabaseWrapper:
    """A copy of the test database as it stands (committed), and a connection to it."""
    connection = connections[DEFAULT_DB_ALIAS]
    settings = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings["NAME"] = f"file:{suffix}?mode=memory&cache=shared"
        copy = type(connection)(settings, connection.alias)
        connection.ensure_connection()
        copy.ensure_connection()
        connection.connection.backup(copy.connection)
        return copy
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        name = f"{settings['NAME']}_{suffix}"
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
            cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(settings['NAME'])}")
        settings["NAME"] = name
        return type(connection)(settings, connection.alias)
    raise NotImplementedError(f"no copy of a {connection.vendor} test database")


def drop_copy(copy: BaseDatabaseWrapper) -> None:
    """Closes the copy's connection and removes the copy."""
    # Django keeps in-memory SQLite connections open (closing one loses the database).
    BaseDatabaseWrapper.close(copy)
    if copy.vendor == "postgresql":
        name = copy.ops.quote_name(copy.settings_dict["NAME"])
        with connections[DEFAULT_DB_ALIAS]._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name}")


@contextmanager
def in_place_of_test_database(copy: BaseDatabaseWrapper) -> Iterator[None]:
    """The copy answers for the test database (``django.db.connection``, the ORM, the
    transactions pytest-django opens around each test) in this thread, until the end."""
    original = connections[copy.alias]
    connections[copy.alias] = copy
    try:
        yield
    finally:
        connections[copy.alias] = original
