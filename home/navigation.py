"""Header menu and footer links as plain data, cached per site and language.

Anything that may change them (a page published, unpublished, moved or deleted; the menu
or the footer settings saved) bumps a version number kept in the shared cache, so every
process serves the change at once.
"""

from django.core.cache import cache
from wagtail.models import Locale, Site

from . import selectors
from .models import FooterSettings

VERSION_KEY = "home:navigation:version"
TIMEOUT_SECONDS = 60 * 60


def _version() -> int:
    cache.add(VERSION_KEY, 1, timeout=None)
    return cache.get(VERSION_KEY, 1)


def invalidate(**_signal_kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)


def _key(request, locale: Locale, part: str) -> str:
    site = Site.find_for_request(request)
    return f"home:navigation:{_version()}:{part}:{site.pk if site else 0}:{locale.pk}"


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
    key = _key(request, locale, "footer")
    entries = cache.get(key)
    if entries is None:
        links = selectors.footer_links(settings=FooterSettings.for_request(request), locale=locale)
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
