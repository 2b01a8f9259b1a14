"""Partners, communes and maisons (through the same import service as the official
list), then bus stops, permanences and closures, the procedure guides and the partner
pages (``content/directory/``)."""

import json
import uuid
from datetime import time

from django.db import transaction
from django.utils.html import escape
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from directory.guides.services import ensure_guide_index
from directory.importers import CommuneRecord, MaisonRecord, RowResult
from directory.maisons.services import ensure_directory_index, import_maisons
from directory.models import (
    Closure,
    GuideAudience,
    GuidePage,
    GuideTheme,
    ItineraryStop,
    MaisonPage,
    Partner,
    PartnerIndexPage,
    PartnerPresence,
)
from directory.territories import geography
from directory.territories.services import import_communes
from home import factories
from home.models import HomePage
from portal.demo import loader


def build(data: "loader.DemoContent", log) -> None:
    communes = import_communes(_commune_records(data.communes))
    partners = ensure_partners(data.partners)
    summary = import_maisons(
        [
            RowResult(row=number, record=_record(maison, data.hours), issues=[])
            for number, maison in enumerate(data.maisons, 1)
        ]
    )
    ensure_directory_translations(data.directory_index)
    _add_extras(data, partners)
    guides = ensure_guides(data, partners)
    translated = translate_guides(data.guide_translations)
    ensure_partner_index(data.partner_index)
    log(
        f"Directory: communes {communes.line()}; {len(partners)} partners; "
        f"maisons {summary.line()}; {guides} procedure guides created, {translated} "
        "translated."
    )


def _commune_records(communes):
    for commune in communes:
        for postcode in commune.postcodes:
            yield CommuneRecord(
                insee=commune.insee,
                name=commune.name,
                name_with_article=commune.name_with_article,
                postcode=postcode,
                department_code=commune.department,
                region_code=geography.department(commune.department).region_code,
                kind="COM",
                parent_insee="",
                latitude=commune.latitude,
                longitude=commune.longitude,
                population=commune.population,
            )


def _record(maison: "loader.Maison", hours: dict[str, list[str]]) -> MaisonRecord:
    return MaisonRecord(**maison.record, raw_hours=dict(enumerate(hours[maison.hours])))


@transaction.atomic
def ensure_partners(rows) -> dict[str, Partner]:
    locale = Locale.get_default()
    partners = {}
    for row in rows:
        partner, _ = Partner.objects.get_or_create(
            slug=row.slug,
            locale=locale,
            defaults={
                "name": row.name,
                "short_name": row.short_name,
                "website": row.website,
                "national": row.national,
            },
        )
        _describe(partner, row)
        partners[row.slug] = partner
    return partners


def _describe(partner: Partner, row: "loader.Partner") -> None:
    """Fill the description and online services of a partner that has none."""
    changed = []
    if row.description and not partner.description:
        partner.description = row.description
        changed.append("description")
    if row.online_services and not partner.online_services:
        partner.online_services = json.dumps(
            [
                {"type": "service", "value": {"label": label, "page": None, "url": url}}
                for label, url in row.online_services
            ]
        )
        changed.append("online_services")
    if changed:
        partner.save(update_fields=changed)


def ensure_directory_translations(translations: dict) -> None:
    """The translations of ``/maisons/`` ({language: fields}): each shows the same maisons
    with its language's interface."""
    index = ensure_directory_index()
    for language_code, fields in translations.items():
        factories.ensure_translation(index, language_code=language_code, **fields)


def ensure_partner_index(index: dict) -> PartnerIndexPage:
    """``/partenaires/`` under the default language's home page, and its translations."""
    home = Page.objects.type(HomePage).filter(locale=Locale.get_default()).first()
    if home is None:
        raise RuntimeError("No home page in the default language: seed the site first.")
    page = factories.ensure_child_page(home, PartnerIndexPage, **index["fr"])
    for language_code, fields in index.items():
        if language_code != "fr":
            factories.ensure_translation(page, language_code=language_code, **fields)
    return page


