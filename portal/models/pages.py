from django.core.cache import cache
from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.search import index

from ..content_version import content_version
from ..public_urls import page_public_url

RESTRICTIONS_CACHE_SECONDS = 60 * 60
# How long a rendered copy of a page that changes only when something is published may
# answer anonymous visitors (``portal.middleware.PublicPageCacheMiddleware``): any publish
# bumps the content version in its key, so this only bounds what a lost bump would cost.
CONTENT_PAGES_CACHE_SECONDS = 60 * 60


def any_view_restriction() -> bool:
    """Whether any page is private (login, groups or password), known per content
    version: saving or deleting a restriction bumps it (``portal.signals``)."""
    key = f"portal:view-restrictions:{content_version()}"
    found = cache.get(key)
    if found is None:
        found = PageViewRestriction.objects.exists()
        cache.set(key, found, RESTRICTIONS_CACHE_SECONDS)
    return found


def public(pages):
    """``pages.public()``, without its query for the private sections while no page is
    private (Wagtail reads every view restriction each time)."""
    return pages.public() if any_view_restriction() else pages


def call(path: str, *args, **kwargs):
    """Calls the function at the dotted ``path``: how a page reaches its selectors and
    views, which import its model, without an import cycle (they are imported at the
    first call)."""
    return import_string(path)(*args, **kwargs)


def home_page(locale: Locale) -> Page | None:
    """The default site's home page in ``locale``: its root page or that page's translation."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    root = site.root_page
    return root if root.locale_id == locale.pk else root.get_translation_or_none(locale)


class BasePage(Page):
    """Every page of the portal: an optional introduction ("chapô") and a breadcrumb."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences shown under the title and in listings."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    # Seconds a public copy of the page may serve anonymous visitors; None: not cached
    # (the page changes with the time, or sets its own from what it shows).
    public_cache_seconds: int | None = None

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if self.public_cache_seconds:
            response.public_cache_seconds = self.public_cache_seconds
        return response

    def get_sitemap_urls(self, request=None):
        """Wagtail's entry, at the public address (``PUBLIC_BASE_URL``)."""
        return [
            {**entry, "location": page_public_url(self, request)}
            for entry in super().get_sitemap_urls(request)
        ]

    def get_view_restrictions(self):
        """Wagtail's (two queries on every page served), skipped while no page is private."""
        if not any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
