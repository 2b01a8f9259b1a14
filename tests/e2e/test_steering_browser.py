"""The coordinators' steering pages in a real browser: axe-core on the matrix (filtered,
and after reminding the late agents) and on the maisons below two trained agents.

The fixtures that write to the database come before ``session`` in each test's arguments:
the ORM cannot run once Playwright's event loop does."""

import pytest
from playwright.sync_api import expect
from test_members_browser import assert_no_axe_violation
from test_members_pages_browser import log_in

pytestmark = pytest.mark.e2e

COORDINATOR = "coord@example.org"


def build_dataset() -> None:
    """The Hérault's coordinator; two maisons of the Hérault, one with a trained agent and
    one with an agent who started the plan; a 2025 plan, so its modules are overdue."""
    from django.utils import timezone

    from directory.models import Department
    from network.models import Role
    from tests.factories import MaisonPageFactory, PartnerFactory
    from tests.network.conftest import make_member
    from tests.training.factories import module_with, plan_with
    from training.models import Completion, ModuleProgress, PlanEntry, ProgressStatus, Track

    def complete(user, module):
        Completion.objects.create(
            user=user,
            module=module,
            module_code=module.code,
            module_title=module.title,
            module_version=module.version,
            completed_at=timezone.now(),
            source="quiz",
        )

    make_member(COORDINATOR, Role.COORDINATOR, department=Department.objects.get(code="34"))
    core = module_with(code="SOCLE-1", title="Accueil", lessons=0)
    caf = module_with(
        code="CAF-1",
        title="Prestations CAF",
        lessons=0,
        owner=PartnerFactory(name="Caisse nationale d’essai", national=True),
    )
    plan = plan_with(core, year=2025)
    PlanEntry.objects.create(
        plan=plan, module=caf, track=Track.PARTNERS, mandatory_for=["agent"], sort_order=1
    )
    gignac = MaisonPageFactory(title="France Services de Gignac", postcode="34150")
    lodeve = MaisonPageFactory(title="France Services de Lodève", postcode="34700")
    trained = make_member("forme@example.org", Role.AGENT, maison=gignac)
    complete(trained.user, core)
    complete(trained.user, caf)
    late = make_member("retard@example.org", Role.AGENT, maison=lodeve)
    complete(late.user, core)
    ModuleProgress.objects.create(
        user=late.user, module=caf, status=ProgressStatus.IN_PROGRESS, updated_at=timezone.now()
    )


def test_the_matrix_is_filtered_and_the_late_agents_reminded(live_site, session):
    # arrange
    page = session.page
    log_in(session, COORDINATOR)
    page.wait_for_url("**/espace-agents/")
    # act
    session.goto("/espace-agents/formation/suivi/")
    page.locator("a[href='/espace-agents/formation/suivi/matrice/']").click()
    # assert
    expect(page.get_by_role("row").filter(has_text="Retard Testeur")).to_be_visible()
    assert_no_axe_violation(session)
    page.get_by_label("France Services").fill("Lodève")
    page.locator("form.portal-box button[type=submit]").click()
    expect(page.get_by_role("row").filter(has_text="Forme Testeur")).to_have_count(0)
    assert_no_axe_violation(session)
    page.locator("form[action$='/relancer/'] button").click()
    expect(page.locator(".fr-alert")).to_be_visible()
    assert_no_axe_violation(session)


def test_the_maisons_below_two_trained_agents(live_site, session):
    # arrange
    page = session.page
    log_in(session, COORDINATOR)
    page.wait_for_url("**/espace-agents/")
    # act
    session.goto("/espace-agents/formation/suivi/maisons/")
    # assert
    expect(page.get_by_role("row").filter(has_text="France Services de Lodève")).to_be_visible()
    assert_no_axe_violation(session)
