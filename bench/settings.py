"""Bench-only settings: production settings on a throwaway SQLite database.

Never point this at a real database: it refuses to load unless SQLITE_PATH is set
(``bench/pages.py`` sets it to a file inside a temporary directory).
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_SQLITE_PATH = os.environ.get("SQLITE_PATH", "").strip()
if not _SQLITE_PATH:
    raise ImproperlyConfigured(
        "bench.settings needs SQLITE_PATH (bench/pages.py sets it to a temporary database)."
    )
_WORK_DIR = Path(_SQLITE_PATH).resolve().parent

# Environment read by portal.settings.base/production at import time.
os.environ["SECRET_KEY"] = "bench-only-insecure-key-never-use-in-production"  # noqa: S105
os.environ["SECURE_SSL_REDIRECT"] = "false"
os.environ.setdefault("PUBLIC_BASE_URL", "http://127.0.0.1:8000")
# The load generators send thousands of API requests a minute from one address: the
# per-client limit (120/min by default) would answer most of them 429.
os.environ["API_RATE_LIMIT_PER_MINUTE"] = "100000000"
os.environ.setdefault("MEDIA_ROOT", str(_WORK_DIR / "media"))
os.environ.setdefault("PRIVATE_MEDIA_ROOT", str(_WORK_DIR / "private"))
os.environ.setdefault("STATIC_ROOT", str(_WORK_DIR / "static"))
# Stay on the throwaway SQLite file, the in-process cache and the database search
# backend, whatever the calling shell has configured.
for _name in ("DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "EMAIL_HOST"):
    os.environ.pop(_name, None)
# A throwaway PostgreSQL on loopback instead (bench/import_france_services.py --postgres,
# under .ci/with-postgres.sh), only when asked for by name.
if os.environ.get("BENCH_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]

from portal.settings.production import *  # noqa: E402, F403

DEBUG = False
SECURE_SSL_REDIRECT = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"

# WhiteNoise serves static files straight from the finders: no collectstatic, no manifest.
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
WHITENOISE_USE_FINDERS = True
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # noqa: F405 (silences WhiteNoise)

# No demo accounts (the benches read public pages or make their own members), but for
# bench/members.py: the demo's members and what they made.
PORTAL_SEED_DEMO_ACCOUNTS = os.environ.get("BENCH_DEMO_ACCOUNTS") == "1"

# `bench/pages.py --no-page-cache` measures rendering rather than the page cache.
if os.environ.get("BENCH_PAGE_CACHE", "1") == "0":
    MIDDLEWARE = [m for m in MIDDLEWARE if m != "portal.middleware.PublicPageCacheMiddleware"]  # noqa: F405
