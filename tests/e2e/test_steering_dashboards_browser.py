"""The dashboards in a real browser, for the national cell and the Hérault's coordinator:
axe-core on the overview, the hours and partners panels and the drill-down; the filters
used from the keyboard only (no JavaScript needed: a GET form)."""

import re

import pytest
from playwright.sync_api import expect
from test_members_browser import assert_no_axe_violation
from test_members_pages_browser import log_in

pytestmark = pytest.mark.e2e

COORDINATOR = "coord.pilotage@example.org"
NATIONAL = "cellule.pilotage@example.org"
TOTP_KEY = "3132333435363738393031323334353637383930"  # the national cell's authenticator
PAGES = (
    "/espace-agents/pilotage/",
    "/espace-agents/pilotage/horaires/",
    "/espace-agents/pilotage/partenaires/",
    "/espace-agents/pilotage/maisons/?indicateur=non-conformes",
)


def build_dataset() -> None:
    """The Hérault's coordinator and the national cell; three maisons of the Hérault (one
    meeting the hours' minimum, one below, one publishing none) and one of the Puy-de-Dôme;
    a national partner offered by the first."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from directory.models import Department
    from network.models import Role
    from tests.factories import MaisonPageFactory, PartnerFactory, PartnerPresenceFactory
    from tests.network.conftest import make_member

    make_member(COORDINATOR, Role.COORDINATOR, department=Department.objects.get(code="34"))
    national = make_member(NATIONAL, Role.NATIONAL_CELL)
    TOTPDevice.objects.create(user=national.user, name="test", confirmed=True, key=TOTP_KEY)
    open_week = [(day, "09:00", "17:00") for day in range(5)]
    lodeve = MaisonPageFactory(title="France Services de Lodève", hours=open_week)
    MaisonPageFactory(title="France Services de Pézenas", hours=[(0, "09:00", "12:00")])
    MaisonPageFactory(title="France Services de Gignac")
    MaisonPageFactory(
        title="France Services de Thiers",
        department=Department.objects.get(code="63"),
        hours=open_week,
    )
    PartnerPresenceFactory(
        maison=lodeve, partner=PartnerFactory(name="Caisse nationale d’essai", national=True)
    )


def enter_second_factor(session) -> None:
    from django_otp.oath import TOTP

    page = session.page
    page.wait_for_url("**/espace-agents/verification/**")
    page.fill("input[name=token]", f"{TOTP(bytes.fromhex(TOTP_KEY)).token():06d}")
    page.press("input[name=token]", "Enter")


def test_the_coordinators_dashboards_are_accessible_and_filtered_by_keyboard(live_site, session):
    page = session.page
    log_in(session, COORDINATOR)
    page.wait_for_url("**/espace-agents/")
    for path in PAGES:
        session.goto(path)
        expect(page.locator("h1")).to_be_visible()
        assert_no_axe_violation(session)
    expect(page.get_by_role("row").filter(has_text="Pézenas")).to_be_visible()
    expect(page.get_by_text("Thiers")).to_have_count(0)

    session.goto("/espace-agents/pilotage/horaires/")
    page.get_by_label("Département", exact=True).focus()
    page.keyboard.press("ArrowDown")
    page.get_by_label("Format").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r".*department=34.*format_fs=fixe.*"))
    expect(page.get_by_role("row").filter(has_text="Lodève")).to_be_visible()
    assert_no_axe_violation(session)


def test_the_national_cells_dashboards_are_accessible(live_site, session):
    page = session.page
    log_in(session, NATIONAL)
    enter_second_factor(session)
    page.wait_for_url("**/espace-agents/")
    for path in PAGES:
        session.goto(path)
        expect(page.locator("h1")).to_be_visible()
        assert_no_axe_violation(session)
    session.goto("/espace-agents/pilotage/horaires/?department=63")
    expect(page.get_by_role("row").filter(has_text="Thiers")).to_be_visible()
    session.goto("/espace-agents/pilotage/?department=999")
    expect(page.locator(".fr-error-text")).to_be_visible()
    assert_no_axe_violation(session)
