"""What a database error says about the database."""

from django.db import OperationalError

# How long a visitor is asked to wait before writing again (Retry-After).
RETRY_AFTER_SECONDS = 60


def is_locked(error: Exception) -> bool:
    """Whether a write waited out SQLite's busy timeout behind another writer (a long
    import): the same write may succeed a little later."""
    return isinstance(error, OperationalError) and "database is locked" in str(error)