@transaction.atomic
def _add_extras(data: "loader.DemoContent", partners: dict[str, Partner]) -> None:
    maisons = {
        page.source_id: page for page in MaisonPage.objects.filter(source_id__startswith="demo-")
    }
    changed: dict[str, MaisonPage] = {}
    for tour in data.maisons:
        if not tour.stops:
            continue
        bus = maisons[tour.record["source_id"]]
        if bus.stops.exists():
            continue
        bus.stops = [
            ItineraryStop(
                place=stop.place,
                commune_name=stop.commune_name,
                insee_commune=stop.insee_commune,
                latitude=stop.latitude,
                longitude=stop.longitude,
                weekday=stop.weekday,
                frequency=stop.frequency,
                reference_date=stop.reference_date,
                starts=time.fromisoformat(stop.starts),
                ends=time.fromisoformat(stop.ends),
                sort_order=order,
            )
            for order, stop in enumerate(tour.stops)
        ]
        changed[bus.source_id] = bus
    for presence in data.presences:
        maison = changed.get(presence.maison) or maisons[presence.maison]
        if presence.maison not in changed and maison.presences.exists():
            continue
        maison.presences.add(
            PartnerPresence(
                partner=partners[presence.partner],
                mode=presence.mode,
                frequency=presence.frequency,
                weekday=presence.weekday,
                nth=presence.nth,
                reference_date=presence.reference_date,
                starts=time.fromisoformat(presence.starts),
                ends=time.fromisoformat(presence.ends),
                notes=presence.notes,
            )
        )
        changed[presence.maison] = maison
    for closure in data.closures:
        maison = changed.get(closure.maison) or maisons[closure.maison]
        if closure.maison not in changed and maison.closures.exists():
            continue
        maison.closures.add(
            Closure(
                start_date=closure.start_date, end_date=closure.end_date, reason=closure.reason
            )
        )
        changed[closure.maison] = maison
    for maison in changed.values():
        maison.save_revision(log_action=False).publish(log_action=False)


# --- Procedure guides -----------------------------------------------------------------


def _paragraph(text: str) -> str:
    return f"<p>{escape(text)}</p>" if text else ""


# The namespace of the guides' block ids: the same ids at every build, which the guides'
# translations (``content/translations/``, wagtail-localize PO files) name their blocks by.
BLOCK_IDS = uuid.UUID("6f1c0d1e-8a4b-4c55-9a53-2f9d1c7e4b10")


def _blocks(slug: str, field: str, blocks: list[tuple[str, object]]) -> str:
    """A StreamField's data from (type, value) pairs, each block with its lasting id."""
    return json.dumps(
        [
            {"type": kind, "value": value, "id": str(uuid.uuid5(BLOCK_IDS, f"{slug}/{field}/{n}"))}
            for n, (kind, value) in enumerate(blocks)
        ]
    )


def _guide(data: dict) -> GuidePage:
    slug = data["slug"]
    steps = [
        (
            "step",
            {
                "title": step["title"],
                "text": _paragraph(step["text"]),
                "link": step["link"],
                "link_label": step["link_label"],
            },
        )
        for step in data["steps"]
    ]
    sources = [
        ("source", {"label": source["label"], "page": None, "url": source["url"]})
        for source in data["sources"]
    ]
    return GuidePage(
        title=data["title"],
        slug=slug,
        intro=data["intro"],
        summary=data["summary"],
        who=_paragraph(data["who"]),
        steps=_blocks(slug, "steps", steps),
        documents=_blocks(slug, "documents", [("document", item) for item in data["documents"]]),
        cost=data["cost"],
        delay=data["delay"],
        online_needs=_paragraph(data["online_needs"]),
        agent_help=_paragraph(data["agent_help"]),
        sources=_blocks(slug, "sources", sources),
        last_reviewed=data["last_reviewed"],
        next_review=data["next_review"],
    )


