"""System checks of the deployment (``manage.py check --deploy``)."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs) -> list[Warning]:
    """Caches in each process's memory are right for one process only: another process
    would not see a publish (its content version would not move) and would serve stale
    pages, routes and fragments until they expire."""
    local = [
        alias
        for alias, options in settings.CACHES.items()
        if options["BACKEND"].endswith("LocMemCache")
    ]
    if not local:
        return []
    return [
        Warning(
            f"The caches {', '.join(local)} live in each process's memory.",
            hint="Set REDIS_URL when the site runs in more than one process.",
            id="portal.W001",
        )
    ]


def _is_public_https(url: str) -> bool:
    """Whether ``url`` is https on a host other than this machine."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    if parts.scheme != "https" or not host:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True  # a domain name
    return not (address.is_loopback or address.is_unspecified)


@register(Tags.urls, deploy=True)
def public_base_url(app_configs, **kwargs) -> list[Warning]:
    """Every absolute link the site writes starts with ``PUBLIC_BASE_URL``: in production
    it must be the site's public https address, not the development default."""
    url = settings.PUBLIC_BASE_URL
    if _is_public_https(url):
        return []
    return [
        Warning(
            f"PUBLIC_BASE_URL is {url!r}: links in e-mails, feeds and open data would not "
            "reach the site.",
            hint="Set PUBLIC_BASE_URL to the site's public https address.",
            id="portal.W002",
        )
    ]
