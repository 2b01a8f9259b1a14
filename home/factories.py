"""Builders for pages and navigation, shared by the tests and ``seed_demo``.

Every builder is idempotent: it finds the object by slug (or key) before creating it,
so running ``seed_demo`` twice leaves the same tree.
"""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from portal.public_urls import sync_default_site

from .models import FooterSettings, HomePage, MainMenu, MainMenuItem


def get_locale(language_code: str) -> Locale:
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    return locale


@transaction.atomic
def ensure_home_page(*, title: str, slug: str = "accueil", **fields) -> HomePage:
    """The default language's home page, made the root of the default site."""
    locale = get_locale("fr")
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(depth=2, locale=locale).first()
    if home is None:
        home = root.add_child(instance=HomePage(title=title, slug=slug, locale=locale, **fields))
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    previous_root_id = site.root_page_id if site.pk else None
    site.hostname, site.port = site.hostname or "localhost", site.port or 80
    site.root_page, site.site_name = home, "France Services"
    site.save()
    sync_default_site()
    if previous_root_id and previous_root_id != home.pk:
        # The placeholder page Wagtail's first migration creates.
        Page.objects.filter(pk=previous_root_id, depth=2).exclude(
            content_type=home.content_type
        ).delete()
    return home


@transaction.atomic
def ensure_child_page(parent: Page, page_class: type[Page], *, slug: str, **fields) -> Page:
    """A published child of ``parent`` with this slug, created with ``fields`` if absent."""
    existing = page_class.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = parent.add_child(instance=page_class(slug=slug, locale=parent.locale, **fields))
    page.save_revision().publish()
    return page


@transaction.atomic
def ensure_translation(page: Page, *, language_code: str, **fields) -> Page:
    """The translation of ``page`` into ``language_code``, published with ``fields``."""
    locale = get_locale(language_code)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = page.specific.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


@transaction.atomic
def publish_changes(page: Page, **fields) -> Page:
    """Publish a new revision of ``page`` with ``fields`` changed.

    The page is read again first: a stale instance would write back an old ``numchild``
    and corrupt the tree.
    """
    fresh = page.specific_class.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(fresh, name, value)
    fresh.save_revision().publish()
    return fresh


@transaction.atomic
def ensure_main_menu(*, language_code: str, items: list[tuple[Page, str]]) -> MainMenu:
    """The main menu of a language, with ``items`` as (page, label) pairs."""
    locale = get_locale(language_code)
    reference = MainMenu.objects.filter(locale=Locale.get_default()).first()
    menu = MainMenu.objects.filter(locale=locale).first()
    if menu is None:
        menu = MainMenu(locale=locale)
        if reference is not None:
            menu.translation_key = reference.translation_key
        menu.save()
        for order, (page, label) in enumerate(items):
            MainMenuItem.objects.create(menu=menu, page=page, label=label, sort_order=order)
    return menu


def set_footer(*, site: Site, **pages: Page) -> FooterSettings:
    footer = FooterSettings.for_site(site)
    for role, page in pages.items():
        setattr(footer, f"{role}_page", page)
    footer.save()
    return footer
