"""The agenda in a real browser: agent A takes the only seat of a session, agent B lands
first on the waiting list, A cancels, B has the seat after a reload; axe-core on the
agenda, the event's page and the attendance page (by the Hérault's coordinator, who covers
the session's maison).

The statuses are read from the badge's ``data-status``/``data-position`` (the wording,
"1re sur la liste d'attente", comes with the French catalogue)."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect
from test_members_browser import assert_no_axe_violation
from test_members_pages_browser import log_in

pytestmark = pytest.mark.e2e

AGENT_A = "agent.a@example.org"
AGENT_B = "agent.b@example.org"
COORDINATOR = "coord@example.org"
TITLE = "Session d’essai au navigateur"
PAST_TITLE = "Session passée au navigateur"


def build_dataset() -> None:
    """Two agents and the coordinator of the Hérault; a one-seat session at a maison of the
    Hérault in ten days, and one two days ago that agent A attended."""
    from django.utils import timezone

    from directory.models import Department
    from network.models import Role
    from portal.models import User
    from tests.factories import MaisonPageFactory
    from tests.network.conftest import make_member
    from tests.training.events.factories import make_event
    from training.events.models import Registration, RegistrationStatus

    maison = MaisonPageFactory(postcode="34150")
    make_member(AGENT_A, Role.AGENT, maison=maison)
    make_member(AGENT_B, Role.AGENT, maison=maison)
    make_member(COORDINATOR, Role.COORDINATOR, department=Department.objects.get(code="34"))
    make_event(
        title=TITLE,
        capacity=1,
        maison=maison,
        address="",
        starts_at=timezone.now() + timedelta(days=10),
    )
    past = make_event(
        title=PAST_TITLE, maison=maison, address="", starts_at=timezone.now() - timedelta(days=2)
    )
    Registration.objects.create(
        event=past,
        user=User.objects.get(email=AGENT_A),
        status=RegistrationStatus.REGISTERED,
        created_at=past.starts_at - timedelta(days=5),
        attended=True,
    )


def open_event(session, email: str, *, check_axe: bool = False):
    page = session.page
    log_in(session, email)
    page.wait_for_url("**/espace-agents/")
    session.goto("/espace-agents/agenda/")
    if check_axe:
        assert_no_axe_violation(session)
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url("**/espace-agents/agenda/*/")
    return page


def test_register_wait_and_be_promoted_after_a_cancellation(live_site, open_session):
    # arrange
    first, second = open_session(), open_session()
    page_a = open_event(first, AGENT_A, check_axe=True)
    assert_no_axe_violation(first)
    page_a.locator("form[action$='/inscription/'] button").click()
    expect(page_a.locator("#my-status")).to_have_attribute("data-status", "registered")
    page_b = open_event(second, AGENT_B)
    page_b.locator("form[action$='/inscription/'] button").click()
    expect(page_b.locator("#my-status")).to_have_attribute("data-position", "1")
    assert_no_axe_violation(second)
    # act
    page_a.locator("form[action$='/annulation/'] button").click()
    page_a.wait_for_load_state()
    page_b.reload()
    # assert
    expect(page_a.locator("form[action$='/inscription/'] button")).to_be_visible()
    expect(page_b.locator("#my-status")).to_have_attribute("data-status", "registered")
    assert first.csp_violations == second.csp_violations == []


def test_the_coordinator_takes_attendance_on_an_accessible_page(live_site, session):
    # arrange
    page = open_event(session, COORDINATOR)
    assert_no_axe_violation(session)
    # act
    page.locator("a[href$='/presences/']").click()
    page.wait_for_url("**/presences/")
    # assert
    assert_no_axe_violation(session)
    expect(page.locator("#attendance-form button[type=submit]")).to_be_visible()


@pytest.fixture
def past_event(live_site) -> int:
    """The past session's id, read before the browser starts."""
    from training.events.models import Event

    return Event.objects.get(title=PAST_TITLE).pk


def test_the_agent_gives_their_opinion_with_the_keyboard(past_event, session):
    # arrange
    page = session.page
    log_in(session, AGENT_A)
    page.wait_for_url("**/espace-agents/")
    session.goto(f"/espace-agents/agenda/{past_event}/")
    page.get_by_role("link", name="Donner mon avis").click()
    page.wait_for_url("**/avis/")
    assert_no_axe_violation(session)
    # act
    page.get_by_label("4", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_label("Commentaire (facultatif)").fill("Très utile.")
    page.get_by_role("button", name="Envoyer mon avis").press("Enter")
    page.wait_for_url(f"**/espace-agents/agenda/{past_event}/")
    # assert
    expect(page.locator(".fr-alert--success")).to_contain_text("avis est enregistré")
    session.goto(f"/espace-agents/agenda/{past_event}/avis/")
    expect(page.get_by_label("4", exact=True)).to_be_checked()
    expect(page.get_by_label("Commentaire (facultatif)")).to_have_value("Très utile.")
