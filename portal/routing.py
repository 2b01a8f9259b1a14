"""Which site and which page answer an address, remembered between requests.

For every public page Wagtail looks up the site of the host, then walks the page tree: the
root's translation, a query per path segment and another for each page's specific type
(about 4 ms on the directory's search page). Sites and routes change only when content
does, so both are kept in the shared cache under the site-wide content version
(``portal.content_version``, bumped by any publish, move or deletion and by saving a
site) and handed to Wagtail through the request attributes it caches them in
(``Site.find_for_request`` and ``Page.route_for_request`` document them).
"""

import copy
import hashlib

from django.core.cache import cache
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from .content_version import content_version

CACHE_SECONDS = 60 * 60
_NO_SITE = "no-site"  # cached too: a host that no site serves


def _known_hostnames() -> set[str]:
    key = f"portal:hostnames:{content_version()}"
    hostnames = cache.get(key)
    if hostnames is None:
        hostnames = set(Site.objects.values_list("hostname", flat=True))
        cache.set(key, hostnames, CACHE_SECONDS)
    return hostnames


def _site_key(request) -> str:
    hostname = split_domain_port(request._get_raw_host())[0]
    if hostname not in _known_hostnames():
        # Wagtail answers every unknown host alike (the default site, or none): one
        # entry for them all, however many hosts are made up.
        return f"portal:site:{content_version()}:*"
    return f"portal:site:{content_version()}:{hostname}:{request.get_port()}"


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


def _from_address_only(route) -> bool:
    """Whether the route is a page, or a routable page's view without arguments other
    than pages (the directory showing another language's maison). A view's other
    arguments come from the address (a department code, a partner's slug…)."""
    return not any(route.args[1:]) and all(
        isinstance(value, Page) for value in route.kwargs.values()
    )


def _keep(key: str, route) -> None:
    """Cache ``route`` without the parent page the tree walk left on it."""
    parent = route.page.__dict__.pop("_cached_parent_obj", None)
    cache.set(key, route, CACHE_SECONDS)
    if parent is not None:
        route.page._cached_parent_obj = parent


def serve(request, path):
    """Wagtail's page view, with the route (page and routable view) of ``path`` in the
    current site and language taken from the cache when another request found it.

    Only routes that found a page are kept; a page's view still decides on its own 404s
    and Wagtail's hooks (view restrictions among them) run on every request. A route whose
    view takes arguments from the address is kept only once the view answered 200 (a
    department, a partner that exists): made-up addresses, answered 404, would otherwise
    fill the cache.
    """
    site = Site.find_for_request(request)
    if site is None:
        return wagtail_serve(request, path)
    digest = hashlib.sha256(path.encode()).hexdigest()
    key = f"portal:route:{content_version()}:{site.pk}:{translation.get_language()}:{digest}"
    route = cache.get(key)
    if route is not None:
        request._wagtail_route_for_request = route
        return wagtail_serve(request, path)
    route = Page.route_for_request(request, path)
    if route is None:
        return wagtail_serve(request, path)
    if _from_address_only(route):
        # Cached before serving: the view may decorate the page it is given.
        _keep(key, route)
        return wagtail_serve(request, path)
    # A copy taken before serving, for the same reason (Django copies a model's
    # field and prefetch caches with it).
    untouched = RouteResult(copy.copy(route.page), route.args, route.kwargs)
    response = wagtail_serve(request, path)
    if response.status_code == 200:
        _keep(key, untouched)
    return response
