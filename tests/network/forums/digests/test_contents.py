"""What a digest holds: per following level, only what the member still reads, never their
own posts nor deleted ones; nothing at all when nothing is new."""

import pytest

from network.forums import services as forum_services
from network.forums.digests import selectors
from network.forums.digests.models import DigestFrequency, DigestSent
from network.forums.digests.selectors import digests
from network.forums.digests.services import send_digests
from network.forums.following.models import Level
from network.forums.following.services import set_level

from ..conftest import topic_in
from .conftest import MONDAY, digests_in

pytestmark = pytest.mark.django_db


def weekly_digest_of(user):
    """``user``'s weekly digest as of Monday, as ``{space: {topic: [excerpts]}}``."""
    for digest in digests(DigestFrequency.WEEKLY, now=MONDAY):
        if digest.user.pk == user.pk:
            return {
                space.title: {
                    topic.title: [text for _, text in topic.excerpts] for topic in space.topics
                }
                for space in digest.spaces
            }
    return {}


def test_watching_a_space_brings_its_new_topics_and_their_replies(members, spaces, clock):
    # arrange
    set_level(user=members.agent.user, space=spaces.national, level=Level.WATCHING)
    topic = topic_in(
        spaces.national, members.other_agent, title="Aide au logement", body="Qui sait ?"
    )
    forum_services.reply(topic=topic, author=members.trainer.user, body="Voir la **CAF**.")
    clock(MONDAY)
    # act
    digest = weekly_digest_of(members.agent.user)
    # assert
    assert digest == {"Espace national": {"Aide au logement": ["Qui sait ?", "Voir la CAF."]}}


def test_watching_first_posts_brings_new_topics_only(members, spaces, clock):
    # arrange
    set_level(user=members.agent.user, space=spaces.national, level=Level.WATCHING_FIRST_POST)
    clock(MONDAY.replace(day=1))
    older = topic_in(spaces.national, members.other_agent, title="Ancien sujet")
    clock(MONDAY.replace(day=4))
    forum_services.reply(topic=older, author=members.trainer.user, body="Une réponse.")
    new = topic_in(spaces.national, members.other_agent, title="Nouveau sujet", body="Début.")
    forum_services.reply(topic=new, author=members.trainer.user, body="Suite.")
    clock(MONDAY)
    # act
    digest = weekly_digest_of(members.agent.user)
    # assert
    assert digest == {"Espace national": {"Nouveau sujet": ["Début."]}}


def test_tracking_a_topic_brings_its_new_posts(members, spaces, clock):
    # arrange
    topic = topic_in(spaces.national, members.other_agent, title="Suivi")
    forum_services.reply(topic=topic, author=members.agent.user, body="Je réponds.")  # tracks
    forum_services.reply(topic=topic, author=members.trainer.user, body="Merci.")
    clock(MONDAY)
    # act
    digest = weekly_digest_of(members.agent.user)
    # assert
    assert digest == {"Espace national": {"Suivi": ["Bonjour à tous.", "Merci."]}}


@pytest.mark.parametrize("level", [Level.NORMAL, Level.MUTED])
def test_a_normal_or_muted_topic_brings_nothing(members, spaces, clock, level):
    # arrange
    set_level(user=members.agent.user, space=spaces.national, level=Level.WATCHING)
    topic = topic_in(spaces.national, members.other_agent, title="Sans intérêt")
    set_level(user=members.agent.user, topic=topic, level=level)
    clock(MONDAY.replace(day=5))
    forum_services.reply(topic=topic, author=members.trainer.user, body="Encore.")
    clock(MONDAY)
    # act
    digest = weekly_digest_of(members.agent.user)
    # assert: at normal, only the topic's first post (a new topic of a watched space)
    expected = {"Espace national": {"Sans intérêt": ["Bonjour à tous."]}}
    assert digest == (expected if level == Level.NORMAL else {})


@pytest.mark.parametrize("level", [Level.NORMAL, Level.MUTED])
def test_a_normal_or_muted_space_brings_nothing(members, spaces, clock, level):
    # arrange
    set_level(user=members.agent.user, space=spaces.national, level=level)
    set_level(user=members.agent.user, space=spaces.partner, level=Level.TRACKING)
    topic_in(spaces.national, members.other_agent, title="Sans intérêt")
    clock(MONDAY)
    # act
    digest = weekly_digest_of(members.agent.user)
    # assert
    assert digest == {}


def test_a_space_the_member_no_longer_reads_is_left_out(members, spaces, clock):
    # arrange
    set_level(user=members.agent.user, space=spaces.private, level=Level.WATCHING)
    set_level(user=members.agent.user, space=spaces.national, level=Level.WATCHING)
    topic_in(spaces.private, members.region_coordinator, title="Entre coordinateurs")
    topic_in(spaces.national, members.other_agent, title="Pour tous")
    spaces.private.members.remove(members.agent.user)
    clock(MONDAY)
    # act
    digest = weekly_digest_of(members.agent.user)
    # assert
    assert digest == {"Espace national": {"Pour tous": ["Bonjour à tous."]}}


