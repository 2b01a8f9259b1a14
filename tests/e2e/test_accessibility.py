"""Accessibility in a real browser: axe-core (WCAG 2.1 A/AA), skip link, language, no-JS."""

import contextlib

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
        pytest.param("/le-reseau/", 200, id="standard-page"),
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
        pytest.param("/maisons/france-services-du-lodevois/", 200, id="maison"),
        pytest.param("/maisons/bus-france-services-des-hauts-cantons/", 200, id="bus"),
        pytest.param("/demarches/", 200, id="guides"),
        pytest.param("/demarches/carte-grise/", 200, id="guide"),
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
            "/demarches/conciliateur-justice/?q=Lod%C3%A8ve", 200, id="guide-nearest-maisons"
        ),
        pytest.param("/demarches/carte-grise/?q=saint+gervais", 200, id="guide-namesakes"),
        pytest.param("/en/procedures/", 200, id="guides-en"),
        pytest.param("/en/procedures/carte-grise/", 200, id="guide-en-untranslated"),
        pytest.param("/partenaires/caf/", 200, id="partner"),
        pytest.param("/en/partners/conciliateur/", 200, id="partner-en"),
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


@pytest.mark.parametrize(
    ("path", "language"),
    [pytest.param("/", "fr", id="fr"), pytest.param("/en/", "en", id="en")],
)
def test_html_lang(session, path, language):
    response = session.goto(path)
    assert response.status == 200
    assert session.page.get_attribute("html", "lang") == language


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
    assert session.goto("/le-reseau/").status == 200
    page = session.page
    # Accordion sections, the breadcrumb, the main menu and the search field are reachable.
    assert page.get_by_text("Au moins deux agents formés").is_visible()
    assert page.locator(".fr-breadcrumb__list").is_visible()
    assert page.locator("#navigation a", has_text="Actualités").is_visible()
    assert page.locator("#header-search-input").is_visible()
    # Buttons that would need the DSFR's script are not offered.
    assert not page.locator("#button-menu").is_visible()


def test_mobile_layout_has_no_wcag_violation(open_session):
    session = open_session(viewport={"width": 390, "height": 844})
    session.goto("/le-reseau/")
    session.page.wait_for_load_state("networkidle")
    violations = Axe().run(session.page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(session.page.url, violations)
