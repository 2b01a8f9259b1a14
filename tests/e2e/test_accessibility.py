"""Accessibility in a real browser: axe-core (WCAG 2.1 A/AA), skip link, language, no-JS.

Every page family is checked over the dataset ``build_dataset`` makes for this module: a
standard page, maisons around Lodève (one with permanences and a closure, a bus), guides,
partners, news, and the communes the searches name."""

import contextlib
import json
from datetime import date, time

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_21_AA_TAGS},
    "resultTypes": ["violations"],
}

# The module's dataset -----------------------------------------------------------------

# From the INSEE Code officiel géographique 2024 and La Poste's postcodes:
# insee;name;official name;department;postcodes;latitude;longitude;population.
# Lodève (34700, shared with Le Puech) and the communes of its neighbouring maisons;
# five communes named exactly Saint-Gervais, in five departments.
COMMUNES = """\
34142;Lodève;Lodève;34;34700;43.73015;3.29526;7289
34220;Puech;Le Puech;34;34700;43.68412;3.32856;257
34079;Clermont-l'Hérault;Clermont-l'Hérault;34;34800;43.63231;3.40174;9269
34064;Caylar;Le Caylar;34;34520;43.87166;3.31021;465
34028;Bédarieux;Bédarieux;34;34600;43.61134;3.16369;5778
30256;Saint-Gervais;Saint-Gervais;30;30200;44.1949;4.57861;792
33415;Saint-Gervais;Saint-Gervais;33;33240;45.01639;-0.46706;1948
38390;Saint-Gervais;Saint-Gervais;38;38470;45.18804;5.4959;530
85221;Saint-Gervais;Saint-Gervais;85;85230;46.93226;-1.9826;2723
95554;Saint-Gervais;Saint-Gervais;95;95420;49.16554;1.75829;891
"""
LODEVE = "34142"
TWO_HALF_DAYS = (("09:00", "12:00"), ("13:30", "17:00"))
WEEKDAYS = [(day, opens, closes) for day in range(5) for opens, closes in TWO_HALF_DAYS]
TUESDAY_TO_SATURDAY = [
    *[(day, opens, closes) for day in (1, 2, 3, 4) for opens, closes in TWO_HALF_DAYS],
    (5, "09:00", "12:00"),
]
CLOSED_WEDNESDAY_AFTERNOON = [row for row in WEEKDAYS if row[:2] != (2, "13:30")]
# The fixed maisons, by the INSEE code of their commune: (title, slug, hours).
MAISONS = {
    LODEVE: ("France Services du Lodévois d’essai", "lodevois-dessai", TUESDAY_TO_SATURDAY),
    "34079": ("France Services du Clermontais d’essai", "clermontais-dessai", WEEKDAYS),
    "34064": ("France Services du Larzac d’essai", "larzac-dessai", CLOSED_WEDNESDAY_AFTERNOON),
    "34028": ("France Services de Bédarieux d’essai", "bedarieux-dessai", WEEKDAYS),
}
MAISON_SLUG = MAISONS[LODEVE][1]
BUS = "Bus France Services des Hauts Cantons d’essai"
BUS_SLUG = "bus-des-hauts-cantons-dessai"
# The bus's tour: (place, commune, INSEE code, latitude, longitude, weekday).
BUS_STOPS = [
    ("Place de la Mairie", "Le Caylar", "34064", 43.87166, 3.31021, 0),
    ("Parking de la salle des fêtes", "Le Bousquet-d’Orb", "34038", 43.7011, 3.14953, 1),
    ("Avenue Charcot", "Lamalou-les-Bains", "34126", 43.59827, 3.08471, 2),
    ("Place du Foirail", "Saint-Chinian", "34245", 43.4274, 2.92757, 3),
    ("Place de l’Église", "Olargues", "34187", 43.53799, 2.91725, 4),
]
STANDARD_SLUG = "reseau-dessai"
ACCORDION_TEXT = "Deux agents formés au moins vous reçoivent."
CAF_SLUG = "caf"
CONCILIATOR_SLUG = "conciliateur-de-justice"
VEHICLE_GUIDE_SLUG = "carte-grise-dessai"
CONCILIATION_GUIDE_SLUG = "conciliation-dessai"


