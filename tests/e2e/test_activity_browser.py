"""Activity reporting in a real browser: an agent reports last month in the grid, then
corrects it with a reason (the history shows); a coordinator reads the activity panel.
axe-core on the months' list, the month's form (new, then with its history), the
import page and the panel. No JavaScript is needed: each step is a form."""

from datetime import date

import pytest
from playwright.sync_api import expect
from test_members_browser import assert_no_axe_violation
from test_members_pages_browser import log_in

pytestmark = pytest.mark.e2e

AGENT = "agent.activite@example.org"
COORDINATOR = "coord.activite@example.org"


def build_dataset() -> None:
    """An agent and a coordinator of the Hérault, two national partners, and 24 months of
    another maison of the Hérault."""
    from directory.models import Department
    from network.activity import months, services
    from network.models import Role
    from tests.factories import MaisonPageFactory, PartnerFactory
    from tests.network.conftest import make_member

    PartnerFactory(name="Caisse d’allocations familiales", slug="caf", national=True)
    PartnerFactory(name="Finances publiques", slug="dgfip", national=True)
    make_member(AGENT, Role.AGENT, maison=MaisonPageFactory(title="France Services de Gignac"))
    make_member(COORDINATOR, Role.COORDINATOR, department=Department.objects.get(code="34"))
    other = MaisonPageFactory(title="France Services de Lodève")
    for age, month in enumerate(months.reportable_months(date.today())):
        services.submit_report(other, month, {(None, "sante"): 20 + age}, None)


def test_an_agent_reports_and_corrects_a_month_and_a_coordinator_reads_it(live_site, open_session):
    from network.activity import months

    month = f"{months.last_complete_month(date.today()):%Y-%m}"
    agent = open_session()
    page = agent.page
    log_in(agent, AGENT)
    page.wait_for_url("**/espace-agents/")
    page.get_by_role("link", name="Déclarer les visites").click()
    page.wait_for_url("**/espace-agents/activite/")
    assert_no_axe_violation(agent)

    page.locator(f"a[href$='/activite/{month}/']").click()
    page.wait_for_url(f"**/activite/{month}/")
    assert_no_axe_violation(agent)
    page.get_by_label("Caisse d’allocations familiales, Famille / prestations sociales").fill("12")
    page.get_by_label("Autres partenaires, Santé").fill("3")
    page.get_by_role("button", name="Déclarer le mois").click()
    expect(page.get_by_text("Les visites du mois sont enregistrées.")).to_be_visible()

    page.get_by_label("Autres partenaires, Santé").fill("5")
    page.get_by_label("Motif de la correction").fill("Une permanence oubliée")
    page.get_by_role("button", name="Corriger le mois").click()
    expect(page.get_by_text("Motif : Une permanence oubliée Visites avant : 15.")).to_be_visible()
    expect(page.locator("tfoot")).to_contain_text("17")
    assert_no_axe_violation(agent)

    agent.goto("/espace-agents/activite/importer/")
    assert_no_axe_violation(agent)

    coordinator = open_session()
    log_in(coordinator, COORDINATOR)
    coordinator.page.wait_for_url("**/espace-agents/")
    coordinator.goto("/espace-agents/pilotage/activite/")
    expect(coordinator.page.locator("h1")).to_have_text("Activité")
    expect(coordinator.page.get_by_text("France Services de Lodève").first).to_be_visible()
    assert_no_axe_violation(coordinator)
