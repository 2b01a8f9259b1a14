"""Typed access to environment variables (every one is documented in the README)."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}.") from error


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_base_url(name: str, default: str) -> str:
    """An http(s) address without path (a final "/" is dropped), as Wagtail's ``Site`` can
    hold it: https on port 443, http on any other."""
    raw = os.environ.get(name, default).strip()
    message = f"{name} must be an http(s) address without path, e.g. https://example.fr"
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as error:
        raise ImproperlyConfigured(f"{message}, not {raw!r}.") from error
    if (
        parts.scheme not in {"http", "https"}
        or not parts.hostname
        or parts.username
        or parts.path not in {"", "/"}
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(f"{message}, not {raw!r}.")
    https = parts.scheme == "https"
    if (https and port not in {None, 443}) or (not https and port == 443):
        raise ImproperlyConfigured(
            f"{name}: Wagtail's sites serve https on port 443 only and http on other ports, "
            f"not {raw!r}."
        )
    host = parts.netloc.lower()
    if port in {443, 80}:  # the scheme's own port goes without saying
        host = host.rpartition(":")[0]
    return f"{parts.scheme}://{host}"


def url_origin(url: str) -> str | None:
    """The origin (``scheme://host[:port]``) of an http(s) URL setting, as a
    Content-Security-Policy source: a URL template's ``{s}`` subdomain becomes a wildcard
    (``https://*.tile.example.org``); None for an empty one."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ImproperlyConfigured(f"{url!r} is not an http(s) URL with a host.")
    host = parts.netloc.rpartition("@")[2].split(".")
    if "{" in host[0]:
        host[0] = "*"
    if "{" in ".".join(host):
        raise ImproperlyConfigured(f"Only the first part of the host may vary, not {url!r}.")
    return f"{parts.scheme}://{'.'.join(host)}"
