"""Settings shared by every environment. Safe for production by default:
DEBUG is off, nothing secret is defined here, everything else comes from typed
environment variables (see the README's configuration table)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from .env import env_base_url, env_bool, env_int, env_list, env_str, url_origin

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "home",
    "directory",
    "training",
    "network",
    "search",
    "dsfr",
    "csp",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # The security headers first: every response gets them, static files and the copies
    # the page cache answers with too.
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.ServerTimingMiddleware",
    "portal.routing.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # The second factor before the admin and the members area (network.two_factor).
    "network.two_factor.SecondFactorMiddleware",
    "network.middleware.PrivatePagesMiddleware",
    "portal.middleware.PublicPageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.middleware.DatabaseLockedMiddleware",
    # Last: answers a locked-out login attempt (django-axes).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite unless DATABASE_URL is set. SQLite, the default or a sqlite:/// URL,
# runs in WAL mode with immediate transactions, and a write waits up to 5 s for another
# writer (an import) before it fails.
SQLITE_OPTIONS = {
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA busy_timeout=5000;"
        "PRAGMA foreign_keys=ON;"
    ),
    "transaction_mode": "IMMEDIATE",
}
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60)
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Options the URL gives replace these.
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "portal.User"
LOGIN_URL = "network:login"
LOGIN_REDIRECT_URL = "network:dashboard"
LOGOUT_REDIRECT_URL = "/"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses while an account or IP is locked
    "django.contrib.auth.backends.ModelBackend",
]
# Failed logins (members area and Wagtail admin), counted in the database by django-axes:
# after AXES_FAILURE_LIMIT failures an account is locked, and so is the client address,
# each on its own, for AXES_COOLOFF_TIME. The address is the one the trusted proxies saw
# (NUM_PROXIES), so a lockout never catches every client behind the proxy.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "network.auth.login_username"
AXES_CLIENT_IP_CALLABLE = "portal.throttling.client_address"
# A successful login clears nothing: it would clear its address's failures on every
# account, so one member could try other members' passwords without end.
AXES_RESET_ON_SUCCESS = False
# A lock lasts its cool-off from the lock, not from the latest try: tries during a lock
# cannot keep an account locked for ever.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True  # successful logins go to the audit log, not to axes
AXES_LOCKOUT_TEMPLATE = "network/locked_out.html"
OTP_TOTP_ISSUER = "France Services"
# Passwords are reset in the members area only (throttled, audited), not from the admin.
WAGTAIL_PASSWORD_RESET_ENABLED = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: French first at /, English under /en/.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Members' files (SCORM packages, later attachments): never under MEDIA_URL, served only by
# views that ask the permission module.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
# Partners' private signing keys (certifications), one file per key, readable only by the
# application; never in the database nor in the repository. Back this directory up.
CERTIFICATION_KEYS_DIR = Path(
    env_str("CERTIFICATION_KEYS_DIR", str(BASE_DIR / "var" / "certification-keys"))
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Forum attachments (PDF, PNG, JPEG, checked by content): the largest accepted, in bytes.
FORUM_ATTACHMENT_MAX_BYTES = env_int("FORUM_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024)
FORUM_HIDE_AFTER_REPORTS = env_int("FORUM_HIDE_AFTER_REPORTS", 3)  # issue 23: moderation
ESCALATION_ATTACHMENT_MAX_BYTES = env_int("ESCALATION_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024)

# Cache: local memory (per process) by default, Redis when REDIS_URL is set. Whole public
# pages and search answers (whatever visitors type) have their own aliases, so that they
# never push out the small entries every page reads (result cards, menus, fragments: a
# few thousand for the official list).
REDIS_URL = env_str("REDIS_URL")
LOCAL_MEMORY_CACHES = {
    alias: {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": alias,
        "OPTIONS": {"MAX_ENTRIES": entries},  # Django's default, 300, is far too few
    }
    for alias, entries in (("default", 20_000), ("pages", 1_000), ("search", 2_000))
}
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
        for alias, prefix in (
            ("default", "portal"),
            ("pages", "portal-pages"),
            ("search", "portal-search"),
        )
    }
else:
    CACHES = LOCAL_MEMORY_CACHES

# E-mail: printed to the console unless an SMTP host is set.
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    # Seconds: an invitation is sent inside its transaction, which a hung server would hold.
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "France Services <ne-pas-repondre@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (django-tasks). Wagtail's own upkeep (search and reference indexes, file
# deletions) runs on "default" during the request, as Wagtail does unless told otherwise.
# What must not hold up or shape a response (the password reset e-mail) runs on
# "background": queued in the database and run by `manage.py db_worker --backend background`
# (docs/operations.md).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# Search: Wagtail's database backend; Elasticsearch 8 or 9 when ELASTICSEARCH_URL is set,
# with French analysis, and the database backend answering when it fails (search/backends.py).
#   ELASTICSEARCH_URL              e.g. https://user:password@search.internal:9200
#   ELASTICSEARCH_VERSION          the cluster's major version, 8 or 9; the installed client's
#                                  by default, which must be the same
#   ELASTICSEARCH_INDEX_PREFIX     "portal_" by default
#   ELASTICSEARCH_TIMEOUT          seconds for index rebuilds (update_index); 30
#   ELASTICSEARCH_LIVE_TIMEOUT_MS  for searches and the indexing after a save; 800
#   ELASTICSEARCH_RETRY_AFTER      seconds this process leaves a failing cluster alone; 30
#   SEARCH_RESULTS_CACHE_SECONDS   how long what a search found is kept, unless the content
#                                  changes first; 300, 0 for never
SEARCH_RESULTS_CACHE_SECONDS = env_int("SEARCH_RESULTS_CACHE_SECONDS", 300)
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
if ELASTICSEARCH_URL:
    import elasticsearch

    client_version = elasticsearch.VERSION[0]
    ELASTICSEARCH_VERSION = env_int("ELASTICSEARCH_VERSION", client_version)
    if client_version != ELASTICSEARCH_VERSION:
        raise ImproperlyConfigured(
            f"ELASTICSEARCH_VERSION is {ELASTICSEARCH_VERSION}, the elasticsearch client "
            f"installed is {client_version}: they must match (for an Elasticsearch 8 "
            "cluster, install elasticsearch>=8.12,<9)."
        )
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"search.backends.FrenchElasticsearch{ELASTICSEARCH_VERSION}Backend",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": env_str("ELASTICSEARCH_INDEX_PREFIX", "portal_"),
            "TIMEOUT": env_int("ELASTICSEARCH_TIMEOUT", 30),
            "LIVE_TIMEOUT_MS": env_int("ELASTICSEARCH_LIVE_TIMEOUT_MS", 800),
            "RETRY_AFTER": env_int("ELASTICSEARCH_RETRY_AFTER", 30),
            "FALLBACK": "database",
        },
        # Kept complete by the same save signals, to answer when Elasticsearch cannot.
        "database": {"BACKEND": "search.database"},
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.database"}}

# Directory: where a place is (geocoding) and how the map is drawn.
# "communes" reads the offline commune table; "address-api" asks the national address API
# first and falls back to the commune table when it fails or is slower than the timeout.
DIRECTORY_GEOCODER = env_str("DIRECTORY_GEOCODER", "communes")
if DIRECTORY_GEOCODER not in {"communes", "address-api"}:
    raise ImproperlyConfigured(
        f"DIRECTORY_GEOCODER must be 'communes' or 'address-api', not {DIRECTORY_GEOCODER!r}."
    )
DIRECTORY_ADDRESS_API_URL = env_str(
    "DIRECTORY_ADDRESS_API_URL", "https://data.geopf.fr/geocodage/search"
)
DIRECTORY_GEOCODER_TIMEOUT_MS = env_int("DIRECTORY_GEOCODER_TIMEOUT_MS", 1500)
# Raster tiles of the results map: Plan IGN of the Géoplateforme (WMTS, Web Mercator) by
# default; any {z}/{x}/{y} template works; empty: markers on a plain background.
DIRECTORY_MAP_TILES_URL = env_str(
    "DIRECTORY_MAP_TILES_URL",
    "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM"
    "&FORMAT=image/png&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}",
)
DIRECTORY_MAP_ATTRIBUTION = env_str("DIRECTORY_MAP_ATTRIBUTION", "© IGN – Géoplateforme")
# The tile server's origin (scheme://host[:port]), for the Content-Security-Policy's
# img-src; None without tiles.
DIRECTORY_MAP_TILES_ORIGIN = url_origin(DIRECTORY_MAP_TILES_URL)
# Public JSON API: requests per client and per minute.
API_RATE_LIMIT_PER_MINUTE = env_int("API_RATE_LIMIT_PER_MINUTE", 120)
# "Was this page useful?" answers a client may send per hour (then 429).
GUIDE_FEEDBACK_PER_HOUR = env_int("GUIDE_FEEDBACK_PER_HOUR", 10)
# Number of trusted reverse proxies in front of the site (to read the client address).
NUM_PROXIES = env_int("NUM_PROXIES", 0)
NINJA_NUM_PROXIES = NUM_PROXIES

# The site's public address: every absolute URL it writes (sitemap, JSON-LD, open-data
# files, API, calendars, e-mails) starts with it, whatever host a request named
# (portal.public_urls). Required in production. Wagtail's admin links follow it, and so does
# the default Site, set from it by every `migrate` (portal.public_urls.sync_default_site).
PUBLIC_BASE_URL = env_base_url("PUBLIC_BASE_URL", "http://127.0.0.1:8000")

# Wagtail
WAGTAIL_SITE_NAME = "Réseau France Services"
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
# Avatars of the admin's users from the site, not from Gravatar (a third party, which the
# Content-Security-Policy refuses anyway).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False  # nor a request to releases.wagtail.org
WAGTAILIMAGES_IMAGE_MODEL = "portal.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "portal.CustomDocument"
# Videos and their captions are documents too, served from the site's own storage by the
# document view, which answers byte ranges (portal.documents).
WAGTAILDOCS_EXTENSIONS = [
    *("csv", "docx", "odt", "ods", "pdf", "pptx", "txt", "xlsx"),
    *("mp4", "webm", "vtt"),  # the video block's video and captions
]
WAGTAILDOCS_CONTENT_TYPES = {"mp4": "video/mp4", "webm": "video/webm", "vtt": "text/vtt"}
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "video/mp4", "video/webm", "text/vtt"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
# The admin calls no outside service and names no other site: no avatars from Gravatar, no
# release check or "what's new" banner from wagtail.org, no help links to it (the help menu
# in portal/wagtail_hooks.py, three templates under templates/wagtailadmin/).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
        },
    }
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Security defaults (production.py tightens transport security further).
SESSION_COOKIE_HTTPONLY = True
# Idle timeout: a session ends after this long without a request (each request renews it).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features the pages may use (portal.middleware.PermissionsPolicyMiddleware): the
# position, for the directory's "Autour de moi"; none of the others.
PERMISSIONS_POLICY = {
    "geolocation": ["self"],
    "accelerometer": [],
    "camera": [],
    "display-capture": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}


# Content-Security-Policy (django-csp, portal.middleware.ContentSecurityPolicyMiddleware).
# Every script and style is a static file of the site: no page carries an inline script,
# so pages kept whole or in fragments by the caches never replay a nonce. A template that
# must have one gives it the request's (``nonce="{{ request.csp_nonce }}"``); the page
# cache then never keeps that response. The map's tiles come from DIRECTORY_MAP_TILES_URL.
def content_security_policies(tiles_url: str) -> tuple[dict, dict]:
    """The site's and the admin's policies, the map's tile host allowed."""
    origin = url_origin(tiles_url)
    tiles = [origin] if origin else []
    site = {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF, NONCE],
            "style-src": [SELF],
            "img-src": [SELF, "data:", *tiles],  # the DSFR's icons are data: URLs
            "connect-src": [SELF, *tiles],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
            "frame-ancestors": [NONE],
        }
    }
    # The Wagtail admin still has inline scripts and styles (wagtail/wagtail#1288): its
    # pages allow them, with no nonce (a nonce voids 'unsafe-inline'), and frame each other
    # (the preview).
    admin = {
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *tiles],
        "frame-ancestors": [SELF],
    }
    return site, admin


CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_ADMIN = content_security_policies(
    DIRECTORY_MAP_TILES_URL
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.security": {"level": "WARNING"},
        # One line per page save and per background task is noise, not information.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Escalations: how long a closed escalation keeps its free text and attachments
# before ``purge_escalations`` empties them (days, about 3 months by default), and how many
# working hours before its deadline ``send_escalation_reminders`` reminds the référents.
ESCALATION_RETENTION = timedelta(days=env_int("ESCALATION_RETENTION_DAYS", 92))
ESCALATION_REMINDER_BEFORE = timedelta(hours=env_int("ESCALATION_REMINDER_BEFORE_HOURS", 24))

# Activity reports: a month is due on the 1st of the next month and late after this day
# of it (``send_activity_reminders`` reminds the late maisons once past it).
ACTIVITY_REPORT_DUE_DAY = env_int("ACTIVITY_REPORT_DUE_DAY", 10)
