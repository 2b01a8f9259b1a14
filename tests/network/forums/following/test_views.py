"""The level form of a space and a topic, the notifications page (mine only, opened
through a view that marks them read, all marked read at once), the unread count in the
members' menu and the names suggested for a mention."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network.forums import services
from network.forums.following import selectors
from network.forums.following.models import Level, Notification, NotificationKind
from network.forums.following.services import set_level
from network.permissions import profile_of

from ..conftest import topic_in

pytestmark = pytest.mark.django_db


def notify(user, post, kind=NotificationKind.REPLY_TO_ME) -> Notification:
    return Notification.objects.create(user=user, post=post, kind=kind)


def replies(topic, author, count: int) -> list:
    return [
        services.reply(topic=topic, author=author.user, body=f"Réponse {number}.")
        for number in range(count)
    ]


def test_the_topic_page_shows_the_members_level_and_changes_it(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    client = member_client(members.coordinator)
    # act
    before = client.get(topic.get_absolute_url())
    response = client.post(
        reverse("forums:follow_topic", args=[topic.pk]), {"level": Level.WATCHING}, follow=True
    )
    # assert
    assert '<option value="normal" selected>' in before.content.decode()
    assert response.redirect_chain[-1][0] == topic.get_absolute_url()
    assert '<option value="watching" selected>' in response.content.decode()
    assert "« Un sujet »" in response.content.decode()
    assert selectors.level_for(members.coordinator.user, topic) == Level.WATCHING


def test_the_space_page_offers_watching_first_posts(member_client, members, spaces):
    # arrange
    client = member_client(members.coordinator)
    url = reverse("forums:follow_space", args=[spaces.occitanie.slug])
    # act
    response = client.post(url, {"level": Level.WATCHING_FIRST_POST})
    page = client.get(spaces.occitanie.get_absolute_url())
    # assert
    assert response.status_code == 302
    assert '<option value="watching_first_post" selected>' in page.content.decode()


def test_a_level_for_what_one_may_not_read_is_not_found(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    client = member_client(members.other_agent)  # of the Puy-de-Dôme
    # act
    on_topic = client.post(reverse("forums:follow_topic", args=[topic.pk]), {"level": "muted"})
    on_space = client.post(
        reverse("forums:follow_space", args=[spaces.occitanie.slug]), {"level": "muted"}
    )
    forged = client.post(reverse("forums:follow_topic", args=[99999]), {"level": "muted"})
    # assert
    assert on_topic.status_code == on_space.status_code == forged.status_code == 404
    assert not members.other_agent.user.forum_subscriptions.exists()


def test_an_unknown_level_is_a_bad_request(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    client = member_client(members.coordinator)
    url = reverse("forums:follow_topic", args=[topic.pk])
    # act
    unknown = client.post(url, {"level": "everything"})
    first_post = client.post(url, {"level": Level.WATCHING_FIRST_POST})  # spaces only
    by_get = client.get(url)
    # assert
    assert unknown.status_code == first_post.status_code == 400
    assert by_get.status_code == 405
    assert not members.coordinator.user.forum_subscriptions.exists()


def test_the_notifications_page_lists_mine_newest_first(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.national, members.agent, title="Hébergement")
    older, newer = replies(topic, members.trainer, 2)
    mine = [notify(members.agent.user, older), notify(members.agent.user, newer)]
    notify(members.national.user, newer)
    # act
    response = member_client(members.agent).get(reverse("forums:notifications"))
    # assert
    assert list(response.context["notifications"]) == mine[::-1]
    assert "Formateur Testeur" in response.content.decode()


def test_opening_a_notification_marks_it_read_and_goes_to_the_post(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.national, members.agent)
    post = replies(topic, members.trainer, 1)[0]
    notification = notify(members.agent.user, post)
    # act
    response = member_client(members.agent).get(
        reverse("forums:open_notification", args=[notification.pk])
    )
    # assert
    assert response.status_code == 302
    assert response["Location"] == f"{topic.get_absolute_url()}?page=1#message-{post.pk}"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_another_members_notification_is_not_found(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.national, members.agent)
    notification = notify(members.agent.user, replies(topic, members.trainer, 1)[0])
    # act
    response = member_client(members.national).get(
        reverse("forums:open_notification", args=[notification.pk])
    )
    # assert
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_notifications_of_a_topic_one_no_longer_reads_are_hidden(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.private, members.region_coordinator)
    notification = notify(members.agent.user, replies(topic, members.region_coordinator, 1)[0])
    spaces.private.members.remove(members.agent.user)
    client = member_client(members.agent)
    # act
    page = client.get(reverse("forums:notifications"))
    opened = client.get(reverse("forums:open_notification", args=[notification.pk]))
    # assert
    assert list(page.context["notifications"]) == []
    assert opened.status_code == 404


def test_mark_all_as_read(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.national, members.agent)
    for post in replies(topic, members.trainer, 3):
        notify(members.agent.user, post)
    others = notify(members.national.user, topic.posts.last())
    client = member_client(members.agent)
    # act
    by_get = client.get(reverse("forums:mark_all_read"))
    response = client.post(reverse("forums:mark_all_read"), follow=True)
    # assert
    assert by_get.status_code == 405
    assert response.redirect_chain[-1][0] == reverse("forums:notifications")
    assert not Notification.objects.filter(user=members.agent.user, read_at=None).exists()
    others.refresh_from_db()
    assert others.read_at is None


def test_the_members_menu_shows_the_unread_count(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.national, members.agent)
    posts = replies(topic, members.trainer, 3)
    for post in posts:
        notify(members.agent.user, post)
    Notification.objects.filter(post=posts[0]).update(read_at=posts[0].created_at)
    # act
    page = member_client(members.agent).get(reverse("network:dashboard")).content.decode()
    # assert
    assert '<span class="fr-sr-only">&nbsp;non lues</span>' in page
    assert 'fr-badge--no-icon">2<span' in page


def unread_queries(members, spaces, count: int) -> int:
    Notification.objects.all().delete()
    topic = topic_in(spaces.national, members.agent)
    for post in replies(topic, members.trainer, count):
        notify(members.agent.user, post)
    profile = profile_of(members.agent.user)
    assert profile.maison.department is not None  # known, as on any members' page
    with CaptureQueriesContext(connection) as queries:
        assert selectors.unread_count(profile) == count
    return len(queries)


def test_the_unread_count_is_one_query_whatever_the_count(members, spaces):
    # act / assert
    assert unread_queries(members, spaces, 1) == unread_queries(members, spaces, 8) == 1


def page_queries(client, members, spaces, count: int) -> int:
    topic = topic_in(spaces.national, members.agent)
    for post in replies(topic, members.trainer, count):
        notify(members.agent.user, post)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("forums:notifications"))
    assert len(response.context["notifications"]) >= count
    return len(queries)


def test_the_notifications_page_answers_in_constant_queries(member_client, members, spaces):
    # arrange
    client = member_client(members.agent)
    client.get(reverse("forums:notifications"))  # the session, as on any later page
    # act
    few = page_queries(client, members, spaces, 1)
    many = page_queries(client, members, spaces, 10)
    # assert
    assert few == many


def test_suggestions_name_only_members_who_read_the_topic(member_client, members, spaces):
    # arrange: the Puy-de-Dôme's agent does not read Occitanie's space
    topic = topic_in(spaces.occitanie, members.agent)
    members.coordinator.user.first_name = "Hélène"
    members.coordinator.user.save()
    members.other_agent.user.first_name = "Hélèna"
    members.other_agent.user.save()
    url = reverse("forums:mention_suggestions")
    client = member_client(members.agent)
    # act
    response = client.get(url, {"topic": topic.pk, "q": "hele"})
    everyone = client.get(url, {"topic": topic.pk, "q": "Test"})
    # assert
    assert response.json() == {"names": ["Hélène Testeur"]}
    assert "Autre Testeur" not in str(everyone.json())
    assert "@" not in everyone.content.decode()
    assert "Cellule Testeur" in everyone.json()["names"]


def test_suggestions_for_a_topic_one_may_not_read_are_not_found(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    client = member_client(members.other_agent)
    url = reverse("forums:mention_suggestions")
    # act
    hidden = client.get(url, {"topic": topic.pk, "q": "Agent"})
    forged = client.get(url, {"topic": 99999, "q": "Agent"})
    missing = client.get(url, {"q": "Agent"})
    # assert
    assert hidden.status_code == forged.status_code == 404
    assert missing.status_code == 400


def test_suggestions_leave_out_unlisted_members(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.national, members.agent)
    members.trainer.listed = False
    members.trainer.save()
    # act
    response = member_client(members.agent).get(
        reverse("forums:mention_suggestions"), {"topic": topic.pk, "q": "Formateur"}
    )
    # assert
    assert response.json() == {"names": []}


def test_the_reply_form_brings_the_suggestions_script(member_client, members, spaces):
    # arrange
    topic = topic_in(spaces.national, members.agent)
    set_level(user=members.national.user, topic=topic, level=Level.MUTED)
    # act
    page = member_client(members.national).get(topic.get_absolute_url()).content.decode()
    # assert
    assert "network/forums/mentions" in page
    assert f'data-topic="{topic.pk}"' in page
    assert '<option value="muted" selected>' in page


def test_the_unread_count_is_asked_once_per_request(members, spaces, rf):
    # arrange
    topic = topic_in(spaces.national, members.agent)
    notify(members.agent.user, replies(topic, members.trainer, 1)[0])
    request = rf.get("/")
    request.user = members.agent.user
    profile_of(request.user).maison.department  # noqa: B018 (known, as on any members' page)
    template = Template(
        "{% load forum_following %}{% unread_notifications as a %}"
        "{% unread_notifications as b %}{{ a }}/{{ b }}"
    )
    # act
    with CaptureQueriesContext(connection) as queries:
        shown = template.render(Context({"request": request}))
    # assert
    assert shown == "1/1"
    assert len(queries) == 1