def build_dataset() -> None:
    """What the pages checked show: the communes above; the CAF, the ANTS and a local
    conciliator; the four maisons above, the Lodévois's with both partners' permanences
    and a closure, and a bus touring five stops; four guides under four themes (with
    their English names), one with every section of a guide; a standard page with a text,
    a callout, an accordion and a table; two news items, one translated."""
    from directory.models import MaisonPage, PartnerPresence
    from home.factories import ensure_translation
    from tests.factories import (
        ClosureFactory,
        GuideAudienceFactory,
        GuidePageFactory,
        GuideThemeFactory,
        NewsPageFactory,
        PartnerFactory,
        PartnerPresenceFactory,
        StandardPageFactory,
        add_stops,
        communes_from_table,
        maison_in,
        stream,
        translate,
    )

    communes = communes_from_table(COMMUNES, *[line[:5] for line in COMMUNES.splitlines()])
    caf = PartnerFactory(
        name="Caisse d’allocations familiales",
        short_name="CAF",
        slug=CAF_SLUG,
        national=True,
        website="https://www.caf.fr",
        description="<p>Prestations familiales et aides au logement, expliquées en France "
        "Services.</p>",
        online_services=stream(
            "service", {"label": "Le site caf.fr", "page": None, "url": "https://www.caf.fr"}
        ),
    )
    ants = PartnerFactory(
        name="Agence nationale des titres sécurisés",
        short_name="ANTS",
        slug="ants",
        national=True,
        website="https://ants.gouv.fr",
        description="<p>Titres d’identité, permis de conduire et cartes grises.</p>",
    )
    conciliator = PartnerFactory(
        name="Conciliateur de justice",
        slug=CONCILIATOR_SLUG,
        national=False,
        description="<p>Un bénévole qui aide à trouver un accord, sans procès.</p>",
    )

    maisons = {
        insee: maison_in(communes[insee], title, slug=slug, hours=hours, booking=insee == LODEVE)
        for insee, (title, slug, hours) in MAISONS.items()
    }
    lodevois = maisons[LODEVE]
    PartnerPresenceFactory(
        maison=lodevois,
        partner=conciliator,
        frequency=PartnerPresence.Frequency.MONTHLY_NTH,
        weekday=1,
        nth=2,
        starts=time(14),
        ends=time(17),
        notes="Sur rendez-vous à l’accueil.",
    )
    PartnerPresenceFactory(
        maison=lodevois,
        partner=caf,
        frequency=PartnerPresence.Frequency.BIWEEKLY,
        weekday=3,
        reference_date=date(2026, 1, 8),
        starts=time(9),
        ends=time(12),
    )
    ClosureFactory(
        maison=lodevois,
        start_date=date(2026, 12, 24),
        end_date=date(2026, 12, 31),
        reason="Fermeture de fin d’année",
    )
    bus = maison_in(
        communes["34028"],
        BUS,
        slug=BUS_SLUG,
        format=MaisonPage.Format.BUS,
        hours=[(day, "09:30", "16:30") for day in range(5)],
    )
    add_stops(bus, BUS_STOPS)

    themes = {
        slug: GuideThemeFactory(name=name, slug=slug)
        for slug, name in (
            ("famille", "Famille"),
            ("papiers-et-titres", "Papiers et titres"),
            ("justice-et-droits", "Justice et droits"),
            ("retraite", "Retraite"),
        )
    }
    for theme, english in zip(
        themes.values(), ("Family", "Papers", "Justice", "Retirement"), strict=True
    ):
        translate(theme, "en", name=english)
    individuals = GuideAudienceFactory(name="Particulier", slug="particulier")
    translate(individuals, "en", name="Individuals")
    birth = GuidePageFactory(
        title="Déclarer une naissance à la CAF d’essai",
        slug="naissance-dessai",
        summary="La CAF adapte vos prestations après une naissance.",
        partners=[caf],
        themes=[themes["famille"]],
    )
    GuidePageFactory(
        title="Demander sa retraite d’essai",
        slug="retraite-dessai",
        summary="La demande de retraite se fait en ligne, six mois avant le départ.",
        themes=[themes["retraite"]],
    )
    vehicle = GuidePageFactory(
        title="Mettre à son nom la carte grise d’un véhicule d’essai",
        slug=VEHICLE_GUIDE_SLUG,
        intro="Un véhicule d’occasion acheté : la carte grise se change en ligne.",
        summary="Le changement de titulaire se fait sur le site de l’ANTS, dans le mois.",
        who="<p>Toute personne qui achète un véhicule déjà immatriculé.</p>",
        steps=stream(
            "step",
            {
                "title": "Réunir les documents du vendeur",
                "text": "<p>La carte grise barrée et le certificat de cession.</p>",
                "link": "",
                "link_label": "",
            },
            {
                "title": "Faire la démarche en ligne",
                "text": "<p>Sur le site de l’ANTS, avec FranceConnect.</p>",
                "link": "https://ants.gouv.fr",
                "link_label": "ants.gouv.fr",
            },
        ),
        documents=stream("document", "Carte grise barrée", "Certificat de cession"),
        cost="Payant : le montant dépend de la région",
        delay="Dans le mois qui suit l’achat",
        online_needs="<p>Un compte ANTS ou FranceConnect.</p>",
        agent_help="<p>L’agent vous guide dans la démarche en ligne.</p>",
        sources=stream("source", {"label": "ANTS", "page": None, "url": "https://ants.gouv.fr"}),
        last_reviewed=date(2026, 10, 1),
        next_review=date(2027, 4, 1),
        partners=[ants],
        themes=[themes["papiers-et-titres"]],
    )
    conciliation = GuidePageFactory(
        title="Régler un litige avec un conciliateur d’essai",
        slug=CONCILIATION_GUIDE_SLUG,
        summary="Le conciliateur de justice aide à trouver un accord, gratuitement.",
        cost="Gratuit",
        partners=[conciliator],
        themes=[themes["justice-et-droits"]],
    )
    for guide in (birth, vehicle, conciliation):
        guide.audiences.set([individuals])
        if guide is vehicle:
            guide.related_guides.set([birth, conciliation])
        guide.save()

    StandardPageFactory(
        title="Le réseau d’essai",
        slug=STANDARD_SLUG,
        intro="Un guichet d’essai pour les démarches.",
        body=json.dumps(
            [
                {"type": "text", "value": "<p>Plusieurs services publics en un lieu.</p>"},
                {
                    "type": "callout",
                    "value": {
                        "title": "Un accompagnement gratuit",
                        "heading_level": "h2",
                        "text": "<p>Avec ou sans rendez-vous.</p>",
                        "link": {"label": "", "page": None, "url": ""},
                    },
                },
                {
                    "type": "accordion",
                    "value": {
                        "items": [
                            {"title": "Quelles démarches ?", "body": "<p>Famille, santé.</p>"},
                            {"title": "Qui vous accueille ?", "body": f"<p>{ACCORDION_TEXT}</p>"},
                        ]
                    },
                },
                {
                    "type": "table",
                    "value": {
                        "caption": "Des partenaires et leurs domaines",
                        "columns": [
                            {"type": "text", "heading": "Partenaire"},
                            {"type": "text", "heading": "Domaine"},
                        ],
                        "rows": [
                            {"values": ["CAF", "Famille, logement"]},
                            {"values": ["ANTS", "Titres"]},
                        ],
                    },
                },
            ]
        ),
    )
    news = NewsPageFactory(
        title="Une France Services d’essai ouvre",
        slug="ouverture-dessai",
        date=date(2026, 10, 6),
        intro="Le réseau d’essai s’agrandit.",
    )
    ensure_translation(news, language_code="en", title="A trial France Services opens")
    NewsPageFactory(title="Les agents d’essai se forment", slug="formation-dessai")


