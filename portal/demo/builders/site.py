"""The home page, the pages under it and their English translations, the main menus and
the footer (the demo's ``content/site.yaml``, a new site's ``portal/install/site.yaml``),
through ``home.factories``.

A page without ``en`` data has no translation; a menu entry is a page's key, or a key
and a label (``{key: …, label: …}``): a page without translation appears in the English
menu as itself, under that label."""

import json

from django.apps import apps
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Site

from directory.models import GuideTheme
from home import factories
from portal.models import home_page


def _fields(model: type[Page], data: dict) -> dict:
    """The page's fields from their data: StreamField data as JSON, others as the field
    reads them (a date, a decimal…)."""
    fields = {}
    for name, value in data.items():
        field = model._meta.get_field(name)
        fields[name] = (
            json.dumps(value) if isinstance(field, StreamField) else field.to_python(value)
        )
    return fields


def _theme_cards(cards: list[dict]) -> str:
    """The home page's theme cards, each leading to its procedure theme's guides."""
    themes = {
        theme.slug: theme.pk for theme in GuideTheme.objects.filter(locale=Locale.get_default())
    }
    return json.dumps(
        [
            {
                "type": "theme",
                "value": {
                    "title": card["title"],
                    "description": card["description"],
                    "guide_theme": themes[card["guide_theme"]],
                    "link": {"label": "", "page": None, "url": ""},
                },
            }
            for card in cards
        ]
    )


def build(site: dict, log) -> None:
    french: dict[str, Page] = {}
    built: list[tuple[dict, Page]] = []

    home = factories.ensure_home_page(**site["home"]["fr"])

    def add_children(parent: Page, entries: list[dict]) -> None:
        for entry in entries:
            model = apps.get_model(entry["type"])
            page = factories.ensure_child_page(parent, model, **_fields(model, entry["fr"]))
            built.append((entry, page))
            french[entry.get("key", page.slug)] = page
            add_children(page, entry.get("children", []))

    for entry in site["pages"]:
        add_children(home, [entry])
    log(f"French tree ready under “{home.title}” ({home.get_descendants().count()} pages).")

    factories.ensure_translation(home, language_code="en", **site["home"]["en"])
    for entry, page in built:
        if "en" not in entry:
            continue
        model = apps.get_model(entry["type"])
        factories.ensure_translation(page, language_code="en", **_fields(model, entry["en"]))
    log("English translations ready.")

    factories.set_footer(
        site=Site.objects.get(is_default_site=True),
        **{role: french[key] for role, key in site["footer"].items()},
    )
    log("Footer ready.")


def build_navigation(site: dict, log) -> None:
    """The main menus and the home page's theme cards in each language (``site.yaml``),
    once the directory's indexes and the procedure themes exist. Theme cards already there
    are left as they are."""
    for language_code, entries in site["menus"].items():
        locale = factories.get_locale(language_code)
        items = []
        for entry in entries:
            pages = apps.get_model(entry["page"]).objects.order_by("path")
            # A page not translated yet: the default language's, as the site shows it.
            page = (
                pages.filter(locale=locale).first()
                or pages.filter(locale=Locale.get_default()).first()
            )
            if page is not None:
                items.append((page, entry["label"]))
        factories.ensure_main_menu(language_code=language_code, items=items)
    for language_code, cards in site["home"].get("themes", {}).items():
        page = home_page(factories.get_locale(language_code)).specific
        if not page.themes:
            factories.publish_changes(page, themes=_theme_cards(cards))
    log("Menus and theme cards ready.")
