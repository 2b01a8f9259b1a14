"""The portal's middleware: whole public pages cached for anonymous visitors, the
``Content-Security-Policy`` and ``Permissions-Policy`` headers, ``Server-Timing``, and a
503 for a write the database's lock held back.

Page cache (cache alias "pages"): a view opts in by setting
``response.public_cache_seconds`` (how long what it shows stays true). Entries are keyed
on the site-wide content version (``portal.content_version``), the host and the full path,
so any publish, menu, footer or partner change is served at once. Signed-in users, non-GET
requests, responses that set cookies and private pages (view restrictions: login, groups,
password) are never cached, nor is a response whose body holds the request's CSP nonce
(the next visitor's policy names another one). A cached copy answers from here: the
security headers come from the middleware above this one in ``MIDDLEWARE``.
"""

import hashlib
import time

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.template import loader

from .content_version import content_version
from .database import RETRY_AFTER_SECONDS, is_locked
from .models.pages import any_view_restriction


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "GET" or request.user.is_authenticated:
            return self.get_response(request)
        address = hashlib.sha256(
            f"{request.get_host()}{request.get_full_path()}".encode()
        ).hexdigest()
        key = f"portal:page:{content_version()}:{address}"
        pages = caches["pages"]
        cached = pages.get(key)
        if cached is not None:
            content, content_type, may_be_framed = cached
            response = HttpResponse(content, content_type=content_type)
            response.xframe_options_exempt = may_be_framed
            return response
        response = self.get_response(request)
        seconds = getattr(response, "public_cache_seconds", None)
        # A page holding a CSRF token (a form) belongs to its visitor alone.
        cacheable = (
            seconds
            and response.status_code == 200
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not getattr(request, "csp_nonce", None)  # true once the nonce was read
        )
        if cacheable and not _is_private(request):
            may_be_framed = getattr(response, "xframe_options_exempt", False)
            pages.set(key, (response.content, response["Content-Type"], may_be_framed), seconds)
        return response


def _is_private(request) -> bool:
    """Whether the Wagtail page served has a view restriction: a visitor who gave its
    password sees it, and the next one must not get that copy."""
    if not any_view_restriction():
        return False
    route = getattr(request, "_wagtail_route_for_request", None)
    return route is not None and route.page.get_view_restrictions().exists()


ADMIN_PREFIX = "/admin/"  # where portal.urls mounts the Wagtail admin


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's ``CONTENT_SECURITY_POLICY``, but the Wagtail admin's pages and its
    previews (Wagtail's dummy requests, framed by the admin) get
    ``CONTENT_SECURITY_POLICY_ADMIN``'s directives, and a page other sites may frame
    (``xframe_options_exempt``: the embedded search) no ``frame-ancestors``."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        replace = dict(parts.replace or {})
        if request.path_info.startswith(ADMIN_PREFIX) or getattr(request, "is_dummy", False):
            replace.update(settings.CONTENT_SECURITY_POLICY_ADMIN)
        if getattr(response, "xframe_options_exempt", False):
            replace["frame-ancestors"] = None
        parts.replace = replace
        return parts


class PermissionsPolicyMiddleware:
    """``Permissions-Policy`` from ``settings.PERMISSIONS_POLICY`` (feature: allowed
    origins, ``"self"`` for the site's own), on every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(_allowlist_item(origin) for origin in origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


def _allowlist_item(origin: str) -> str:
    return origin if origin in {"self", "*"} else f'"{origin}"'


class ServerTimingMiddleware:
    """``Server-Timing: app;dur=<ms>``: the time spent in Django, for browsers' developer
    tools and the benchmarks (which quote server time apart from the network)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response["Server-Timing"] = f"app;dur={elapsed_ms:.2f}"
        return response


class DatabaseLockedMiddleware:
    """A write that waited out SQLite's busy timeout behind another writer (a long import)
    answers 503 and asks to try again in a minute, instead of a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_locked(exception):
            return None
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
