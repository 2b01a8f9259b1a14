"""A maison's change in a real browser: the agent proposes a new phone number from their
maison's page, the coordinator reads the before/after from the queue and approves it;
axe-core on the agent's page, the proposal's form, the queue and the change's page. No
JavaScript is needed: every step is a form."""

import pytest
from playwright.sync_api import expect
from test_members_browser import assert_no_axe_violation
from test_members_pages_browser import log_in

pytestmark = pytest.mark.e2e

AGENT = "agent.maison@example.org"
COORDINATOR = "coordination.maison@example.org"


def build_dataset() -> None:
    from directory.models import Department
    from network.models import Role
    from tests.factories import MaisonPageFactory
    from tests.network.conftest import make_member

    maison = MaisonPageFactory(
        title="France Services d’essai de Lodève",
        postcode="34700",
        hours=[(0, "09:00", "12:00"), (2, "14:00", "17:00")],
    )
    make_member(AGENT, Role.AGENT, maison=maison)
    make_member(COORDINATOR, Role.COORDINATOR, department=Department.objects.get(code="34"))


def test_the_agent_proposes_and_the_coordinator_approves(live_site, open_session):
    agent = open_session()
    page = agent.page
    log_in(agent, AGENT)
    page.wait_for_url("**/espace-agents/")
    page.get_by_role("link", name="Ma maison", exact=True).click()
    page.wait_for_url("**/espace-agents/ma-maison/")
    assert_no_axe_violation(agent)
    page.get_by_role("link", name="Proposer une modification").click()
    page.wait_for_url("**/ma-maison/proposer/")
    assert_no_axe_violation(agent)
    page.locator("input[name='contact-phone']").fill("04 67 44 44 44")
    page.get_by_role("button", name="Envoyer ma modification à la coordination").click()
    page.wait_for_url("**/espace-agents/ma-maison/")
    expect(page.locator("h2#change-heading")).to_contain_text("en attente")
    assert_no_axe_violation(agent)

    coordinator = open_session()
    page = coordinator.page
    log_in(coordinator, COORDINATOR)
    page.wait_for_url("**/espace-agents/")
    coordinator.goto("/espace-agents/pilotage/modifications/")
    assert_no_axe_violation(coordinator)
    page.locator("tbody th a").first.click()
    page.wait_for_url("**/pilotage/modifications/*/")
    expect(page.locator("body")).to_contain_text("04 67 44 44 44")
    assert_no_axe_violation(coordinator)
    page.locator("label", has_text="Approuver et publier").click()
    page.get_by_role("button", name="Enregistrer ma décision").click()
    page.wait_for_url("**/pilotage/modifications/")
    expect(page.locator(".fr-alert--success")).to_contain_text("La modification est publiée.")
