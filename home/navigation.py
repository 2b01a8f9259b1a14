"""Header menu and footer links as plain data, cached per site and language.

The cache keys carry the site-wide content version (``portal.content_version``), which
``home.signals`` bumps whenever a page is published, unpublished, moved or deleted, or
the menu or the footer settings are saved.
"""

from django.core.cache import cache
from wagtail.models import Locale, Site

from portal.content_version import content_version

from . import selectors
from .models import FooterSettings

TIMEOUT_SECONDS = 60 * 60


def _key(request, locale: Locale, part: str) -> str:
    site = Site.find_for_request(request)
    return f"home:navigation:{content_version()}:{part}:{site.pk if site else 0}:{locale.pk}"


def menu_entries(request, locale: Locale) -> list[dict]:
    """[{text, url, path}] for the main menu of ``locale``."""
    key = _key(request, locale, "menu")
    entries = cache.get(key)
    if entries is None:
        menu = selectors.main_menu(locale=locale)
        entries = [
            {"text": item.text, "url": item.page.get_url(request), "path": item.page.path}
            for item in (menu.items.all() if menu else [])
        ]
        cache.set(key, entries, TIMEOUT_SECONDS)
    return entries


def footer_entries(request, locale: Locale) -> dict[str, dict]:
    """{role: {url, title}} for the footer; the accessibility entry adds its compliance."""
    site = Site.find_for_request(request)
    if site is None:  # a host that no site serves: its 404 page has no footer links
        return {}
    key = _key(request, locale, "footer")
    entries = cache.get(key)
    if entries is None:
        links = selectors.footer_links(settings=FooterSettings.for_site(site), locale=locale)
        entries = {
            role: {"url": page.get_url(request), "title": page.title}
            for role, page in links.items()
        }
        if "accessibility" in links:
            entries["accessibility"]["compliance"] = str(
                links["accessibility"].get_compliance_display()
            )
        cache.set(key, entries, TIMEOUT_SECONDS)
    return entries
