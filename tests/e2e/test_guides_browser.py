"""Procedure guides in a real browser: give a place, follow a nearby maison; answer
"Was this page useful?" with the keyboard; copy the guide's public link."""

from datetime import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import expect
from test_accessibility import AXE_OPTIONS, format_violations

pytestmark = pytest.mark.e2e

GUIDE_SLUG = "conciliation-dessai"
GUIDE_PATH = f"/demarches/{GUIDE_SLUG}/"
# From the INSEE Code officiel géographique 2024 and La Poste's postcodes:
# insee;name;official name;department;postcodes;latitude;longitude;population.
COMMUNES = """\
34142;Lodève;Lodève;34;34700;43.73015;3.29526;7289
34079;Clermont-l'Hérault;Clermont-l'Hérault;34;34800;43.63231;3.40174;9269
"""


def build_dataset() -> None:
    """A guide whose only partner, a local conciliator, holds permanences in one of the two
    maisons near Lodève (13.8 km apart): the help for a visitor of Lodève lists that one."""
    from tests.factories import (
        GuidePageFactory,
        PartnerFactory,
        PartnerPresenceFactory,
        communes_from_table,
        maison_in,
    )

    communes = communes_from_table(COMMUNES, "34142", "34079")
    conciliator = PartnerFactory(name="Conciliateur de justice", slug="conciliateur-de-justice")
    GuidePageFactory(
        title="Régler un litige avec un conciliateur d’essai",
        slug=GUIDE_SLUG,
        partners=[conciliator],
    )
    weekdays = [(day, "09:00", "12:00") for day in range(5)]
    lodevois = maison_in(communes["34142"], "France Services du Lodévois d’essai", hours=weekdays)
    maison_in(communes["34079"], "France Services du Clermontais d’essai", hours=weekdays)
    PartnerPresenceFactory(
        maison=lodevois, partner=conciliator, weekday=1, starts=time(14), ends=time(17)
    )


def test_a_visitor_gives_a_place_and_follows_a_nearby_maison(session):
    response = session.goto(GUIDE_PATH)
    assert response.status == 200
    page = session.page
    page.get_by_label("Votre commune ou votre code postal").fill("Lodève")
    page.get_by_role("button", name="Trouver les plus proches").click()
    page.wait_for_url(f"**{GUIDE_PATH}?q=*")
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
