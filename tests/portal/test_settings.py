import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], "
    "'search': s.WAGTAILSEARCH_BACKENDS['default']['BACKEND'], "
    "'cache': s.CACHES['default']['BACKEND'], 'email': s.EMAIL_BACKEND, "
    "'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, 'admin_url': s.WAGTAILADMIN_BASE_URL, "
    "'public_url': s.PUBLIC_BASE_URL}))"
)
CONFIG_VARIABLES = (
    "SECRET_KEY",
    "DATABASE_URL",
    "ELASTICSEARCH_URL",
    "REDIS_URL",
    "EMAIL_HOST",
    "ALLOWED_HOSTS",
    "PUBLIC_BASE_URL",
    "DIRECTORY_MAP_TILES_URL",
)
PRODUCTION = {"SECRET_KEY": "x" * 60, "PUBLIC_BASE_URL": "https://france-services.example"}


def load_settings(module: str, probe: str = PROBE, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    clean.update(DJANGO_SETTINGS_MODULE=module, **env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", probe], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = load_settings("portal.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_its_public_address():
    result = load_settings("portal.settings.production", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "PUBLIC_BASE_URL is not set" in result.stderr


def test_production_starts_with_a_secret_key_and_its_address_and_debug_off():
    result = load_settings("portal.settings.production", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["debug"] is False


def test_the_admin_base_url_is_the_public_address_without_final_slash():
    result = load_settings(
        "portal.settings.production", **PRODUCTION | {"PUBLIC_BASE_URL": "https://A.example/"}
    )
    config = json.loads(result.stdout)
    assert config["public_url"] == config["admin_url"] == "https://a.example"


@pytest.mark.parametrize(
    "url", ["france-services.example", "https://fs.example/portail", "https://fs.example:8443"]
)
def test_a_public_address_wagtail_cannot_serve_is_refused_by_name(url):
    result = load_settings("portal.settings.dev", PUBLIC_BASE_URL=url)
    assert result.returncode != 0
    assert "PUBLIC_BASE_URL" in result.stderr


def test_embedded_defaults_need_nothing_running():
    config = json.loads(load_settings("portal.settings.dev").stdout)
    assert config["db"] == "django.db.backends.sqlite3"
    assert config["search"] == "search.database"
    assert config["cache"].endswith("LocMemCache")
    assert config["email"].endswith("console.EmailBackend")


def test_environment_switches_each_service():
    result = load_settings(
        "portal.settings.production",
        **PRODUCTION,
        DATABASE_URL="postgres://portal:pw@127.0.0.1:5432/portal",
        ELASTICSEARCH_URL="http://127.0.0.1:9200",
        REDIS_URL="redis://127.0.0.1:6379/0",
        EMAIL_HOST="127.0.0.1",
        ALLOWED_HOSTS="a.example, b.example",
    )
    config = json.loads(result.stdout)
    assert config["db"] == "django.db.backends.postgresql"
    assert config["search"].startswith("search.backends.FrenchElasticsearch")
    assert config["cache"].endswith("RedisCache")
    assert config["email"].endswith("smtp.EmailBackend")
    assert config["hosts"] == ["a.example", "b.example"]
    assert config["admin_url"] == "https://france-services.example"


def test_a_malformed_typed_variable_is_reported_by_name():
    result = load_settings("portal.settings.dev", EMAIL_HOST="127.0.0.1", EMAIL_USE_TLS="maybe")
    assert result.returncode != 0
    assert "EMAIL_USE_TLS must be a boolean" in result.stderr


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        # An in-memory test database reports "memory"; a file database reports "wal".
        assert cursor.fetchone()[0] in {"wal", "memory"}


def test_the_map_tiles_host_is_allowed_by_the_content_security_policy():
    # arrange
    probe = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "d = s.CONTENT_SECURITY_POLICY['DIRECTIVES']; "
        "print(json.dumps({k: d[k] for k in ('img-src', 'connect-src')}))"
    )
    tiles = "https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png"
    # act
    result = load_settings("portal.settings.dev", probe=probe, DIRECTORY_MAP_TILES_URL=tiles)
    # assert
    assert result.returncode == 0, result.stderr
    directives = json.loads(result.stdout)
    assert directives["img-src"] == ["'self'", "data:", "https://*.tile.openstreetmap.fr"]
    assert directives["connect-src"] == ["'self'", "https://*.tile.openstreetmap.fr"]


def test_a_sqlite_database_url_keeps_the_sqlite_tuning(tmp_path):
    # arrange
    probe = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "d = s.DATABASES['default']; print(json.dumps([d['NAME'], d['OPTIONS']]))"
    )
    # act
    default = load_settings("portal.settings.dev", probe=probe)
    from_url = load_settings(
        "portal.settings.dev", probe=probe, DATABASE_URL=f"sqlite:///{tmp_path}/portal.sqlite3"
    )
    # assert
    assert default.returncode == from_url.returncode == 0, default.stderr + from_url.stderr
    default_options = json.loads(default.stdout)[1]
    name, options = json.loads(from_url.stdout)
    assert name == f"{tmp_path}/portal.sqlite3"
    assert options == default_options
    assert "PRAGMA journal_mode=WAL;" in options["init_command"]
    assert "PRAGMA busy_timeout=5000;" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"
