"""Reads for the home app: navigation, footer, news and the site map."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from wagtail.models import Locale, Page, get_page_models

from directory.guides.listing import guide_index
from portal.models import public

from .models import FooterSettings, MainMenu, MainMenuItem, NewsPage


def main_menu(*, locale: Locale) -> MainMenu | None:
    """The menu of ``locale``, falling back to the default language's menu."""
    menus = MainMenu.objects.filter(
        locale__language_code__in={locale.language_code, Locale.get_default().language_code}
    ).prefetch_related(
        Prefetch(
            "items",
            queryset=MainMenuItem.objects.filter(page__live=True).select_related("page"),
        )
    )
    by_language = {menu.locale_id: menu for menu in menus}
    return by_language.get(locale.pk) or next(iter(by_language.values()), None)


def footer_links(*, settings: FooterSettings, locale: Locale) -> dict[str, Page]:
    """The footer's pages by role, each in ``locale`` when it is translated (two queries).

    The accessibility statement comes back as its specific page, for its compliance status.
    """
    chosen = {
        "accessibility": settings.accessibility_page_id,
        "legal_notice": settings.legal_notice_page_id,
        "personal_data": settings.personal_data_page_id,
        "sitemap": settings.sitemap_page_id,
    }
    originals = {
        pk: (translation_key, locale_id)
        for pk, translation_key, locale_id in Page.objects.filter(
            pk__in=[pk for pk in chosen.values() if pk]
        ).values_list("pk", "translation_key", "locale_id")
    }
    if not originals:
        return {}
    wanted_locales = {locale.pk} | {locale_id for _, locale_id in originals.values()}
    candidates = (
        Page.objects.live()
        .filter(
            translation_key__in=[key for key, _ in originals.values()],
            locale_id__in=wanted_locales,
        )
        .specific()
    )
    best: dict = {}
    for page in candidates:
        if page.locale_id == locale.pk or page.translation_key not in best:
            best[page.translation_key] = page
    links = {}
    for role, pk in chosen.items():
        if pk in originals and originals[pk][0] in best:
            links[role] = best[originals[pk][0]]
    return links


def latest_news(*, locale: Locale, limit: int) -> list[NewsPage]:
    return list(
        public(NewsPage.objects.live())
        .filter(locale=locale)
        .order_by("-date", "-pk")
        .defer_streamfields()[:limit]
    )


def news_under(index: Page):
    return public(NewsPage.objects.child_of(index).live()).order_by("-date", "-pk")


@dataclass
class SitemapNode:
    page: Page
    children: list["SitemapNode"] = field(default_factory=list)


def sitemap_tree(*, root: Page) -> list[SitemapNode]:
    """Live public pages under ``root`` (included), nested, in one query plus privacy.

    Page types with ``listed_in_site_map = False`` (thousands of maisons) are left out:
    their index pages lead to them.
    """
    hidden_types = [
        ContentType.objects.get_for_model(model)
        for model in get_page_models()
        if not getattr(model, "listed_in_site_map", True)
    ]
    pages = (
        public(root.get_descendants(inclusive=True).live())
        .exclude(content_type__in=hidden_types)
        .order_by("path")
    )
    nodes_by_path: dict[str, SitemapNode] = {}
    top: list[SitemapNode] = []
    for page in pages.only("id", "title", "path", "depth", "url_path", "locale_id"):
        node = SitemapNode(page=page)
        parent = nodes_by_path.get(page.path[: -Page.steplen])
        (parent.children if parent else top).append(node)
        nodes_by_path[page.path] = node
    return top


@dataclass(frozen=True)
class ThemeCard:
    title: str
    description: str
    url: str


def theme_cards(themes, *, locale: Locale, request) -> list[ThemeCard]:
    """The home page's theme cards with their addresses: a procedure theme leads to its
    own guides (the guide listing of the page's language, filtered on it), otherwise the
    card's link."""
    cards = []
    index = None
    for block in themes:
        value = block.value
        if value["guide_theme"]:
            index = index or guide_index(locale)
            if index is None:
                continue
            query = urlencode({"theme": value["guide_theme"].slug})
            url = f"{index.get_url(request)}?{query}"
        elif value["link"]["page"]:
            url = value["link"]["page"].get_url(request)
        else:
            url = value["link"]["url"]
        cards.append(ThemeCard(value["title"], value["description"], url))
    return cards
