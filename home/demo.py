"""Demo content for the home app: site tree, standard pages, menu and footer.

Deterministic (fixed texts and dates) and idempotent; ``seed_demo`` runs it first.
"""

import datetime
import json
from decimal import Decimal

from wagtail.models import Site

from . import factories
from .models import (
    AccessibilityStatementPage,
    NewsIndexPage,
    NewsPage,
    SitemapPage,
    StandardPage,
)


def _text(html: str) -> dict:
    return {"type": "text", "value": html}


def _callout(title: str, text: str) -> dict:
    return {
        "type": "callout",
        "value": {
            "title": title,
            "heading_level": "h2",
            "text": text,
            "link": {"label": "", "page": None, "url": ""},
        },
    }


def _accordion(items: list[tuple[str, str]]) -> dict:
    return {
        "type": "accordion",
        "value": {"items": [{"title": title, "body": body} for title, body in items]},
    }


def _table(caption: str, headings: list[str], rows: list[list[str]]) -> dict:
    return {
        "type": "table",
        "value": {
            "caption": caption,
            "columns": [{"type": "text", "heading": heading} for heading in headings],
            "rows": [{"values": row} for row in rows],
        },
    }


ABOUT_FR = [
    _text(
        "<p>Une France Services réunit en un seul lieu, près de chez vous, plusieurs "
        "services publics. Des agents formés vous accueillent, vous informent et vous "
        "accompagnent dans vos démarches administratives du quotidien.</p>"
    ),
    _callout(
        "Un accompagnement gratuit",
        "<p>L’accueil est gratuit et ouvert à toutes et à tous, avec ou sans rendez-vous "
        "selon les lieux.</p>",
    ),
    _accordion(
        [
            (
                "Quelles démarches ?",
                "<p>Allocations familiales, santé, retraite, emploi, impôts, papiers "
                "d’identité, permis de conduire, carte grise, accès au droit.</p>",
            ),
            (
                "Qui vous accueille ?",
                "<p>Au moins deux agents formés par les partenaires nationaux du réseau.</p>",
            ),
        ]
    ),
    _table(
        "Les partenaires nationaux et leurs domaines",
        ["Partenaire", "Domaine"],
        [
            ["CAF", "Famille, logement, solidarité"],
            ["Assurance Maladie", "Santé"],
            ["Assurance retraite", "Retraite"],
            ["France Travail", "Emploi"],
            ["Finances publiques", "Impôts"],
        ],
    ),
]

ABOUT_EN = [
    _text(
        "<p>A France Services brings several public services together in one place near "
        "you. Trained agents welcome you, inform you and help you with everyday "
        "administrative procedures.</p>"
    ),
    _callout(
        "Free help",
        "<p>Help is free and open to everyone, with or without an appointment depending on "
        "the place.</p>",
    ),
    _accordion(
        [
            (
                "Which procedures?",
                "<p>Family benefits, health, pensions, employment, taxes, identity papers, "
                "driving licences, vehicle registration, access to justice.</p>",
            ),
            (
                "Who welcomes you?",
                "<p>At least two agents trained by the network's national partners.</p>",
            ),
        ]
    ),
    _table(
        "National partners and their fields",
        ["Partner", "Field"],
        [
            ["CAF", "Family, housing, solidarity"],
            ["Assurance Maladie", "Health"],
            ["Assurance retraite", "Pensions"],
            ["France Travail", "Employment"],
            ["Finances publiques", "Taxes"],
        ],
    ),
]