def test_another_regions_space_is_left_out_even_when_watched(members, spaces, clock):
    # arrange: a level left over from when the agent worked in Auvergne
    set_level(user=members.other_agent.user, space=spaces.auvergne, level=Level.WATCHING)
    members.agent.user.forum_subscriptions.create(space=spaces.auvergne, level=Level.WATCHING)
    set_level(user=members.agent.user, space=spaces.occitanie, level=Level.WATCHING)
    topic_in(spaces.auvergne, members.other_coordinator, title="En Auvergne")
    topic_in(spaces.occitanie, members.coordinator, title="En Occitanie")
    clock(MONDAY)
    # act
    digest = weekly_digest_of(members.agent.user)
    # assert
    assert list(digest) == [spaces.occitanie.title]
    assert weekly_digest_of(members.other_agent.user) == {
        spaces.auvergne.title: {"En Auvergne": ["Bonjour à tous."]}
    }


def test_own_posts_are_left_out(members, spaces, clock):
    # arrange
    set_level(user=members.agent.user, space=spaces.national, level=Level.WATCHING)
    topic = topic_in(spaces.national, members.agent, title="Ma question", body="Ma question.")
    forum_services.reply(topic=topic, author=members.trainer.user, body="La réponse.")
    forum_services.reply(topic=topic, author=members.agent.user, body="Merci !")
    clock(MONDAY)
    # act
    digest = weekly_digest_of(members.agent.user)
    # assert
    assert digest == {"Espace national": {"Ma question": ["La réponse."]}}


def test_deleted_posts_and_topics_are_left_out(members, spaces, clock):
    # arrange
    set_level(user=members.agent.user, space=spaces.national, level=Level.WATCHING)
    kept = topic_in(spaces.national, members.other_agent, title="Gardé")
    post = forum_services.reply(topic=kept, author=members.trainer.user, body="Effacé.")
    forum_services.delete_post(post=post, by=members.trainer.user)
    gone = topic_in(spaces.national, members.other_agent, title="Supprimé")
    forum_services.set_deleted(topic=gone, by=members.national.user, deleted=True)
    clock(MONDAY)
    # act
    digest = weekly_digest_of(members.agent.user)
    # assert
    assert digest == {"Espace national": {"Gardé": ["Bonjour à tous."]}}


def test_posts_hidden_by_reports_are_left_out(settings, members, spaces, clock):
    # arrange
    from network.forums.moderation import services as moderation
    from network.forums.moderation.models import ReportReason

    settings.FORUM_HIDE_AFTER_REPORTS = 2
    set_level(user=members.agent.user, space=spaces.national, level=Level.WATCHING)
    topic = topic_in(spaces.national, members.other_agent, title="Signalé")
    post = forum_services.reply(topic=topic, author=members.trainer.user, body="Caché.")
    for reporter in (members.coordinator, members.other_agent):
        moderation.report_post(post=post, reporter=reporter.user, reason=ReportReason.SPAM)
    clock(MONDAY)
    # act
    digest = weekly_digest_of(members.agent.user)
    # assert
    assert digest == {"Espace national": {"Signalé": ["Bonjour à tous."]}}


def test_nothing_new_sends_nothing(members, spaces, clock, mailoutbox):
    # arrange
    set_level(user=members.agent.user, space=spaces.national, level=Level.WATCHING)
    clock(MONDAY.replace(day=1))
    topic_in(spaces.national, members.other_agent, title="Trop ancien")
    clock(MONDAY)
    # act
    outcome = send_digests(frequency=DigestFrequency.WEEKLY)
    # assert
    assert outcome.sent == 0
    assert digests_in(mailoutbox) == []
    assert not DigestSent.objects.exists()


def test_topics_are_grouped_by_space_with_their_counts_and_three_excerpts(
    members, spaces, clock, mailoutbox, settings
):
    # arrange: in English, the text the test knows whatever the catalogs say
    settings.LANGUAGE_CODE = "en"
    set_level(user=members.agent.user, space=spaces.national, level=Level.WATCHING)
    set_level(user=members.agent.user, space=spaces.partner, level=Level.WATCHING)
    topic = topic_in(spaces.national, members.other_agent, title="Long fil", body="Premier.")
    for number in range(2, 6):
        forum_services.reply(topic=topic, author=members.trainer.user, body=f"Message {number}.")
    topic_in(spaces.partner, members.trainer, title="Chez le partenaire", body="Annonce.")
    clock(MONDAY)
    # act
    send_digests(frequency=DigestFrequency.WEEKLY)
    # assert
    (message,) = digests_in(mailoutbox, members.agent.user)
    body = message.body
    assert (
        body.index("Espace national") < body.index("Long fil") < body.index(spaces.partner.title)
    )
    assert "5 new posts" in body
    assert "Message 3." in body and "Message 4." not in body
    assert "http://testserver" not in body
    assert f"/espace-agents/forums/national/{topic.pk}/" in body


def test_a_long_digest_shows_the_latest_topics_and_counts_the_others(
    members, spaces, clock, mailoutbox, monkeypatch, settings
):
    # arrange
    settings.LANGUAGE_CODE = "en"
    monkeypatch.setattr(selectors, "TOPICS_PER_DIGEST", 2)
    set_level(user=members.agent.user, space=spaces.national, level=Level.WATCHING)
    for day in (3, 4, 5):
        clock(MONDAY.replace(day=day))
        topic_in(spaces.national, members.other_agent, title=f"Sujet du {day}")
    clock(MONDAY)
    # act
    send_digests(frequency=DigestFrequency.WEEKLY)
    # assert
    (message,) = digests_in(mailoutbox, members.agent.user)
    assert "Sujet du 5" in message.body and "Sujet du 4" in message.body
    assert "Sujet du 3" not in message.body
    assert "And 1 more topic with new posts:" in message.body
    assert "/espace-agents/forums/\n" in message.body
    assert message.subject.startswith("Forums: 3 new posts")
