"""Demo procedure guides: themes, audiences and the guides of ``demo_guides``, published
under ``/demarches/``. Idempotent: guides already there are left as they are."""

import json
from datetime import date, timedelta

from django.db import transaction
from django.utils.html import escape
from wagtail.models import Locale

from directory import demo_guides
from directory.guides.models import GuideAudience, GuidePage, GuideTheme
from directory.guides.services import ensure_guide_index
from directory.partners.models import Partner
from home.factories import ensure_translation

REVIEWED_ON = date(2026, 10, 1)
REVIEW_EVERY = timedelta(days=182)
# A few guides past their review date, for the editors' report.
OVERDUE = {"cheque-energie", "procuration-vote"}


def _paragraph(text: str) -> str:
    return f"<p>{escape(text)}</p>" if text else ""


def _steps(steps: list[dict]) -> str:
    return json.dumps(
        [
            {
                "type": "step",
                "value": {
                    "title": step["title"],
                    "text": _paragraph(step["text"]),
                    "link": step["link"],
                    "link_label": step["link_label"],
                },
            }
            for step in steps
        ]
    )


def _guide(data: dict) -> GuidePage:
    reviewed = REVIEWED_ON - timedelta(days=240) if data["slug"] in OVERDUE else REVIEWED_ON
    return GuidePage(
        title=data["title"],
        slug=data["slug"],
        intro=data["intro"],
        summary=data["summary"],
        who=_paragraph(data["who"]),
        steps=_steps(data["steps"]),
        documents=json.dumps([{"type": "document", "value": item} for item in data["documents"]]),
        cost=data["cost"],
        delay=data["delay"],
        online_needs=_paragraph(data["online_needs"]),
        agent_help=_paragraph(data["agent_help"]),
        sources=json.dumps(
            [
                {"type": "source", "value": {"label": s["label"], "page": None, "url": s["url"]}}
                for s in data["sources"]
            ]
        ),
        last_reviewed=reviewed,
        next_review=reviewed + REVIEW_EVERY,
    )


THEMES_EN = {
    "famille": "Family",
    "sante": "Health",
    "retraite": "Retirement",
    "emploi": "Employment",
    "impots": "Taxes",
    "papiers-et-titres": "Identity papers and licences",
    "logement": "Housing",
    "energie": "Energy",
    "justice-et-droits": "Justice and rights",
    "numerique": "Digital",
    "handicap": "Disability",
    "citoyennete": "Citizenship",
}
AUDIENCES_EN = {"particulier": "Individuals", "professionnel": "Professionals"}


def _ensure_english_names(taxonomies: dict, names: dict[str, str]) -> None:
    """The English translation of each theme or audience, as a translator would make."""
    english = Locale.objects.get(language_code="en")
    for slug, taxonomy in taxonomies.items():
        if taxonomy.get_translation_or_none(english) is None:
            translated = taxonomy.copy_for_translation(english)
            translated.name = names[slug]
            if hasattr(translated, "description"):
                translated.description = ""
            translated.save()


@transaction.atomic
def seed(partners: dict[str, Partner]) -> int:
    """The demo guides; the number created."""
    locale = Locale.get_default()
    themes = {
        slug: GuideTheme.objects.get_or_create(
            slug=slug, locale=locale, defaults={"name": name, "description": description}
        )[0]
        for slug, name, description in demo_guides.THEMES
    }
    audiences = {
        slug: GuideAudience.objects.get_or_create(
            slug=slug, locale=locale, defaults={"name": name}
        )[0]
        for slug, name in demo_guides.AUDIENCES
    }
    _ensure_english_names(themes, THEMES_EN)
    _ensure_english_names(audiences, AUDIENCES_EN)
    index = ensure_guide_index()
    existing = set(GuidePage.objects.child_of(index).values_list("slug", flat=True))
    created: dict[str, GuidePage] = {}
    for data in demo_guides.GUIDES:
        if data["slug"] in existing:
            continue
        guide = index.add_child(instance=_guide(data))
        guide.themes.set([themes[slug] for slug in data["themes"]])
        guide.audiences.set([audiences[slug] for slug in data["audiences"]])
        guide.partners.set([partners[slug] for slug in data["partners"]])
        created[data["slug"]] = guide
    by_slug = {guide.slug: guide for guide in GuidePage.objects.child_of(index)}
    for data in demo_guides.GUIDES:
        guide = created.get(data["slug"])
        if guide is None:
            continue
        guide.related_guides.set([by_slug[slug] for slug in data["related"]])
        guide.save_revision(log_action=False).publish(log_action=False)
    # In English the guides are listed untranslated, in French, until translated.
    ensure_translation(
        index,
        language_code="en",
        title="Procedure guides",
        slug="procedures",
        intro="Everyday procedures explained simply, and where to get help near you.",
    )
    return len(created)
