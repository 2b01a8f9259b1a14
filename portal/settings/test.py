"""Test runs: fast hashing, in-memory e-mail, no manifest for static files, background
tasks run at once."""

import atexit
import shutil
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each test process has caches of its own, whatever REDIS_URL says: xdist's workers would
# clear each other's (the two-instance test hands REDIS_URL to its instances only).
CACHES = LOCAL_MEMORY_CACHES  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
WHITENOISE_USE_FINDERS = True
PORTAL_SEED_DEMO_ACCOUNTS = True
# Map tiles from a loopback address that serves nothing: no test reaches the network
# (the browser tests answer these requests themselves).
DIRECTORY_MAP_TILES_URL = "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png"
DIRECTORY_MAP_TILES_ORIGIN = url_origin(DIRECTORY_MAP_TILES_URL)  # noqa: F405
CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_ADMIN = content_security_policies(  # noqa: F405
    DIRECTORY_MAP_TILES_URL
)

# Background tasks run when enqueued, which the code does once its transaction commits.
TASKS["background"] = TASKS["default"]  # noqa: F405

# Members' private files (SCORM packages) in a directory of the run's own, removed after.
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-private-"))  # noqa: F405
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
atexit.register(shutil.rmtree, PRIVATE_MEDIA_ROOT, ignore_errors=True)

# Partners' signing keys likewise: a directory of the run's own, removed after.
CERTIFICATION_KEYS_DIR = Path(tempfile.mkdtemp(prefix="portal-keys-"))  # noqa: F405
atexit.register(shutil.rmtree, CERTIFICATION_KEYS_DIR, ignore_errors=True)
