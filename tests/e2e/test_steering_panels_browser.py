"""The dashboards' freshness, forums, escalations and training panels in a real browser,
for the national cell (second factor) and a department's coordinator: each page shows its
charts' tables, and axe-core finds no violation on any of them."""

import pytest
from playwright.sync_api import expect
from test_escalations_browser import enter_second_factor
from test_members_browser import assert_no_axe_violation
from test_members_pages_browser import log_in

pytestmark = pytest.mark.e2e

NATIONAL = "cellule.pilotage@example.org"
COORDINATOR = "coord.pilotage@example.org"
TOTP_KEY = "3132333435363738393031323334353637383930"
PANELS = ("fraicheur", "forums", "saisines", "formation")
# The other panels' pages, with no figure in this dataset: the cell alone follows surveys.
QUIET_PANELS = ("modifications-en-attente",)
CELL_ONLY_PANELS = ("enquetes",)


def build_dataset() -> None:
    """Maisons of the Hérault (one confirmed lately) and the Puy-de-Dôme never confirmed,
    the regions' forum spaces with a question, an escalation answered; the cell with its
    authenticator, and the Hérault's coordinator."""
    import datetime
    from decimal import Decimal

    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from directory.models import Department
    from network.escalations.models import EscalationStatus
    from network.forums import services
    from network.forums.models import Space, TopicKind
    from network.models import Role
    from tests.factories import MaisonPageFactory, PartnerFactory
    from tests.network.conftest import make_member
    from tests.network.escalations.jobs_support import back_office, escalation

    herault, puy_de_dome = (Department.objects.get(code=code) for code in ("34", "63"))
    gignac = MaisonPageFactory(title="France Services de Gignac", department=herault)
    MaisonPageFactory(
        title="France Services de Lodève",
        department=herault,
        information_confirmed_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    MaisonPageFactory(title="France Services d’Ambert", department=puy_de_dome)
    agent = make_member("agent.pilotage@example.org", Role.AGENT, maison=gignac)
    services.set_up_spaces()
    services.create_topic(
        space=Space.objects.get(region=herault.region),
        author=agent.user,
        title="Une question",
        body="Comment faire ?",
        kind=TopicKind.QUESTION,
    )
    sent = timezone.now() - datetime.timedelta(days=10)
    escalation(
        gignac,
        back_office(PartnerFactory(name="Caisse d’essai"), "34"),
        sent,
        status=EscalationStatus.ANSWERED,
        answered_at=sent + datetime.timedelta(days=2),
        answer_working_hours=Decimal("20"),
    )
    national = make_member(NATIONAL, Role.NATIONAL_CELL)
    TOTPDevice.objects.create(user=national.user, name="test", confirmed=True, key=TOTP_KEY)
    make_member(COORDINATOR, Role.COORDINATOR, department=herault)


def visit_panels(session, quiet=QUIET_PANELS) -> None:
    for slug in PANELS:
        session.goto(f"/espace-agents/pilotage/{slug}/")
        expect(session.page.locator("h1")).to_be_visible()
        expect(session.page.locator("figure table").first).to_be_visible()
        assert_no_axe_violation(session)
    for slug in quiet:
        session.goto(f"/espace-agents/pilotage/{slug}/")
        expect(session.page.locator("h1")).to_be_visible()
        assert_no_axe_violation(session)


def test_the_cell_and_a_coordinator_read_the_panels(live_site, open_session):
    # arrange
    cell = open_session()
    log_in(cell, NATIONAL)
    enter_second_factor(cell)
    cell.page.wait_for_url("**/espace-agents/")
    # act, assert
    visit_panels(cell, QUIET_PANELS + CELL_ONLY_PANELS)
    cell.goto("/espace-agents/pilotage/fraicheur/")
    expect(cell.page.get_by_text("France Services d’Ambert")).to_be_visible()
    # arrange
    coordinator = open_session()
    log_in(coordinator, COORDINATOR)
    coordinator.page.wait_for_url("**/espace-agents/")
    # act, assert
    visit_panels(coordinator)
    coordinator.goto("/espace-agents/pilotage/fraicheur/")
    expect(coordinator.page.get_by_text("France Services de Gignac")).to_be_visible()
    expect(coordinator.page.get_by_text("France Services d’Ambert")).to_have_count(0)
