"""The home page, the pages under it and their English translations, the main menus and
the footer (the demo's ``content/site.yaml``, a new site's ``portal/install/site.yaml``),
through ``home.factories``.

A page without ``en`` data has no translation; a menu entry is a page's key, or a key
and a label (``{key: …, label: …}``): a page without translation appears in the English
menu as itself, under that label."""

import json

from django.apps import apps
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from home import factories


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


def _themes(themes: list[dict], target: Page) -> str:
    return json.dumps(
        [
            {
                "type": "theme",
                "value": {
                    "title": theme["title"],
                    "description": theme["description"],
                    "link": {"label": "", "page": target.pk, "url": ""},
                },
            }
            for theme in themes
        ]
    )


def build(site: dict, log) -> None:
    themes = site["home"]["themes"]
    french: dict[str, Page] = {}
    english: dict[str, Page] = {}
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
        if entry.get("key") == themes["link"] and not home.themes:
            home = factories.publish_changes(
                home, themes=_themes(themes["fr"], french[entry["key"]])
            )
    log(f"French tree ready under “{home.title}” ({home.get_descendants().count()} pages).")

    home_en = factories.ensure_translation(home, language_code="en", **site["home"]["en"])
    for entry, page in built:
        if "en" not in entry:
            continue
        model = apps.get_model(entry["type"])
        translated = factories.ensure_translation(
            page, language_code="en", **_fields(model, entry["en"])
        )
        english[entry.get("key", page.slug)] = translated
        if entry.get("key") == themes["link"]:
            first = home_en.themes[0].value["link"]["page"] if home_en.themes else None
            if first is None or first.pk != translated.pk:
                factories.publish_changes(home_en, themes=_themes(themes["en"], translated))
    log("English translations ready.")

    for language_code, pages in (("fr", french), ("en", {**french, **english})):
        factories.ensure_main_menu(
            language_code=language_code,
            items=[
                (pages[item["key"]], item.get("label", ""))
                if isinstance(item, dict)
                else (pages[item], "")
                for item in site["menus"][language_code]
            ],
        )
    factories.set_footer(
        site=Site.objects.get(is_default_site=True),
        **{role: french[key] for role, key in site["footer"].items()},
    )
    log("Menus and footer ready.")
