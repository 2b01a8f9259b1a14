from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from .models.pages import CONTENT_PAGES_CACHE_SECONDS
from .public_urls import public_url
from .sitemaps import AllLocalesSitemap

ROBOTS_DISALLOWED = ("/admin/", "/documents/", "/espace-agents/", "/en/espace-agents/")


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOWED)]
    lines.append(f"Sitemap: {public_url(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def sitemap(request):
    """``/sitemap.xml``: Wagtail's, of every language; it changes only when something is
    published, so anonymous copies come from the page cache."""
    response = wagtail_sitemap(request, sitemaps={"pages": AllLocalesSitemap})
    response.public_cache_seconds = CONTENT_PAGES_CACHE_SECONDS
    return response


def csrf_failure(request, reason=""):
    """The DSFR page shown when a form's CSRF token is missing or stale (HTTP 403)."""
    return render(request, "403_csrf.html", status=403)
