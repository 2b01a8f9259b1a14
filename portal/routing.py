"""Which site and which page answer an address, remembered between requests.

For every public page Wagtail looks up the site of the host, then walks the page tree: the
root's translation, a query per path segment and another for each page's specific type
(about 4 ms on the directory's search page). Sites and routes change only when content
does, so both are kept in the shared cache under the site-wide content version
(``portal.content_version``, bumped by any publish, move or deletion and by saving a
site) and handed to Wagtail through the request attributes it caches them in
(``Site.find_for_request`` and ``Page.route_for_request`` document them).
"""

import hashlib

from django.core.cache import cache
from django.utils import translation
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from .content_version import content_version

CACHE_SECONDS = 60 * 60
_NO_SITE = "no-site"  # cached too: a host that no site serves


def _site_key(request) -> str:
    return f"portal:site:{content_version()}:{request._get_raw_host()}:{request.get_port()}"


def remember_site(request) -> None:
    """Give ``request`` its Wagtail site from the cache, or find and cache it."""
    key = _site_key(request)
    site = cache.get(key)
    if site is None:
        site = Site.find_for_request(request) or _NO_SITE
        cache.set(key, site, CACHE_SECONDS)
    request._wagtail_site = None if site == _NO_SITE else site


class CachedSiteMiddleware:
    """Put the request's Wagtail site on it before anything (redirects, pages, the
    admin) asks for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        remember_site(request)
        return self.get_response(request)


def serve(request, path):
    """Wagtail's page view, with the route (page and routable view) of ``path`` in the
    current site and language taken from the cache when another request found it.

    Only routes that found a page are kept; a page's view still decides on its own 404s
    and Wagtail's hooks (view restrictions among them) run on every request.
    """
    site = Site.find_for_request(request)
    if site is None:
        return wagtail_serve(request, path)
    digest = hashlib.sha256(path.encode()).hexdigest()
    key = f"portal:route:{content_version()}:{site.pk}:{translation.get_language()}:{digest}"
    route = cache.get(key)
    if route is None:
        # Cached before serving: the view may decorate the page instance it is given.
        route = Page.route_for_request(request, path)
        if route is not None:
            cache.set(key, route, CACHE_SECONDS)
    else:
        request._wagtail_route_for_request = route
    return wagtail_serve(request, path)
