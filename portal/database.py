"""What a database error says about the database."""

from django.db import OperationalError, connections

# How long a visitor is asked to wait before writing again (Retry-After).
RETRY_AFTER_SECONDS = 60


def is_locked(error: Exception) -> bool:
    """Whether a write waited out SQLite's busy timeout behind another writer (a long
    import): the same write may succeed a little later."""
    return isinstance(error, OperationalError) and "database is locked" in str(error)


def refresh_statistics(using: str = "default") -> None:
    """Refresh the query planner's statistics after a bulk load (an import, the demo).

    PostgreSQL's autovacuum would do it in a while; SQLite never does by itself, and without
    statistics it may read a large table through a poor index (every completion of a module
    rather than those of a territory's agents)."""
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")
