"""The forums in a real browser: an agent asks a question in the national space, another
agent of the network answers, the asker is notified, goes to the answer from her
notifications and marks it as the solution; axe-core on the spaces list, two spaces (the
region's, with its meetings panel, and the national one), the new-topic form, the
notifications page and the topic. No JavaScript is needed: every action is a link or a
form."""

import pytest
from playwright.sync_api import expect
from test_members_browser import assert_no_axe_violation
from test_members_pages_browser import log_in

pytestmark = pytest.mark.e2e

ASKER = "agent.a@example.org"
HELPER = "agent.b@example.org"
TITLE = "Quel justificatif de domicile pour un hébergé ?"


def build_dataset() -> None:
    """An agent of the Hérault and one of the Puy-de-Dôme; the forums' spaces; a meeting
    of the Occitanie region next week, shown on its space."""
    from datetime import timedelta

    from django.utils import timezone

    from directory.models import Department
    from network.forums.services import set_up_spaces
    from network.models import Role
    from tests.factories import MaisonPageFactory
    from tests.network.conftest import make_member
    from tests.training.events.factories import make_event
    from training.events.models import EventKind

    make_member(ASKER, Role.AGENT, maison=MaisonPageFactory(postcode="34150"))
    make_member(
        HELPER,
        Role.AGENT,
        maison=MaisonPageFactory(
            postcode="63600",
            commune_name="Ambert",
            insee_commune="63003",
            department=Department.objects.get(code="63"),
            latitude=45.5497,
            longitude=3.7417,
        ),
    )
    set_up_spaces()
    make_event(
        kind=EventKind.MEETING,
        title="Faire réseau en Occitanie",
        starts_at=timezone.now() + timedelta(days=7),
    )


def test_ask_get_an_answer_be_notified_and_mark_it_solved(live_site, open_session):
    # arrange: the asker opens a question in the national space
    asker = open_session()
    page = asker.page
    log_in(asker, ASKER)
    page.wait_for_url("**/espace-agents/")
    asker.goto("/espace-agents/forums/")
    assert_no_axe_violation(asker)
    page.get_by_role("link", name="Occitanie").first.click()
    expect(page.locator("#forum-meetings-title + ul")).to_contain_text("Faire réseau en Occitanie")
    assert_no_axe_violation(asker)
    asker.goto("/espace-agents/forums/")
    page.get_by_role("link", name="Espace national").click()
    page.wait_for_url("**/espace-agents/forums/national/")
    assert_no_axe_violation(asker)
    page.locator("a[href$='/nouveau-sujet/']").click()
    assert_no_axe_violation(asker)
    page.locator("input[name='title']").fill(TITLE)
    page.locator("select[name='kind']").select_option("question")
    page.locator("textarea[name='body']").fill("Une usagère est **hébergée** chez sa sœur.")
    page.locator("form[enctype] button[type='submit']").click()
    page.wait_for_url("**/espace-agents/forums/national/*/")
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator("article strong")).to_have_text("hébergée")
    topic_path = page.url.removeprefix(asker.base_url)
    # act: another agent answers, the asker marks the answer as the solution
    helper = open_session()
    log_in(helper, HELPER)
    helper.page.wait_for_url("**/espace-agents/")
    helper.goto(topic_path)
    assert_no_axe_violation(helper)
    helper.page.locator("textarea[name='body']").fill("Une attestation d’hébergement suffit.")
    helper.page.locator("#reponse + form button[type='submit']").click()
    expect(helper.page.locator("article")).to_have_count(2)
    # the asker is told of the answer in the members' menu and goes to it from there
    asker.goto("/espace-agents/")
    notifications = page.locator("nav a[href$='/forums/notifications/']")
    expect(notifications.locator(".fr-badge")).to_contain_text("1")
    notifications.click()
    page.wait_for_url("**/espace-agents/forums/notifications/")
    assert_no_axe_violation(asker)
    page.locator("main ul.fr-raw-list a[href*='/forums/notifications/']").click()
    page.wait_for_url(f"**{topic_path}*")
    expect(notifications.locator(".fr-badge")).to_have_count(0)
    page.locator("form[action$='/solution/'] button").click()
    page.wait_for_load_state()
    # assert
    expect(page.locator("a.fr-badge--success")).to_be_visible()
    assert_no_axe_violation(asker)
    assert asker.csp_violations == helper.csp_violations == []