def format_violations(url: str, violations: list[dict]) -> str:
    """One paragraph per violation: id, impact, help (and its URL), offending nodes."""
    lines = [f"axe-core found {len(violations)} WCAG 2.1 A/AA violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} [{violation.get('impact') or 'n/a'}]: {violation['help']}"
            f" ({violation.get('helpUrl', '')})"
        )
        for node in violation.get("nodes", []):
            target = " ".join(str(selector) for selector in node.get("target", []))
            lines.append(f"    target: {target}")
            if node.get("html"):
                lines.append(f"      html: {node['html'][:300]}")
            if node.get("failureSummary"):
                summary = " ".join(node["failureSummary"].split())
                lines.append(f"      why: {summary[:500]}")
    return "\n".join(lines)


def test_chromium_is_installed(chromium_problem):
    """Fail loudly (never skip) when Debian's chromium is missing: CI installs it first."""
    assert chromium_problem is None, chromium_problem


@pytest.mark.parametrize(
    ("path", "expected_status"),
    [
        pytest.param("/", 200, id="home-fr"),
        pytest.param(f"/{STANDARD_SLUG}/", 200, id="standard-page"),
        pytest.param("/en/", 200, id="home-en"),
        pytest.param("/page-inexistante/", 404, id="not-found"),
        pytest.param("/admin/login/", 200, id="admin-login"),
        pytest.param("/maisons/", 200, id="directory"),
        pytest.param("/maisons/?q=Lod%C3%A8ve&radius=50", 200, id="search-results"),
        pytest.param("/maisons/?q=saint+gervais", 200, id="search-namesakes"),
        pytest.param("/maisons/?q=Lod%C3%A8ve&radius=-5&partner=zz", 200, id="search-error"),
        pytest.param("/maisons/?lat=48.39&lon=-4.49&radius=5", 200, id="search-beyond"),
        pytest.param("/maisons/embed/?q=34700", 200, id="search-embed"),
        pytest.param("/maisons/donnees-ouvertes/", 200, id="open-data"),
        pytest.param("/maisons/departement/34/", 200, id="department"),
        pytest.param(f"/maisons/{MAISON_SLUG}/", 200, id="maison"),
        pytest.param(f"/maisons/{BUS_SLUG}/", 200, id="bus"),
        pytest.param("/demarches/", 200, id="guides"),
        pytest.param(f"/demarches/{VEHICLE_GUIDE_SLUG}/", 200, id="guide"),
        pytest.param("/demarches/?theme=famille&audience=particulier", 200, id="guides-filtered"),
        pytest.param("/recherche/?q=retraitte", 200, id="search-suggestion"),
        pytest.param("/recherche/?q=Lod%C3%A8ve", 200, id="search-place"),
        pytest.param("/recherche/?q=saint+gervais", 200, id="search-place-namesakes"),
        pytest.param("/recherche/?q=caf", 200, id="search-results-kinds"),
        pytest.param("/recherche/?q=carte&type=demarches", 200, id="search-theme-facet"),
        pytest.param(
            "/recherche/?q=lodeve&type=france-services", 200, id="search-department-facet"
        ),
        pytest.param("/recherche/?q=xyzzyq", 200, id="search-nothing-found"),
        pytest.param("/partenaires/", 200, id="partners"),
        pytest.param("/demarches/?theme=no-such-theme&q=carte", 400, id="guides-error"),
        pytest.param(
            f"/demarches/{CONCILIATION_GUIDE_SLUG}/?q=Lod%C3%A8ve",
            200,
            id="guide-nearest-maisons",
        ),
        pytest.param(
            f"/demarches/{VEHICLE_GUIDE_SLUG}/?q=saint+gervais", 200, id="guide-namesakes"
        ),
        pytest.param("/en/procedures/", 200, id="guides-en"),
        pytest.param(f"/en/procedures/{VEHICLE_GUIDE_SLUG}/", 200, id="guide-en-untranslated"),
        pytest.param(f"/partenaires/{CAF_SLUG}/", 200, id="partner"),
        pytest.param(f"/en/partners/{CONCILIATOR_SLUG}/", 200, id="partner-en"),
        pytest.param("/espace-agents/connexion/", 200, id="members-login"),
        pytest.param("/en/maisons/", 200, id="directory-en"),
        pytest.param("/en/maisons/?q=Lod%C3%A8ve&radius=50", 200, id="search-results-en"),
        pytest.param(f"/en/maisons/{MAISON_SLUG}/", 200, id="maison-en"),
        pytest.param(f"/en/maisons/{BUS_SLUG}/", 200, id="bus-en"),
        pytest.param("/en/maisons/departement/34/", 200, id="department-en"),
        pytest.param("/en/partners/", 200, id="partners-en"),
        pytest.param(f"/en/partners/{CAF_SLUG}/", 200, id="partner-national-en"),
        pytest.param("/en/recherche/?q=passport", 200, id="search-en"),
        pytest.param("/en/recherche/?q=caf", 200, id="search-results-kinds-en"),
        pytest.param("/en/espace-agents/connexion/", 200, id="members-login-en"),
    ],
)
def test_axe_finds_no_wcag_violation(session, path, expected_status):
    response = session.goto(path)
    assert response.status == expected_status, (
        f"{path}: expected HTTP {expected_status}, got {response.status}"
    )
    session.page.wait_for_load_state("networkidle")

    results = Axe().run(session.page, options=AXE_OPTIONS)

    violations = results.response["violations"]
    assert not violations, format_violations(session.page.url, violations)
    assert not session.csp_violations, session.csp_violations
    assert session.page.get_attribute("html", "lang") == language_of(path)