LEGAL_FR = [
    _text(
        "<h2>Éditeur</h2><p>Agence nationale de la cohésion des territoires (ANCT), "
        "programme France Services.</p><h2>Hébergement</h2><p>Hébergeur à préciser lors "
        "de la mise en production.</p>"
    )
]
LEGAL_EN = [
    _text(
        "<h2>Publisher</h2><p>Agence nationale de la cohésion des territoires (ANCT), "
        "France Services programme.</p><h2>Hosting</h2><p>Host to be stated when the site "
        "goes into production.</p>"
    )
]
PRIVACY_FR = [
    _text(
        "<p>Ce site ne dépose aucun cookie de mesure d’audience ni de publicité. Les "
        "données des comptes agents servent uniquement au fonctionnement de l’espace "
        "agents. Vous pouvez exercer vos droits d’accès, de rectification et d’effacement "
        "auprès du délégué à la protection des données de l’ANCT.</p>"
    )
]
PRIVACY_EN = [
    _text(
        "<p>This site sets no audience measurement or advertising cookies. Agent account "
        "data is used only to run the members area. You may exercise your rights of "
        "access, rectification and erasure with the ANCT's data protection officer.</p>"
    )
]
ACCESSIBILITY_FR = [
    _text(
        "<h2>Contenus non accessibles</h2><p>Certaines cartes interactives n’ont pas "
        "encore d’équivalent textuel complet. La liste des lieux reste consultable sans "
        "carte.</p><h2>Voies de recours</h2><p>Si vous constatez un défaut "
        "d’accessibilité qui vous empêche d’accéder à un contenu, vous pouvez écrire au "
        "Défenseur des droits.</p>"
    )
]
ACCESSIBILITY_EN = [
    _text(
        "<h2>Non-accessible content</h2><p>Some interactive maps do not yet have a full "
        "text equivalent. The list of places can always be read without the map.</p>"
        "<h2>Remedies</h2><p>If an accessibility defect prevents you from reaching some "
        "content, you may write to the Défenseur des droits.</p>"
    )
]

NEWS = [
    (
        "nouvelles-france-services-2026",
        datetime.date(2026, 10, 6),
        (
            "De nouvelles France Services ouvrent cet automne",
            "New France Services open this autumn",
        ),
        (
            "Le réseau s’agrandit dans les communes rurales et les quartiers prioritaires.",
            "The network grows in rural communes and priority neighbourhoods.",
        ),
    ),
    (
        "formation-agents-2026",
        datetime.date(2026, 9, 15),
        ("Le plan national de formation des agents", "The agents' national training plan"),
        (
            "Les modules de formation des partenaires sont disponibles dans l’espace agents.",
            "The partners' training modules are available in the members area.",
        ),
    ),
    (
        "bus-france-services",
        datetime.date(2026, 6, 2),
        ("Les bus France Services sur les routes", "France Services buses on the road"),
        (
            "Des bus itinérants vont au-devant des habitants des villages.",
            "Itinerant buses go out to meet the people of small villages.",
        ),
    ),
]

THEMES_FR = [
    ("Famille", "Allocations, naissance, garde d’enfant"),
    ("Santé", "Carte Vitale, remboursements, complémentaire santé"),
    ("Retraite", "Demande de retraite, relevé de carrière"),
    ("Emploi", "Inscription, actualisation, formation"),
    ("Impôts", "Déclaration, prélèvement à la source"),
    ("Papiers et titres", "Carte d’identité, passeport, permis, carte grise"),
]
THEMES_EN = [
    ("Family", "Benefits, birth, childcare"),
    ("Health", "Carte Vitale, refunds, supplementary cover"),
    ("Pensions", "Pension claim, career statement"),
    ("Employment", "Registration, monthly update, training"),
    ("Taxes", "Income tax return, withholding tax"),
    ("Identity papers", "ID card, passport, licence, vehicle registration"),
]


def _themes(themes: list[tuple[str, str]], target) -> str:
    return json.dumps(
        [
            {
                "type": "theme",
                "value": {
                    "title": title,
                    "description": description,
                    "link": {"label": "", "page": target.pk, "url": ""},
                },
            }
            for title, description in themes
        ]
    )


