"""The site's public address (``PUBLIC_BASE_URL``) in front of its paths.

Every absolute URL the site writes (sitemap, robots.txt, JSON-LD, open-data files, API,
calendars, e-mails) comes from here, never from the host a request named: a request to
another name of the server, or a command run without a request, writes the same links.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site


def public_url(url: str) -> str:
    """``url`` (a path, or an address on any host) on the public base URL."""
    parts = urlsplit(url)
    return settings.PUBLIC_BASE_URL + urlunsplit(("", "", parts.path, parts.query, parts.fragment))


def page_public_url(page: Page, request=None) -> str | None:
    """The public address of ``page``; None when no site reaches it."""
    parts = page.get_url_parts(request)
    return public_url(parts[2]) if parts else None


def public_host() -> str:
    """The public host name, without port (e.g. for iCalendar UIDs)."""
    return urlsplit(settings.PUBLIC_BASE_URL).hostname


@transaction.atomic
def sync_default_site() -> Site | None:
    """Give the default Wagtail site the host and port of ``PUBLIC_BASE_URL`` (its
    ``root_url`` then equals it); None when there is no default site yet."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    parts = urlsplit(settings.PUBLIC_BASE_URL)
    hostname = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()
    return site
