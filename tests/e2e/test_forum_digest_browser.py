"""The forums digest in a real browser: a member chooses a daily digest from their
profile, then someone following the digest's link unsubscribes without logging in;
axe-core on the preference form and the unsubscribe page."""

import pytest
from playwright.sync_api import expect
from test_members_browser import assert_no_axe_violation
from test_members_pages_browser import log_in

pytestmark = pytest.mark.e2e

MEMBER = "agent.digest@example.org"


def build_dataset() -> None:
    """An agent of the Hérault."""
    from network.models import Role
    from tests.factories import MaisonPageFactory
    from tests.network.conftest import make_member

    make_member(MEMBER, Role.AGENT, maison=MaisonPageFactory(postcode="34150"))


@pytest.fixture
def unsubscribe_path(live_site) -> str:
    """The member's unsubscribe address, as their digest gives it (before the browser
    starts: the ORM cannot run once it does)."""
    from django.urls import reverse

    from network.forums.digests.links import unsubscribe_token
    from portal.models import User

    token = unsubscribe_token(User.objects.get(email=MEMBER))
    return reverse("forums:digest_unsubscribe", args=[token])


def test_choose_a_daily_digest_then_unsubscribe_in_one_click(unsubscribe_path, open_session):
    # arrange
    member = open_session()
    page = member.page
    log_in(member, MEMBER)
    page.wait_for_url("**/espace-agents/")
    member.goto("/espace-agents/mon-profil/")
    # act: the preference form
    page.locator("a[href$='/forums/digest/']").click()
    page.wait_for_url("**/espace-agents/forums/digest/")
    assert_no_axe_violation(member)
    page.locator("label[for='id_frequency_1']").click()
    page.locator("form[action$='/forums/digest/'] button[type='submit']").click()
    # assert
    page.wait_for_url("**/espace-agents/forums/digest/")
    expect(page.locator(".fr-alert--success")).to_be_visible()
    expect(page.locator("#id_frequency_1")).to_be_checked()
    assert_no_axe_violation(member)

    # act: the digest's link, in a browser where nobody is logged in
    reader = open_session()
    assert reader.goto(unsubscribe_path).status == 200
    assert_no_axe_violation(reader)
    reader.page.locator("form[action*='/desabonnement/'] button[type='submit']").click()
    # assert
    expect(reader.page.locator(".fr-alert--success")).to_be_visible()
    assert_no_axe_violation(reader)
    member.page.reload()
    expect(member.page.locator("#id_frequency_0")).to_be_checked()
