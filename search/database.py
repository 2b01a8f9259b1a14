"""Wagtail's database search backend, with SQLite's relevance ranking made linear.

Upstream, the SQLite backend orders results by a correlated subquery that runs the
full-text match again for every matching row: "france services" (2,875 pages) took
2.8 s. Here the match runs once: the index entries of the pages in scope are ranked and
sliced in one query, then those pages are loaded by primary key. PostgreSQL and MySQL
keep their own backends, which rank in one pass already.
"""

from django.db import connection
from modelsearch.backends import database


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    """The database backend for the default database, SQLite's ranked in one pass."""
    backend = database.SearchBackend(params)
    if connection.vendor == "sqlite" and database.USE_SQLITE_FTS:
        from .ranked_sqlite import RankedSQLiteSearchBackend

        return RankedSQLiteSearchBackend(params)
    return backend
