"""The forums' search in a real browser: an agent searches from the forums' home, reads
the highlighted results of the spaces they read (another region's never among them),
narrows to one space and turns the page; axe-core on the results. No JavaScript needed."""

import pytest
from playwright.sync_api import expect
from test_members_browser import assert_no_axe_violation
from test_members_pages_browser import log_in

pytestmark = pytest.mark.e2e

AGENT = "agent.a@example.org"
OTHER = "agent.b@example.org"


def build_dataset() -> None:
    """An agent of the Hérault and one of the Puy-de-Dôme, the forums' spaces, and topics
    about a "quenouille" in the national space, in Occitanie's and in Auvergne's."""
    from directory.models import Department
    from network.forums import services
    from network.forums.models import Space, SpaceKind
    from network.models import Role
    from tests.factories import MaisonPageFactory
    from tests.network.conftest import make_member

    agent = make_member(AGENT, Role.AGENT, maison=MaisonPageFactory(postcode="34150"))
    other = make_member(
        OTHER,
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
    services.set_up_spaces()
    national = Space.objects.get(kind=SpaceKind.NATIONAL)
    occitanie = agent.maison.department.region.forum_space
    auvergne = other.maison.department.region.forum_space
    services.create_topic(
        space=occitanie,
        author=agent.user,
        title="La quenouille de la région",
        body="Le code `<b>quenouille</b>` ne doit pas s’afficher en gras.",
    )
    services.create_topic(
        space=auvergne, author=other.user, title="Quenouille auvergnate", body="Secret."
    )
    for number in range(25):
        topic = services.create_topic(
            space=national, author=other.user, title=f"Sujet {number}", body="Bonjour."
        )
        services.reply(topic=topic, author=agent.user, body=f"Une quenouille, la n° {number}.")


def test_search_the_forums_and_read_highlighted_results(live_site, session):
    # arrange
    page = session.page
    log_in(session, AGENT)
    page.wait_for_url("**/espace-agents/")
    session.goto("/espace-agents/forums/")
    assert_no_axe_violation(session)  # the search form on the forums' home
    # act
    page.locator("#forum-search-input").fill("quenouille")
    page.locator("#forum-search button[type='submit']").click()
    page.wait_for_url("**/espace-agents/forums/recherche/?q=quenouille")
    # assert
    # 26: Occitanie's topic (its first post shows with it) and the 25 national replies.
    expect(page.locator("#forum-results-heading")).to_contain_text("26")
    results = page.locator(".forum-search-results li")
    expect(results).to_have_count(20)
    expect(results.first.locator("h3 mark")).to_have_text("quenouille")
    expect(results.first.locator(".forum-search-results__excerpt")).to_contain_text(
        "<b>quenouille</b>"
    )
    expect(page.locator("text=Quenouille auvergnate")).to_have_count(0)
    assert_no_axe_violation(session)
    page.locator(".fr-pagination__link--next").click()
    expect(page.locator(".forum-search-results li")).to_have_count(6)
    page.locator("select[name='espace']").select_option(label="Occitanie")
    page.locator("#forum-search-form button[type='submit']").click()
    expect(page.locator(".forum-search-results li")).to_have_count(1)
    assert_no_axe_violation(session)
    assert session.csp_violations == []