def _ensure_taxonomy(model, rows, locale: Locale) -> dict:
    """Themes or audiences by slug, with their translations as a translator would make."""
    taxonomies = {}
    for row in rows:
        fields = {name: value for name, value in row.items() if name not in {"slug", "en"}}
        taxonomies[row["slug"]] = model.objects.get_or_create(
            slug=row["slug"], locale=locale, defaults=fields
        )[0]
    return taxonomies


def _ensure_translations(taxonomies: dict, rows) -> None:
    english = Locale.objects.get(language_code="en")
    for row in rows:
        taxonomy = taxonomies[row["slug"]]
        if taxonomy.get_translation_or_none(english) is None:
            translated = taxonomy.copy_for_translation(english)
            for name, value in row["en"].items():
                setattr(translated, name, value)
            translated.save()


@transaction.atomic
def ensure_guides(data: "loader.DemoContent", partners: dict[str, Partner]) -> int:
    """The guides under ``/demarches/``, with their themes and audiences; the number
    created. Guides already there are left as they are."""
    locale = Locale.get_default()
    themes = _ensure_taxonomy(GuideTheme, data.guide_themes, locale)
    audiences = _ensure_taxonomy(GuideAudience, data.guide_audiences, locale)
    _ensure_translations(themes, data.guide_themes)
    _ensure_translations(audiences, data.guide_audiences)
    index = ensure_guide_index()
    existing = set(GuidePage.objects.child_of(index).values_list("slug", flat=True))
    created: dict[str, GuidePage] = {}
    for guide_data in data.guides:
        if guide_data["slug"] in existing:
            continue
        guide = index.add_child(instance=_guide(guide_data))
        guide.themes.set([themes[slug] for slug in guide_data["themes"]])
        guide.audiences.set([audiences[slug] for slug in guide_data["audiences"]])
        guide.partners.set([partners[slug] for slug in guide_data["partners"]])
        created[guide_data["slug"]] = guide
    by_slug = {guide.slug: guide for guide in GuidePage.objects.child_of(index)}
    for guide_data in data.guides:
        guide = created.get(guide_data["slug"])
        if guide is None:
            continue
        guide.related_guides.set([by_slug[slug] for slug in guide_data["related"]])
        guide.save_revision(log_action=False).publish(log_action=False)
    # In English the guides are listed untranslated, in French, until translated.
    for language_code, fields in data.guide_index.items():
        factories.ensure_translation(index, language_code=language_code, **fields)
    return len(created)


def translate_guides(translations) -> int:
    """Translations of guides (``loader.GuideTranslation``) made as a translator makes them
    in the editor with wagtail-localize: "Translate", "Upload PO file", "Publish" (once the
    transaction commits); the number made. Guides translated already are left as they
    are. A PO file that leaves a segment of its guide untranslated (the guide changed
    since) is an error."""
    index = ensure_guide_index()
    made = 0
    for item in translations:
        guide = GuidePage.objects.child_of(index).get(slug=item.slug)
        locale = factories.get_locale(item.language)
        if guide.get_translation_or_none(locale) is not None:
            continue
        source, _ = TranslationSource.update_or_create_from_instance(guide)
        translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
        # The id of the translation the file was exported from, in one database:
        # wagtail-localize ignores a file that names another one.
        item.po.metadata.pop("X-WagtailLocalize-TranslationID", None)
        warnings = translation.import_po(item.po, tool_name="seed_demo")
        total, translated = translation.get_progress()
        if warnings or translated < total:
            untranslated = [entry.msgctxt for entry in translation.export_po() if not entry.msgstr]
            raise ValueError(
                f"translations/{item.language}/{item.slug}.po no longer matches its guide: "
                f"untranslated {untranslated}, not imported {warnings}. Export the guide's "
                "PO file again (wagtail-localize) and translate it."
            )
        translation.save_target(publish=True)
        made += 1
    return made
