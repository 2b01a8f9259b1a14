"""National surveys in a real browser: an agent answers their maison's survey and finds it
answered, pre-filled; the national cell reads the follow-up and the results. axe-core on
each page. No JavaScript is needed: the answer is a form."""

import pytest
from playwright.sync_api import expect
from test_escalations_browser import enter_second_factor
from test_members_browser import assert_no_axe_violation
from test_members_pages_browser import log_in

pytestmark = pytest.mark.e2e

AGENT = "agent.enquete@example.org"
CELL = "cellule.enquete@example.org"
TOTP_KEY = "3132333435363738393031323334353637383930"  # the cell's authenticator
TITLE = "Enquête annuelle d’essai"


def build_dataset() -> None:
    """An agent of a maison of the Hérault, another maison waiting, the national cell with
    its authenticator, and an open survey of the Hérault's maisons (open for ten years:
    the browser's server runs on the real clock)."""
    from datetime import timedelta

    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from network.models import Role
    from tests.factories import MaisonPageFactory
    from tests.network.conftest import make_member
    from tests.network.surveys.conftest import make_survey

    make_member(AGENT, Role.AGENT, maison=MaisonPageFactory(title="France Services d’Aniane"))
    MaisonPageFactory(title="France Services de Lodève")
    cell = make_member(CELL, Role.NATIONAL_CELL)
    TOTPDevice.objects.create(user=cell.user, name="test", confirmed=True, key=TOTP_KEY)
    now = timezone.now()
    make_survey(
        title=TITLE, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=3650)
    )


def test_an_agent_answers_and_the_cell_follows_and_reads_the_results(live_site, open_session):
    # an agent answers
    agent = open_session()
    page = agent.page
    log_in(agent, AGENT)
    page.wait_for_url("**/espace-agents/")
    agent.goto("/espace-agents/enquetes/")
    assert_no_axe_violation(agent)
    page.get_by_role("link", name=TITLE).click()
    assert_no_axe_violation(agent)
    page.get_by_label("Nombre de visites par semaine").fill("42")
    # The DSFR draws radio buttons and checkboxes over their labels: click those.
    page.locator("label[for='id_ouverture_le_samedi_0']").click()
    page.locator("label", has_text="Locaux").click()
    page.get_by_role("button", name="Envoyer la réponse").click()
    expect(page.locator(".fr-alert--info")).to_contain_text("Votre maison a répondu")
    expect(page.get_by_label("Nombre de visites par semaine")).to_have_value("42")
    assert_no_axe_violation(agent)
    agent.goto("/espace-agents/enquetes/")
    expect(page.locator("tbody tr").filter(has_text=TITLE)).to_contain_text("répondu")
    # the national cell follows it and reads the results
    cell = open_session()
    page = cell.page
    log_in(cell, CELL)
    enter_second_factor(cell)
    page.wait_for_url("**/espace-agents/")
    cell.goto("/espace-agents/pilotage/enquetes/")
    assert_no_axe_violation(cell)
    page.get_by_role("row").filter(has_text=TITLE).get_by_role("link", name="Suivi").click()
    expect(page.locator("h1")).to_contain_text(TITLE)
    expect(page.locator("main")).to_contain_text("France Services de Lodève")
    assert_no_axe_violation(cell)
    page.get_by_role("link", name="Résultats").click()
    expect(page.locator("main")).to_contain_text("1 réponse à cette question.")
    assert_no_axe_violation(cell)
