"""The demo's forums: a space per region, the national and partners' ones, and topics
among the demo members with a solved question and thanks, a reported post in its space's
moderation queue, members following at different levels, their notifications and digest
preferences."""

import io

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from directory.models import Region
from network.forums.digests.models import DigestFrequency, DigestPreference
from network.forums.following.models import Level, Notification, NotificationKind, Subscription
from network.forums.models import Post, Space, SpaceKind, Thanks, Topic
from network.forums.moderation import selectors as moderation
from network.forums.moderation.models import Report, ReportReason
from portal.models import User
from tests.auth import login_with_second_factor

pytestmark = pytest.mark.django_db

AGENT = "agent@france-services.example"
AGENT_HERAULT = "agent.herault@france-services.example"
COORDINATOR = "coordination34@france-services.example"
REPORTED_TOPIC = "Dossier de retraite bloqué depuis cinq mois"


@pytest.fixture(scope="module")
def demo_members(demo_database, django_db_blocker):
    """The demo with its accounts, as ``seed_demo`` builds it in development: what waits
    for its transaction to commit (the notifications of the posts) runs. Rolled back with
    ``demo_database`` after the module."""
    with django_db_blocker.unblock(), TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())


def member(email: str) -> User:
    return User.objects.get(email=email)


def reported_post() -> Post:
    return Post.objects.get(topic__title=REPORTED_TOPIC, reports__isnull=False)


def test_the_demo_has_spaces_topics_a_solved_question_and_thanks(demo_site):
    # act
    call_command("seed_demo")
    call_command("seed_demo")  # a second run adds nothing
    # assert
    assert Space.objects.filter(kind=SpaceKind.REGION).count() == Region.objects.count()
    assert Space.objects.filter(kind=SpaceKind.NATIONAL).count() == 1
    assert Space.objects.filter(kind=SpaceKind.PARTNER, partner__slug="caf").exists()
    assert Topic.objects.count() == 6
    solved = Topic.objects.get(solution__isnull=False)
    assert solved.space.slug == "partenaire-caf"
    assert solved.solution.author.email == "formation.caf@france-services.example"
    assert Thanks.objects.count() == 4
    assert Topic.objects.filter(pinned=True).count() == 2


def test_a_second_run_adds_no_report_level_preference_or_notification(
    demo_members, demo_site, django_capture_on_commit_callbacks
):
    # arrange
    models = (Topic, Post, Report, Subscription, DigestPreference, Notification)
    before = {model: model.objects.count() for model in models}
    # act
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    # assert
    assert {model: model.objects.count() for model in models} == before


def test_a_reported_post_stays_visible_and_waits_in_its_space_queue(demo_members, demo_site):
    # arrange
    post = reported_post()
    # act
    queue = moderation.queue(post.topic.space)
    # assert
    assert post.topic.space.slug == "region-76"
    assert post.author.email == AGENT
    [report] = post.reports.all()
    assert (report.reporter.email, report.reason) == (AGENT_HERAULT, ReportReason.PERSONAL_DATA)
    assert report.reviewed_at is None
    assert not moderation.is_hidden(post)
    assert [item.post for item in queue] == [post]


def test_the_region_coordinator_sees_the_reported_post_in_the_moderation_queue(
    demo_members, demo_site, client
):
    # arrange
    login_with_second_factor(client, member(COORDINATOR))
    # act
    response = client.get(reverse("forums:moderation_queue", args=["region-76"]))
    # assert
    assert response.status_code == 200
    page = response.content.decode()
    assert REPORTED_TOPIC in page
    assert "06 39 98 47 12" in page
    assert "Le message donne le numéro de téléphone d’un usager." in page
    assert f"#message-{reported_post().pk}" in page


def test_an_agent_of_the_region_has_no_access_to_the_moderation_queue(
    demo_members, demo_site, client
):
    # arrange
    login_with_second_factor(client, member(AGENT_HERAULT))
    # act
    response = client.get(reverse("forums:moderation_queue", args=["region-76"]))
    # assert
    assert response.status_code == 404
    assert REPORTED_TOPIC not in response.content.decode()


def test_demo_members_follow_spaces_and_topics_at_different_levels(demo_members, demo_site):
    # act
    chosen = set(
        Subscription.objects.filter(user__email__endswith=".example").values_list(
            "user__email", "space__slug", "topic__title", "level"
        )
    )
    # assert
    assert {
        (COORDINATOR, "region-76", None, Level.WATCHING),
        (AGENT_HERAULT, "partenaire-caf", None, Level.WATCHING_FIRST_POST),
        ("agent.puydedome@france-services.example", "national", None, Level.TRACKING),
        (AGENT, None, "Bienvenue dans l’espace Occitanie", Level.MUTED),
    } <= chosen
    assert len({level for *_target, level in chosen}) >= 4


def test_demo_agents_have_unread_notifications_of_replies(demo_members, demo_site, client):
    # arrange
    login_with_second_factor(client, member(AGENT))
    # act
    response = client.get(reverse("forums:notifications"))
    # assert
    replies_to_agent = Notification.objects.filter(
        user__email=AGENT, kind=NotificationKind.REPLY_TO_ME, read_at=None
    )
    assert set(replies_to_agent.values_list("post__author__email", flat=True)) == {
        AGENT_HERAULT,
        "formation.caf@france-services.example",
    }
    assert Notification.objects.filter(
        user__email=AGENT_HERAULT,
        kind=NotificationKind.REPLY_TO_ME,
        post=reported_post(),
        read_at=None,
    ).exists()
    assert response.status_code == 200
    assert "Changement de situation CAF après une séparation, quel délai ?" in (
        response.content.decode()
    )


def test_members_watching_a_space_are_told_of_its_posts_but_not_of_a_topic_they_muted(
    demo_members, demo_site
):
    # act
    told = set(
        Notification.objects.filter(user__email__in=[AGENT, COORDINATOR]).values_list(
            "user__email", "kind", "post__topic__title"
        )
    )
    # assert
    assert {
        (COORDINATOR, NotificationKind.NEW_TOPIC_WATCHED, REPORTED_TOPIC),
        (COORDINATOR, NotificationKind.NEW_POST_WATCHED, REPORTED_TOPIC),
        (AGENT, NotificationKind.NEW_TOPIC_WATCHED, REPORTED_TOPIC),
        (AGENT, NotificationKind.NEW_POST_WATCHED, REPORTED_TOPIC),
    } <= told
    assert not {title for email, _kind, title in told if email == AGENT} & {
        "Bienvenue dans l’espace Occitanie"
    }


def test_demo_members_have_digest_preferences(demo_members, demo_site):
    # act
    frequencies = dict(
        DigestPreference.objects.filter(user__email__endswith=".example").values_list(
            "user__email", "frequency"
        )
    )
    # assert
    assert frequencies == {
        AGENT: DigestFrequency.DAILY,
        COORDINATOR: DigestFrequency.WEEKLY,
        "agent.nord@france-services.example": DigestFrequency.NEVER,
    }