def seed(log) -> None:
    home = factories.ensure_home_page(
        title="Accueil",
        hero_title="Trouver une France Services près de chez vous",
        hero_text=(
            "Près de 2 800 lieux où des agents formés vous aident dans vos démarches "
            "administratives : CAF, Assurance Maladie, retraite, France Travail, impôts, "
            "papiers d’identité…"
        ),
    )
    about = factories.ensure_child_page(
        home,
        StandardPage,
        slug="le-reseau",
        title="Le réseau France Services",
        intro="Un guichet unique de proximité pour vos démarches administratives.",
        body=json.dumps(ABOUT_FR),
    )
    if not home.themes:
        home = factories.publish_changes(home, themes=_themes(THEMES_FR, about))
    legal = factories.ensure_child_page(
        home,
        StandardPage,
        slug="mentions-legales",
        title="Mentions légales",
        body=json.dumps(LEGAL_FR),
    )
    privacy = factories.ensure_child_page(
        home,
        StandardPage,
        slug="donnees-personnelles",
        title="Données personnelles",
        body=json.dumps(PRIVACY_FR),
    )
    accessibility = factories.ensure_child_page(
        home,
        AccessibilityStatementPage,
        slug="accessibilite",
        title="Déclaration d’accessibilité",
        compliance=AccessibilityStatementPage.Compliance.PARTIAL,
        compliance_rate=Decimal("78.50"),
        audit_date=datetime.date(2026, 9, 1),
        body=json.dumps(ACCESSIBILITY_FR),
    )
    sitemap = factories.ensure_child_page(
        home, SitemapPage, slug="plan-du-site", title="Plan du site"
    )
    news_index = factories.ensure_child_page(
        home,
        NewsIndexPage,
        slug="actualites",
        title="Actualités",
        intro="Les nouvelles du réseau France Services.",
    )
    news_pages = [
        factories.ensure_child_page(
            news_index,
            NewsPage,
            slug=slug,
            title=titles[0],
            date=date,
            intro=intros[0],
            body=json.dumps([_text(f"<p>{intros[0]}</p>")]),
        )
        for slug, date, titles, intros in NEWS
    ]
    log(f"French tree ready under “{home.title}” ({home.get_descendants().count()} pages).")

    home_en = factories.ensure_translation(
        home,
        language_code="en",
        title="Home",
        slug="home",
        hero_title="Find a France Services near you",
        hero_text=(
            "Nearly 2,800 places where trained agents help you with administrative "
            "procedures: family benefits, health insurance, pensions, employment, taxes, "
            "identity papers…"
        ),
    )
    about_en = factories.ensure_translation(
        about,
        language_code="en",
        title="The France Services network",
        slug="network",
        intro="A one-stop counter near you for your administrative procedures.",
        body=json.dumps(ABOUT_EN),
    )
    first_theme_page = home_en.themes[0].value["link"]["page"] if home_en.themes else None
    if first_theme_page is None or first_theme_page.pk != about_en.pk:
        factories.publish_changes(home_en, themes=_themes(THEMES_EN, about_en))
    factories.ensure_translation(
        legal,
        language_code="en",
        title="Legal notice",
        slug="legal-notice",
        body=json.dumps(LEGAL_EN),
    )
    factories.ensure_translation(
        privacy,
        language_code="en",
        title="Personal data",
        slug="personal-data",
        body=json.dumps(PRIVACY_EN),
    )
    factories.ensure_translation(
        accessibility,
        language_code="en",
        title="Accessibility statement",
        slug="accessibility",
        body=json.dumps(ACCESSIBILITY_EN),
    )
    sitemap_en = factories.ensure_translation(
        sitemap, language_code="en", title="Site map", slug="site-map"
    )
    news_index_en = factories.ensure_translation(
        news_index,
        language_code="en",
        title="News",
        slug="news",
        intro="News from the France Services network.",
    )
    for page, (_, _, titles, intros) in zip(news_pages, NEWS, strict=True):
        factories.ensure_translation(
            page,
            language_code="en",
            title=titles[1],
            intro=intros[1],
            body=json.dumps([_text(f"<p>{intros[1]}</p>")]),
        )
    log("English translations ready.")

    factories.ensure_main_menu(
        language_code="fr",
        items=[(about, ""), (news_index, ""), (sitemap, "")],
    )
    factories.ensure_main_menu(
        language_code="en",
        items=[(about_en, ""), (news_index_en, ""), (sitemap_en, "")],
    )
    factories.set_footer(
        site=Site.objects.get(is_default_site=True),
        accessibility=accessibility,
        legal_notice=legal,
        personal_data=privacy,
        sitemap=sitemap,
    )
    log("Menus and footer ready.")