def language_of(path: str) -> str:
    """The language a page's ``<html lang>`` must declare: that of its address."""
    return "en" if path.startswith("/en/") else "fr"


def test_the_map_and_the_comboboxes_work_under_the_content_security_policy(session):
    # arrange
    response = session.goto("/maisons/?q=Lod%C3%A8ve")
    page = session.page
    # act: the map's markers and a popup, the commune and the site search suggestions
    page.wait_for_selector("#maison-map .maison-map__marker", state="attached")
    page.locator("#maison-map .maison-map__marker").first.click()
    expect(page.locator(".leaflet-popup .maison-map__popup")).to_be_visible()
    commune = page.locator("#maison-search-q")
    commune.fill("")
    with page.expect_response(lambda answer: "/api/v1/communes/" in answer.url):
        commune.press_sequentially("lod", delay=20)
    expect(page.locator(f"#{commune.get_attribute('aria-controls')}")).to_be_visible()
    search = page.locator("#header-search-input")
    with page.expect_response(lambda answer: "/recherche/suggestions/" in answer.url):
        search.press_sequentially("carte g", delay=20)
    expect(page.locator(f"#{search.get_attribute('aria-controls')}")).to_be_visible()
    # assert
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert not session.csp_violations, session.csp_violations


ACTIVE_ELEMENT = """() => {
    const element = document.activeElement;
    return {
        tag: element.tagName,
        id: element.id,
        text: element.textContent.trim().slice(0, 80),
        href: element.getAttribute("href"),
    };
}"""


