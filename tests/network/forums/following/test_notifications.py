"""Who is told of a post, by level: watching (every new post), watching first post (new
topics), tracking and normal (replies to me, mentions), muted (nothing); never the author,
never a member who may not read the topic; e-mails of replies and mentions after commit,
once."""

import pytest

from network.forums import services
from network.forums.following import notify
from network.forums.following.models import Level, Notification, NotificationKind
from network.forums.following.services import set_level

from ..conftest import topic_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``committed(write, **arguments)``: the write, and what follows its commit."""

    def run(write, **arguments):
        with django_capture_on_commit_callbacks(execute=True):
            return write(**arguments)

    return run


def told(post) -> dict[int, str]:
    return dict(Notification.objects.filter(post=post).values_list("user_id", "kind"))


def name_of(profile) -> str:
    return profile.user.get_full_name()


def test_a_reply_tells_the_topics_author_and_its_watchers(members, spaces, committed):
    # arrange
    watcher = members.region_coordinator.user
    set_level(user=watcher, space=spaces.occitanie, level=Level.WATCHING)
    topic = committed(topic_in, space=spaces.occitanie, author=members.agent)
    # act
    post = committed(services.reply, topic=topic, author=members.coordinator.user, body="Voici.")
    # assert
    assert told(topic.posts.first()) == {watcher.pk: NotificationKind.NEW_TOPIC_WATCHED}
    assert told(post) == {
        members.agent.user.pk: NotificationKind.REPLY_TO_ME,
        watcher.pk: NotificationKind.NEW_POST_WATCHED,
    }


def test_tracking_and_normal_hear_only_of_mentions_and_replies_to_them(members, spaces, committed):
    # arrange
    topic = committed(topic_in, space=spaces.national, author=members.agent)
    committed(services.reply, topic=topic, author=members.trainer.user, body="Je suis.")
    tracking = members.trainer.user  # tracks the topic since they replied
    # act
    plain = committed(services.reply, topic=topic, author=members.national.user, body="Oui.")
    mention = committed(
        services.reply,
        topic=topic,
        author=members.national.user,
        body=f"@{name_of(members.trainer)} et @{name_of(members.other_agent)}, un avis ?",
    )
    # assert
    assert tracking.pk not in told(plain)
    assert told(mention) == {
        tracking.pk: NotificationKind.MENTION,
        members.other_agent.user.pk: NotificationKind.MENTION,  # normal: no level chosen
        members.agent.user.pk: NotificationKind.REPLY_TO_ME,
    }


def test_watching_a_spaces_first_posts_tells_of_new_topics_only(members, spaces, committed):
    # arrange
    user = members.coordinator.user
    set_level(user=user, space=spaces.occitanie, level=Level.WATCHING_FIRST_POST)
    # act
    topic = committed(topic_in, space=spaces.occitanie, author=members.agent)
    reply = committed(services.reply, topic=topic, author=members.national.user, body="Oui.")
    # assert
    assert told(topic.posts.first()) == {user.pk: NotificationKind.NEW_TOPIC_WATCHED}
    assert user.pk not in told(reply)


def test_a_muted_topic_tells_nothing_not_even_a_mention(members, spaces, committed, mailoutbox):
    # arrange
    topic = committed(topic_in, space=spaces.occitanie, author=members.agent)
    set_level(user=members.agent.user, topic=topic, level=Level.MUTED)
    set_level(user=members.coordinator.user, space=spaces.occitanie, level=Level.MUTED)
    # act
    post = committed(
        services.reply,
        topic=topic,
        author=members.region_coordinator.user,
        body=f"@{name_of(members.agent)} et @{name_of(members.coordinator)} ?",
    )
    # assert
    assert told(post) == {}
    assert mailoutbox == []


def test_the_author_is_never_told_of_their_own_post(members, spaces, committed):
    # arrange
    topic = committed(topic_in, space=spaces.occitanie, author=members.agent)
    # act
    post = committed(
        services.reply, topic=topic, author=members.agent.user, body=f"@{name_of(members.agent)}"
    )
    # assert
    assert told(topic.posts.first()) == {}
    assert told(post) == {}


def test_a_mention_of_a_member_who_may_not_read_the_topic_tells_them_nothing(
    members, spaces, committed, mailoutbox
):
    # arrange: the other agent works in the Puy-de-Dôme, not in Occitanie
    regional = committed(topic_in, space=spaces.occitanie, author=members.agent)
    national = committed(topic_in, space=spaces.national, author=members.agent)
    body = f"Qu’en pense @{name_of(members.other_agent)} ?"
    # act
    refused = committed(services.reply, topic=regional, author=members.coordinator.user, body=body)
    allowed = committed(services.reply, topic=national, author=members.coordinator.user, body=body)
    # assert
    assert members.other_agent.user.pk not in told(refused)
    assert told(allowed)[members.other_agent.user.pk] == NotificationKind.MENTION
    # the topics' author for the two replies; the other agent for the national one only
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [members.agent.user.email] * 2 + [members.other_agent.user.email]
    )


def test_a_member_who_left_a_private_space_is_not_told(members, spaces, committed):
    # arrange
    topic = committed(topic_in, space=spaces.private, author=members.agent)
    spaces.private.members.remove(members.agent.user)
    # act
    post = committed(
        services.reply, topic=topic, author=members.region_coordinator.user, body="Réponse."
    )
    # assert
    assert told(post) == {}


def test_quoting_a_member_replies_to_them(members, spaces, committed):
    # arrange
    topic = committed(topic_in, space=spaces.national, author=members.agent)
    committed(services.reply, topic=topic, author=members.trainer.user, body="La CAF répond.")
    # act
    post = committed(
        services.reply,
        topic=topic,
        author=members.national.user,
        body=f"> @{name_of(members.trainer)} a écrit :\n>\n> La CAF répond.\n\nMerci.",
    )
    # assert
    assert told(post)[members.trainer.user.pk] == NotificationKind.REPLY_TO_ME


def test_an_edit_tells_only_the_members_it_newly_mentions(members, spaces, committed):
    # arrange
    topic = committed(topic_in, space=spaces.national, author=members.agent)
    post = committed(services.reply, topic=topic, author=members.trainer.user, body="Bonjour.")
    before = told(post)
    # act
    committed(
        services.edit_post,
        post=post,
        editor=members.trainer.user,
        body=f"Bonjour @{name_of(members.national)}.",
    )
    committed(
        services.edit_post,
        post=post,
        editor=members.trainer.user,
        body=f"Bonjour @{name_of(members.national)} !",
    )
    # assert
    assert before == {members.agent.user.pk: NotificationKind.REPLY_TO_ME}
    assert told(post) == {**before, members.national.user.pk: NotificationKind.MENTION}
    post.refresh_from_db()
    assert '<strong class="portal-mention">@Cellule Testeur</strong>' in post.body_html


def test_nothing_is_told_before_the_commit(members, spaces, mailoutbox):
    # act
    topic = topic_in(spaces.national, members.agent)
    services.reply(topic=topic, author=members.trainer.user, body="Réponse.")
    # assert
    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_no_email_once_the_member_muted_the_topic(members, spaces, committed, mailoutbox):
    # arrange: the notification is there, its e-mail not sent yet
    topic = committed(topic_in, space=spaces.national, author=members.agent)
    post = services.reply(topic=topic, author=members.trainer.user, body="Réponse.")
    notify.notify_post.call(post.pk)
    notification = Notification.objects.get(post=post)
    set_level(user=members.agent.user, topic=topic, level=Level.MUTED)
    # act
    notify.send_notification_email.call(notification.pk)
    # assert
    assert mailoutbox == []


def test_an_email_for_a_reply_is_sent_once_with_the_excerpt_and_the_link(
    members, spaces, committed, mailoutbox, settings
):
    # arrange
    settings.PUBLIC_BASE_URL = "https://france-services.example"
    topic = committed(topic_in, space=spaces.national, author=members.agent, title="Hébergés")
    # act
    post = committed(
        services.reply,
        topic=topic,
        author=members.trainer.user,
        body="Une **attestation d’hébergement** suffit.",
    )
    notify.notify_post.call(post.pk)
    notification = Notification.objects.get(post=post)
    notify.send_notification_email.call(notification.pk)
    # assert
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [members.agent.user.email]
    assert "Hébergés" in mail.subject
    assert "Formateur Testeur" in mail.subject
    assert "Une attestation d’hébergement suffit." in mail.body
    assert (
        f"https://france-services.example/espace-agents/forums/notifications/{notification.pk}/"
        in mail.body
    )
    assert "**" not in mail.body
    assert members.trainer.user.email not in mail.body
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_watchers_get_no_email_only_replies_and_mentions_do(
    members, spaces, committed, mailoutbox
):
    # arrange
    set_level(user=members.national.user, space=spaces.national, level=Level.WATCHING)
    topic = committed(topic_in, space=spaces.national, author=members.agent)
    # act
    committed(services.reply, topic=topic, author=members.trainer.user, body="Réponse.")
    # assert
    assert Notification.objects.filter(user=members.national.user).count() == 2
    assert [mail.to for mail in mailoutbox] == [[members.agent.user.email]]


def test_a_topic_muted_over_a_watched_space_tells_nothing(members, spaces, committed):
    # arrange
    user = members.coordinator.user
    set_level(user=user, space=spaces.occitanie, level=Level.WATCHING)
    topic = committed(topic_in, space=spaces.occitanie, author=members.agent)
    other = committed(topic_in, space=spaces.occitanie, author=members.agent, title="Autre")
    set_level(user=user, topic=topic, level=Level.MUTED)
    # act
    muted = committed(services.reply, topic=topic, author=members.national.user, body="Oui.")
    watched = committed(services.reply, topic=other, author=members.national.user, body="Oui.")
    # assert
    assert user.pk not in told(muted)
    assert told(watched)[user.pk] == NotificationKind.NEW_POST_WATCHED
