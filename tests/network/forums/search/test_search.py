"""The forums' search: only what the member reads, never deleted posts, excerpts escaped
and highlighted, the index in step with moves and deletions, constant queries per page,
and never a forum row in the public site search.

The words searched ("quenouille", "ravaudage"…) are used nowhere in the demo."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from network.forums import search as forum_search
from network.forums import services
from network.forums.models import Post
from tests.auth import login_with_second_factor
from tests.factories import StandardPageFactory
from tests.network.forums.conftest import topic_in

pytestmark = pytest.mark.django_db

URL = reverse("forums:search")


def found(client, **params) -> list[str]:
    """The addresses of the results listed on the search page."""
    response = client.get(URL, params)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [link["href"] for link in page.select(".forum-search-results h3 a")]


def test_a_member_finds_the_topics_and_messages_of_the_spaces_they_read(
    member_client, members, spaces
):
    # arrange
    titled = topic_in(spaces.occitanie, members.agent, title="La quenouille du guichet")
    topic = topic_in(spaces.national, members.coordinator, title="Un autre sujet")
    post = services.reply(topic=topic, author=members.agent.user, body="Une quenouille ici.")
    client = member_client(members.agent)
    # act
    addresses = found(client, q="quenouille")
    # assert
    assert addresses == [
        titled.get_absolute_url(),
        f"{topic.get_absolute_url()}?page=1#message-{post.pk}",
    ]


def test_a_topic_found_by_its_title_and_first_post_is_listed_once(member_client, members, spaces):
    # arrange
    topic = topic_in(
        spaces.occitanie, members.agent, title="La quenouille", body="Une quenouille perdue."
    )
    reply = services.reply(topic=topic, author=members.agent.user, body="Et la quenouille ?")
    client = member_client(members.agent)
    # act
    addresses = found(client, q="quenouille")
    # assert: the topic, then the reply; its first post is shown with the topic.
    assert addresses == [
        topic.get_absolute_url(),
        f"{topic.get_absolute_url()}?page=1#message-{reply.pk}",
    ]


@pytest.mark.parametrize(
    ("space_name", "readers", "others"),
    [
        ("occitanie", ["agent", "coordinator", "national"], ["other_agent", "trainer"]),
        ("auvergne", ["other_agent", "national"], ["agent", "coordinator", "region_coordinator"]),
        ("private", ["agent", "region_coordinator", "national"], ["coordinator", "trainer"]),
    ],
)
def test_what_a_member_may_not_read_is_never_found(
    member_client, members, spaces, space_name, readers, others
):
    # arrange
    space = getattr(spaces, space_name)
    author = members.national
    topic = topic_in(space, author, title="Le ravaudage", body="Ravaudage des dossiers.")
    services.reply(topic=topic, author=author.user, body="Encore du ravaudage.")
    # act
    results = {
        name: found(member_client(getattr(members, name)), q="ravaudage")
        for name in [*readers, *others]
    }
    # assert: the topic (with its first post) and the reply.
    assert all(len(results[name]) == 2 for name in readers), results
    assert all(results[name] == [] for name in others), results


def test_one_space_only_when_asked_and_a_forged_space_is_refused(member_client, members, spaces):
    # arrange
    in_region = topic_in(spaces.occitanie, members.agent, title="Quenouille régionale")
    topic_in(spaces.national, members.agent, title="Quenouille nationale")
    client = member_client(members.agent)
    # act
    narrowed = found(client, q="quenouille", espace=spaces.occitanie.slug)
    forged = client.get(URL, {"q": "quenouille", "espace": spaces.auvergne.slug})
    # assert
    assert narrowed == [in_region.get_absolute_url()]
    assert forged.status_code == 400
    assert not forged.context["hits"]


def test_deleted_messages_and_topics_are_not_found(member_client, members, spaces):
    # arrange
    kept = topic_in(spaces.national, members.agent, title="Sujet gardé")
    deleted_post = services.reply(topic=kept, author=members.agent.user, body="Quenouille.")
    services.delete_post(post=deleted_post, by=members.agent.user)
    gone = topic_in(spaces.national, members.agent, title="Quenouille supprimée")
    services.set_deleted(topic=gone, by=members.national.user, deleted=True)
    # act
    by_agent = found(member_client(members.agent), q="quenouille")
    by_moderator = found(member_client(members.national), q="quenouille")
    # assert
    assert by_agent == [] and by_moderator == []


def test_a_moved_topic_is_found_where_it_now_is(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.national, members.agent, title="Quenouille", body="Bonjour.")
    services.reply(topic=topic, author=members.agent.user, body="Quenouille.")
    # act
    services.move_topic(topic=topic, to=spaces.auvergne, by=members.national.user)
    # assert
    assert found(member_client(members.agent), q="quenouille") == []
    assert len(found(member_client(members.other_agent), q="quenouille")) == 2


def test_moving_or_deleting_a_topic_updates_its_posts_entries(members, spaces, monkeypatch):
    # arrange
    topic = topic_in(spaces.national, members.agent, title="Sujet")
    services.reply(topic=topic, author=members.agent.user, body="Réponse")
    updated = []
    backend = type(get_search_backend())
    monkeypatch.setattr(
        backend, "add_bulk", lambda self, model, objects: updated.append((model, objects))
    )
    # act
    services.set_pinned(topic=topic, by=members.national.user, pinned=True)
    pinned = list(updated)
    services.move_topic(topic=topic, to=spaces.auvergne, by=members.national.user)
    services.set_deleted(topic=topic, by=members.national.user, deleted=True)
    # assert
    assert pinned == []
    assert [(model, {post.pk for post in posts}) for model, posts in updated] == [
        (Post, set(topic.posts.values_list("pk", flat=True)))
    ] * 2
    assert {post.topic.space_id for _model, posts in updated for post in posts} == {
        spaces.auvergne.pk
    }


def test_an_edit_is_found_by_its_new_words_only(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.national, members.agent, title="Sujet", body="Ancienne quenouille.")
    services.edit_post(post=topic.posts.get(), editor=members.agent.user, body="Ravaudage neuf.")
    client = member_client(members.agent)
    # act
    old, new = found(client, q="quenouille"), found(client, q="ravaudage")
    # assert
    assert old == [] and len(new) == 1


def test_excerpts_are_escaped_and_highlighted(member_client, members, spaces):
    # arrange
    topic_in(
        spaces.national,
        members.agent,
        title="<img src=x onerror=alert(1)> quenouille",
        body="Le code `<script>alert('quenouille')</script>` et des **Quenouilles**.",
    )
    # act
    response = member_client(members.agent).get(URL, {"q": "quenouille"})
    # assert
    content = response.content.decode()
    result = BeautifulSoup(content, "html.parser").select_one(".forum-search-results li")
    assert result.select("script, img") == []
    assert "&lt;script&gt;alert(&#x27;<mark>quenouille</mark>&#x27;)&lt;/script&gt;" in content
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>quenouille</mark>" in content
    marked = [mark.text for mark in result.select("mark")]
    assert marked == ["quenouille", "quenouille", "Quenouilles"]


def test_an_excerpt_starts_near_the_first_word_found():
    # arrange
    text = "<p>" + "Bla bla. " * 40 + "Voici la quenouille du guichet.</p>"
    # act
    shown = forum_search.excerpt(text, forum_search.searched_terms("Quenouille"))
    # assert
    assert shown.startswith("… ")
    assert "<mark>quenouille</mark> du guichet." in shown
    assert len(shown) < 200


@pytest.mark.parametrize("query", ["", "!!!", "x" * 200])
def test_queries_without_words_find_nothing_quietly(member_client, members, spaces, query):
    # arrange
    topic_in(spaces.national, members.agent, title="Quenouille")
    # act
    response = member_client(members.agent).get(URL, {"q": query, "page": "abc"})
    # assert
    assert response.status_code == 200
    assert response.context["hits"] == []


def test_a_query_too_long_is_refused_with_a_message(member_client, members, spaces):
    # act
    response = member_client(members.agent).get(URL, {"q": "x" * 201})
    # assert
    assert response.status_code == 400
    assert "fr-error-text" in response.content.decode()


def test_the_search_is_for_members_only(client, members, spaces):
    # arrange
    topic_in(spaces.national, members.agent, title="Quenouille")
    # act
    anonymous = client.get(URL, {"q": "quenouille"})
    # assert
    assert anonymous.status_code == 302
    assert "quenouille" not in anonymous.content.decode().lower()


def _queries(client, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return len(queries)


def test_a_page_of_results_costs_the_same_queries_however_many_results(
    member_client, members, spaces
):
    # arrange
    client = member_client(members.agent)
    params = {"q": "quenouille"}

    def add(number):
        for index in range(number):
            space = spaces.occitanie if index % 2 else spaces.private
            topic = topic_in(space, members.agent, title=f"Quenouille {index}")
            services.reply(topic=topic, author=members.region_coordinator.user, body="quenouille")

    add(2)
    _queries(client, params)  # the site's menus and settings, cached from the first page on
    before = _queries(client, params)  # 2 topics, then 2 messages
    # act
    add(30)
    topics_only = _queries(client, params)  # 20 topics
    mixed = _queries(client, {**params, "page": "2"})  # 12 topics, then 8 messages
    messages_only = _queries(client, {**params, "page": "4"})  # 4 messages
    # assert
    assert mixed == before
    assert topics_only == messages_only == before - 1  # one kind of details to read


def _public_results(client, query: str) -> tuple[int, list[str]]:
    response = client.get("/recherche/", {"q": query})
    links = BeautifulSoup(response.content, "html.parser").select(".search-results h3 a")
    return response.context["results"].paginator.count, [link["href"] for link in links]


def test_the_public_site_search_never_finds_forum_content(client, members, spaces):
    # arrange
    StandardPageFactory(title="Une page publique de ravaudage", slug="page-ravaudage")
    topic = topic_in(spaces.national, members.agent, title="Quenouillerie secrète")
    services.reply(topic=topic, author=members.agent.user, body="Ravaudage quenouillerie.")
    login_with_second_factor(client, members.national.user)  # even for a member
    # act
    forum_word = _public_results(client, "quenouillerie")
    shared_word = _public_results(client, "ravaudage")
    pages = list(get_search_backend().search("quenouillerie", Page.objects.all()))
    # assert
    assert forum_word == (0, [])
    assert shared_word == (1, ["/page-ravaudage/"])
    assert pages == []
    assert len(found(client, q="quenouillerie")) == 2  # while the forums' search finds it


def test_the_best_results_only_are_listed_when_there_are_too_many(
    member_client, members, spaces, monkeypatch
):
    # arrange
    monkeypatch.setattr(forum_search, "MAX_RESULTS", 3)
    for number in range(4):
        topic_in(spaces.national, members.agent, title=f"Quenouille {number}")
    client = member_client(members.agent)
    # act
    many = client.get(URL, {"q": "quenouille"})
    few = client.get(URL, {"q": "quenouille 2"})
    # assert
    assert many.context["page_obj"].paginator.count == 3
    assert "forum-search-capped" in many.content.decode()
    assert few.context["page_obj"].paginator.count == 1
    assert "forum-search-capped" not in few.content.decode()


def test_a_post_hidden_by_reports_is_not_found(settings, member_client, members, spaces):
    # arrange
    from network.forums.moderation import services as moderation
    from network.forums.moderation.models import ReportReason

    settings.FORUM_HIDE_AFTER_REPORTS = 2
    topic = topic_in(spaces.national, members.agent, title="Un sujet ordinaire")
    post = services.reply(topic=topic, author=members.agent.user, body="Quenouille signalée.")
    for reporter in (members.trainer, members.other_agent):
        moderation.report_post(post=post, reporter=reporter.user, reason=ReportReason.SPAM)
    # act
    hidden = found(member_client(members.coordinator), q="quenouille")
    moderation.review_post(post=post, by=members.national.user, keep=True)
    kept = found(member_client(members.coordinator), q="quenouille")
    # assert
    assert hidden == []
    assert len(kept) == 1
