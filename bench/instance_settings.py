"""Settings of the instances ``bench/instances.py`` starts: production settings on a
throwaway PostgreSQL and Redis on loopback, served over plain HTTP.

Refuses to load unless DATABASE_URL (PostgreSQL) and REDIS_URL are set: several instances
share nothing else, and local memory or SQLite would hide what they fail to share.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_MISSING = [
    name
    for name, scheme in (("DATABASE_URL", "postgres"), ("REDIS_URL", "redis"))
    if not os.environ.get(name, "").strip().startswith(scheme)
]
if _MISSING:
    raise ImproperlyConfigured(
        f"bench.instance_settings needs {' and '.join(_MISSING)} (PostgreSQL and Redis: "
        "bench/instances.py's services() starts throwaway ones)."
    )
_WORK_DIR = Path(os.environ.get("INSTANCES_WORK_DIR", "var/instances")).resolve()

# Environment read by portal.settings.base/production at import time.
os.environ["SECRET_KEY"] = "instances-only-insecure-key-never-use-in-production"  # noqa: S105
os.environ["SECURE_SSL_REDIRECT"] = "false"
os.environ.setdefault("PUBLIC_BASE_URL", "http://127.0.0.1:8000")
os.environ.setdefault("MEDIA_ROOT", str(_WORK_DIR / "media"))
os.environ.setdefault("PRIVATE_MEDIA_ROOT", str(_WORK_DIR / "private"))
os.environ.setdefault("STATIC_ROOT", str(_WORK_DIR / "static"))
os.environ.setdefault("CERTIFICATION_KEYS_DIR", str(_WORK_DIR / "certification-keys"))
for _name in ("ELASTICSEARCH_URL", "EMAIL_HOST"):
    os.environ.pop(_name, None)

from portal.settings.production import *  # noqa: E402, F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"  # /__bench__/ok/ answers the readiness probe
# Plain HTTP on loopback: cookies without the Secure flag, so that HTTP clients send them.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# WhiteNoise serves static files straight from the finders: no collectstatic, no manifest.
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
WHITENOISE_USE_FINDERS = True
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # noqa: F405 (silences WhiteNoise)

# A throwaway database: the demo accounts (one member per role) are seeded too.
PORTAL_SEED_DEMO_ACCOUNTS = True
