"""Following and notifications in a real browser: an agent opens a topic and watches the
national space's first posts; another agent answers, mentioning her through the
suggestions offered under the message; she sees the unread count in the members' menu,
opens her notifications and goes to the answer, which marks it read; one e-mail. axe-core
on the space with its level form, the topic and the notifications page."""

import pytest
from playwright.sync_api import expect
from test_members_browser import assert_no_axe_violation
from test_members_pages_browser import log_in

pytestmark = pytest.mark.e2e

ASKER = "helene.dupre@example.org"
HELPER = "marc.lefevre@example.org"
TITLE = "Qui connaît la procédure de la CAF ?"


def build_dataset() -> None:
    """An agent of the Hérault (Hélène Dupré) and one of the Puy-de-Dôme (Marc Lefèvre);
    the forums' spaces."""
    from directory.models import Department
    from network.forums.services import set_up_spaces
    from network.models import Role
    from tests.factories import MaisonPageFactory
    from tests.network.conftest import make_member

    for email, first_name, last_name, maison in [
        (ASKER, "Hélène", "Dupré", MaisonPageFactory(postcode="34150")),
        (
            HELPER,
            "Marc",
            "Lefèvre",
            MaisonPageFactory(
                postcode="63600",
                commune_name="Ambert",
                insee_commune="63003",
                department=Department.objects.get(code="63"),
                latitude=45.5497,
                longitude=3.7417,
            ),
        ),
    ]:
        user = make_member(email, Role.AGENT, maison=maison).user
        user.first_name, user.last_name = first_name, last_name
        user.save()
    set_up_spaces()


def test_a_mention_becomes_a_notification_and_an_email(live_site, open_session, mailoutbox):
    # arrange: the asker follows the national space and opens a topic there
    asker = open_session()
    page = asker.page
    log_in(asker, ASKER)
    page.wait_for_url("**/espace-agents/")
    asker.goto("/espace-agents/forums/national/")
    page.locator("select[name='level']").select_option("watching_first_post")
    page.locator("form[action*='/suivi/'] button[type='submit']").click()
    page.wait_for_url("**/espace-agents/forums/national/")
    expect(page.locator("select[name='level']")).to_have_value("watching_first_post")
    assert_no_axe_violation(asker)
    page.locator("a[href$='/nouveau-sujet/']").click()
    page.locator("input[name='title']").fill(TITLE)
    page.locator("textarea[name='body']").fill("Un usager attend depuis trois mois.")
    page.locator("form[enctype] button[type='submit']").click()
    page.wait_for_url("**/espace-agents/forums/national/*/")
    topic_path = page.url.removeprefix(asker.base_url)
    # act: the helper mentions her, through the suggestions
    helper = open_session()
    log_in(helper, HELPER)
    helper.page.wait_for_url("**/espace-agents/")
    helper.goto(topic_path)
    assert_no_axe_violation(helper)
    message = helper.page.locator("#reponse + form textarea[name='body']")
    message.press_sequentially("Bonjour @hél")
    helper.page.get_by_role("button", name="@Hélène Dupré").click()
    expect(message).to_have_value("Bonjour @Hélène Dupré ")
    message.press_sequentially("appelez la cellule partenaires.")
    helper.page.locator("#reponse + form button[type='submit']").click()
    expect(helper.page.locator("article")).to_have_count(2)
    # assert: the unread count, the notifications page, the post, the e-mail
    asker.goto("/espace-agents/")
    # (by address and count: the labels' French comes with the catalogs)
    notifications = page.locator("nav a[href$='/forums/notifications/']")
    expect(notifications.locator(".fr-badge")).to_contain_text("1")
    notifications.click()
    page.wait_for_url("**/espace-agents/forums/notifications/")
    assert_no_axe_violation(asker)
    entry = page.locator("main ul.fr-raw-list a[href*='/forums/notifications/']")
    expect(entry).to_contain_text("Marc Lefèvre")
    expect(entry).to_contain_text(TITLE)
    entry.click()
    page.wait_for_url(f"**{topic_path}?page=1#message-*")
    expect(page.locator("strong.portal-mention")).to_have_text("@Hélène Dupré")
    expect(notifications.locator(".fr-badge")).to_have_count(0)
    assert [mail.to for mail in mailoutbox] == [[ASKER]]
    assert asker.csp_violations == helper.csp_violations == []
