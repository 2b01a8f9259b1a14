"""The forums' moderation in a real browser: an agent reports a colleague's message with a
reason, the region's coordinator finds it in the space's moderation queue and keeps it;
axe-core on the report form, the topic with its moderation log, and the queue (with a
muted member). No JavaScript is needed: every action is a link or a form."""

import pytest
from playwright.sync_api import expect
from test_members_browser import assert_no_axe_violation
from test_members_pages_browser import log_in

pytestmark = pytest.mark.e2e

AUTHOR = "auteur@example.org"
REPORTER = "signale@example.org"
COORDINATOR = "coord@example.org"
TITLE = "Délais de traitement des dossiers de retraite"


def build_dataset() -> None:
    """Two agents and the coordinator of the Hérault; a topic of the first in Occitanie's
    space, pinned by the coordinator, who muted another agent there."""
    from directory.models import Department
    from network.forums import services
    from network.forums.models import Space
    from network.forums.moderation import services as moderation
    from network.models import Role
    from tests.factories import MaisonPageFactory
    from tests.network.conftest import make_member

    herault = Department.objects.get(code="34")
    author = make_member(AUTHOR, Role.AGENT, maison=MaisonPageFactory(postcode="34150"))
    make_member(REPORTER, Role.AGENT, maison=MaisonPageFactory(postcode="34150"))
    muted = make_member(
        "bruyant@example.org", Role.AGENT, maison=MaisonPageFactory(postcode="34150")
    )
    coordinator = make_member(COORDINATOR, Role.COORDINATOR, department=herault)
    services.set_up_spaces()
    space = Space.objects.get(region=herault.region)
    topic = services.create_topic(
        space=space, author=author.user, title=TITLE, body="Combien de temps chez vous ?"
    )
    services.set_pinned(topic=topic, by=coordinator.user, pinned=True)
    moderation.mute(
        space=space, member=muted.user, by=coordinator.user, days=7, reason="Messages répétés."
    )


def test_report_a_message_then_review_it_in_the_queue(live_site, open_session):
    # arrange: the reporter opens the topic
    reporter = open_session()
    page = reporter.page
    log_in(reporter, REPORTER)
    page.wait_for_url("**/espace-agents/")
    reporter.goto("/espace-agents/forums/")
    page.get_by_role("link", name="Occitanie").click()
    page.get_by_role("link", name=TITLE).click()
    topic_path = page.url.removeprefix(reporter.base_url)
    # act: report the message with a reason
    page.locator("a[href$='/signaler/']").click()
    page.wait_for_url("**/signaler/")
    assert_no_axe_violation(reporter)
    page.locator("input[name='reason'][value='other'] + label").click()
    page.locator("textarea[name='note']").fill("Un nom de famille d’usager.")
    page.locator("form[action$='/signaler/'] button[type='submit']").click()
    page.wait_for_url(f"**{topic_path}*")
    assert_no_axe_violation(reporter)
    expect(page.locator("a[href$='/signaler/']")).to_have_count(0)
    # act: the coordinator opens the queue from the topic and keeps the message
    coordinator = open_session()
    log_in(coordinator, COORDINATOR)
    coordinator.page.wait_for_url("**/espace-agents/")
    coordinator.goto(topic_path)
    assert_no_axe_violation(coordinator)
    coordinator.page.locator("a[href*='/moderation/sourdine/']").first.click()
    coordinator.page.wait_for_url("**/moderation/sourdine/*/")
    expect(coordinator.page.locator("select, input[type='radio']").first).to_be_visible()
    assert_no_axe_violation(coordinator)  # the mute form
    coordinator.goto(topic_path)
    coordinator.page.locator("p a[href$='/moderation/']").click()
    coordinator.page.wait_for_url("**/moderation/")
    assert_no_axe_violation(coordinator)
    queue = coordinator.page
    expect(queue.locator("article")).to_have_count(1)
    expect(queue.locator("article")).to_contain_text("Un nom de famille d’usager.")
    expect(queue.locator("table").first).to_contain_text("Messages répétés.")
    queue.locator("article button[value='keep']").click()
    queue.wait_for_url("**/moderation/")
    # assert
    expect(queue.locator("article")).to_have_count(0)
    assert_no_axe_violation(coordinator)
    assert reporter.csp_violations == coordinator.csp_violations == []
