"""Procedure guides in a real browser: give a place, follow a nearby maison; answer
"Was this page useful?" with the keyboard; copy the guide's public link."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import expect
from test_accessibility import AXE_OPTIONS, format_violations

pytestmark = pytest.mark.e2e

GUIDE_PATH = "/demarches/conciliateur-justice/"


def test_a_visitor_gives_a_place_and_follows_a_nearby_maison(session):
    response = session.goto(GUIDE_PATH)
    assert response.status == 200
    page = session.page
    page.get_by_label("Votre commune ou votre code postal").fill("Lodève")
    page.get_by_role("button", name="Trouver les plus proches").click()
    page.wait_for_url("**/demarches/conciliateur-justice/?q=*")
    results = page.locator("#aide ol.guide-help-results > li")
    expect(results).to_have_count(1)
    expect(results.first.locator(".fr-badge")).not_to_be_empty()
    link = results.first.get_by_role("link")
    name = link.inner_text().strip()
    link.click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text(name)
    assert "/maisons/" in page.url


def test_feedback_is_sent_with_the_keyboard_alone(session):
    session.goto(GUIDE_PATH)
    page = session.page
    page.locator("#avis input[value=yes]").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("Très claire.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**?avis=merci#avis")
    expect(page.locator("#avis .fr-alert--success")).to_be_visible()


def test_a_refused_answer_says_why_and_has_no_wcag_violation(session):
    session.goto(GUIDE_PATH)
    page = session.page
    page.locator("#avis textarea").fill("Sans choisir oui ou non.")
    page.get_by_role("button", name="Envoyer").click()
    page.wait_for_load_state()
    expect(page.locator("#avis-useful-error")).to_have_text("Choisissez oui ou non.")
    expect(page.locator("#avis textarea")).to_have_value("Sans choisir oui ou non.")
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(page.url, violations)


def test_the_copy_button_copies_the_address_and_says_so(open_session):
    session = open_session(permissions=["clipboard-read", "clipboard-write"])
    session.goto(GUIDE_PATH)
    page = session.page
    button = page.get_by_role("button", name="Copier le lien")
    expect(button).to_be_visible()
    button.click()
    expect(page.locator("#guide-link-status")).to_have_text("Le lien a été copié.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{settings.PUBLIC_BASE_URL}{GUIDE_PATH}"  # the public address