def test_skip_link_moves_focus_to_main_content(session):
    session.goto("/")
    page = session.page

    page.keyboard.press("Tab")
    focused = page.evaluate(ACTIVE_ELEMENT)
    assert (focused["tag"], focused["text"], focused["href"]) == ("A", "Contenu", "#content"), (
        f"The first Tab should focus the skip link “Contenu” (href #content), not {focused}"
    )

    page.keyboard.press("Enter")
    # On a timeout, the assertion below says where the focus went instead.
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function("() => document.activeElement.id === 'content'", timeout=3_000)
    focused = page.evaluate(ACTIVE_ELEMENT)
    assert (focused["tag"], focused["id"]) == ("MAIN", "content"), (
        f'Enter on the skip link should move the focus to <main id="content">, not {focused}'
    )


def test_a_french_guide_in_the_english_tree_says_so_and_marks_its_text_french(session):
    # act
    response = session.goto(f"/en/procedures/{VEHICLE_GUIDE_SLUG}/")
    # assert: an English page around a French text, with a visible note
    assert response.status == 200
    page = session.page
    assert page.get_attribute("html", "lang") == "en"
    expect(
        page.get_by_text("This guide has not been translated yet: it is shown in French.")
    ).to_be_visible()
    assert page.get_attribute("main h1", "lang") == "fr"
    assert page.get_attribute("ol.guide-steps", "lang") == "fr"
    assert page.get_attribute("link[rel=alternate][hreflang=fr]", "href").endswith(
        f"/demarches/{VEHICLE_GUIDE_SLUG}/"
    )


def test_home_page_works_without_javascript(open_session):
    session = open_session(java_script_enabled=False)
    response = session.goto("/")
    assert response.status == 200
    page = session.page
    # DSFR's script marks <html data-fr-js="true"> when it starts: it must not have run.
    assert page.get_attribute("html", "data-fr-js") is None, "JavaScript ran"

    heading = page.locator("main h1")
    assert heading.count() == 1
    assert heading.is_visible()
    assert heading.inner_text().strip()

    statement_link = page.locator("footer a", has_text="Accessibilité")
    assert statement_link.count() == 1, "The footer must link to the accessibility statement"
    assert statement_link.is_visible()
    assert statement_link.inner_text().strip().startswith("Accessibilité")
    assert statement_link.get_attribute("href") == "/accessibilite/"


def test_collapsed_content_and_mobile_navigation_work_without_javascript(open_session):
    session = open_session(java_script_enabled=False, viewport={"width": 390, "height": 844})
    assert session.goto(f"/{STANDARD_SLUG}/").status == 200
    page = session.page
    # Accordion sections, the breadcrumb, the main menu and the search field are reachable.
    assert page.get_by_text(ACCORDION_TEXT).is_visible()
    assert page.locator(".fr-breadcrumb__list").is_visible()
    assert page.locator("#navigation a", has_text="Démarches").is_visible()
    assert page.locator("#header-search-input").is_visible()
    # Buttons that would need the DSFR's script are not offered.
    assert not page.locator("#button-menu").is_visible()


def test_mobile_layout_has_no_wcag_violation(open_session):
    session = open_session(viewport={"width": 390, "height": 844})
    session.goto(f"/{STANDARD_SLUG}/")
    session.page.wait_for_load_state("networkidle")
    violations = Axe().run(session.page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(session.page.url, violations)
