"""Reports, reviews, mutes and the log of moderators' actions, through the services."""

import datetime

import pytest
import time_machine

from network.forums import services
from network.forums.moderation import selectors
from network.forums.moderation import services as moderation
from network.forums.moderation.models import ModerationAction, Mute, Report, ReportReason

from ..conftest import topic_in

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=datetime.UTC)


def reply_of(topic, member, body="Une réponse."):
    return services.reply(topic=topic, author=member.user, body=body)


def report_by(post, *reporters, reason=ReportReason.OFF_TOPIC):
    for reporter in reporters:
        moderation.report_post(post=post, reporter=reporter.user, reason=reason)


def test_a_member_reports_a_post_once(members, spaces):
    # arrange
    post = topic_in(spaces.occitanie, members.agent).posts.get()
    # act
    first = moderation.report_post(
        post=post, reporter=members.coordinator.user, reason=ReportReason.SPAM
    )
    second = moderation.report_post(
        post=post, reporter=members.coordinator.user, reason=ReportReason.OFF_TOPIC
    )
    # assert
    assert (first, second) == (True, False)
    assert list(Report.objects.values_list("reason", flat=True)) == [ReportReason.SPAM]


def test_nobody_reports_their_own_post(members, spaces):
    # arrange
    post = topic_in(spaces.occitanie, members.agent).posts.get()
    # act
    with pytest.raises(services.ForumRefused):
        moderation.report_post(post=post, reporter=members.agent.user, reason=ReportReason.SPAM)
    # assert
    assert not Report.objects.exists()


def test_a_post_the_member_cannot_read_is_not_reported(members, spaces):
    # arrange
    post = topic_in(spaces.auvergne, members.other_agent).posts.get()
    # act
    with pytest.raises(services.ForumRefused):
        moderation.report_post(post=post, reporter=members.agent.user, reason=ReportReason.SPAM)
    # assert
    assert not Report.objects.exists()


def test_other_needs_a_note(members, spaces):
    # arrange
    post = topic_in(spaces.national, members.agent).posts.get()
    # act
    with pytest.raises(services.ForumRefused):
        moderation.report_post(
            post=post, reporter=members.trainer.user, reason=ReportReason.OTHER, note="  "
        )
    # assert
    assert not Report.objects.exists()


@pytest.mark.parametrize(("threshold", "hidden"), [(2, True), (3, False)])
def test_a_post_is_hidden_after_enough_distinct_reports(
    settings, members, spaces, threshold, hidden
):
    # arrange
    settings.FORUM_HIDE_AFTER_REPORTS = threshold
    post = topic_in(spaces.national, members.agent).posts.get()
    # act
    report_by(post, members.trainer, members.other_agent)
    moderation.report_post(post=post, reporter=members.trainer.user, reason=ReportReason.SPAM)
    # assert
    assert selectors.is_hidden(post) is hidden


def test_keeping_a_hidden_post_shows_it_again_and_tells_its_author_after_commit(
    settings, members, spaces, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange
    settings.FORUM_HIDE_AFTER_REPORTS = 2
    post = topic_in(spaces.occitanie, members.agent).posts.get()
    report_by(post, members.coordinator, members.region_coordinator)
    # act
    with django_capture_on_commit_callbacks() as callbacks:
        moderation.review_post(post=post, by=members.coordinator.user, keep=True)
        sent_before_commit = len(mailoutbox)
    for callback in callbacks:
        callback()
    # assert
    post.refresh_from_db()
    assert post.deleted_at is None and not selectors.is_hidden(post)
    assert set(Report.objects.values_list("outcome", flat=True)) == {Report.Outcome.KEPT}
    assert sent_before_commit == 0
    assert [message.to for message in mailoutbox] == [[members.agent.user.email]]
    assert "visible" in mailoutbox[0].body
    assert ModerationAction.objects.get().kind == ModerationAction.Kind.KEEP


def test_keeping_a_post_that_was_not_hidden_tells_nobody(
    members, spaces, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange
    post = topic_in(spaces.occitanie, members.agent).posts.get()
    report_by(post, members.coordinator)
    # act
    with django_capture_on_commit_callbacks(execute=True):
        moderation.review_post(post=post, by=members.coordinator.user, keep=True)
    # assert
    assert mailoutbox == []


def test_deleting_a_reported_post_deletes_it_softly_and_tells_its_author(
    members, spaces, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange
    topic = topic_in(spaces.occitanie, members.coordinator)
    post = reply_of(topic, members.agent)
    report_by(post, members.region_coordinator)
    # act
    with django_capture_on_commit_callbacks(execute=True):
        moderation.review_post(
            post=post, by=members.coordinator.user, keep=False, reason="Numéro d’allocataire."
        )
    # assert
    post.refresh_from_db()
    assert post.deleted_at is not None and post.deleted_by == members.coordinator.user
    assert post.body  # soft: the text stays for the history
    assert [message.to for message in mailoutbox] == [[members.agent.user.email]]
    assert "Numéro d’allocataire." in mailoutbox[0].body
    entry = ModerationAction.objects.get()
    assert (entry.kind, entry.post, entry.member, entry.reason) == (
        ModerationAction.Kind.DELETE_POST,
        post,
        members.agent.user,
        "Numéro d’allocataire.",
    )


def test_only_the_spaces_moderators_review(members, spaces):
    # arrange
    post = topic_in(spaces.occitanie, members.region_coordinator).posts.get()
    report_by(post, members.coordinator)
    # act
    for outsider in (members.other_coordinator, members.trainer, members.agent):
        with pytest.raises(services.ForumRefused):
            moderation.review_post(post=post, by=outsider.user, keep=False)
    # assert
    assert Report.objects.get().reviewed_at is None


def test_a_post_without_open_reports_is_not_reviewed(members, spaces):
    # arrange
    post = topic_in(spaces.occitanie, members.agent).posts.get()
    # act
    with pytest.raises(services.ForumRefused):
        moderation.review_post(post=post, by=members.coordinator.user, keep=True)
    # assert
    assert not ModerationAction.objects.exists()


def test_a_muted_member_reads_but_cannot_post_until_the_end(members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.coordinator)
    with time_machine.travel(NOW, tick=False):
        moderation.mute(
            space=spaces.occitanie,
            member=members.agent.user,
            by=members.coordinator.user,
            days=7,
            reason="Propos déplacés.",
        )
    # act
    with time_machine.travel(NOW + datetime.timedelta(days=6), tick=False):
        with pytest.raises(services.ForumRefused) as refusal:
            reply_of(topic, members.agent)
        with pytest.raises(services.ForumRefused):
            topic_in(spaces.occitanie, members.agent)
        elsewhere = topic_in(spaces.national, members.agent)
    with time_machine.travel(NOW + datetime.timedelta(days=7, seconds=1), tick=False):
        later = reply_of(topic, members.agent)
    # assert
    assert "14 décembre 2026 11:00" in str(refusal.value) and "Propos déplacés." in str(
        refusal.value
    )
    assert elsewhere.pk and later.pk


def test_unmuting_lets_the_member_post_again_and_both_are_logged(members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.coordinator)
    moderation.mute(
        space=spaces.occitanie,
        member=members.agent.user,
        by=members.coordinator.user,
        days=1,
        reason="Spam.",
    )
    # act
    lifted = moderation.unmute(
        space=spaces.occitanie, member=members.agent.user, by=members.coordinator.user
    )
    again = moderation.unmute(
        space=spaces.occitanie, member=members.agent.user, by=members.coordinator.user
    )
    # assert
    assert (lifted, again) == (True, False)
    assert reply_of(topic, members.agent).pk
    assert list(ModerationAction.objects.values_list("kind", "member")) == [
        (ModerationAction.Kind.MUTE, members.agent.user.pk),
        (ModerationAction.Kind.UNMUTE, members.agent.user.pk),
    ]


@pytest.mark.parametrize(
    ("moderator", "member", "days"),
    [
        ("agent", "other_agent", 7),  # not a moderator
        ("coordinator", "region_coordinator", 7),  # a moderator of the space
        ("coordinator", "coordinator", 7),  # oneself
        ("coordinator", "agent", 3),  # not a duration offered
    ],
)
def test_mutes_refused(members, spaces, moderator, member, days):
    # act
    with pytest.raises(services.ForumRefused):
        moderation.mute(
            space=spaces.occitanie,
            member=getattr(members, member).user,
            by=getattr(members, moderator).user,
            days=days,
            reason="Essai.",
        )
    # assert
    assert not Mute.objects.exists()


def test_every_topic_action_of_a_moderator_is_logged(members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    post = reply_of(topic, members.region_coordinator)
    by = members.national.user
    # act
    services.set_pinned(topic=topic, by=by, pinned=True)
    services.set_pinned(topic=topic, by=by, pinned=False)
    services.set_locked(topic=topic, by=by, locked=True)
    services.set_locked(topic=topic, by=by, locked=False)
    services.delete_post(post=post, by=by)
    services.move_topic(topic=topic, to=spaces.national, by=by)
    services.set_deleted(topic=topic, by=by, deleted=True)
    services.set_deleted(topic=topic, by=by, deleted=False)
    # assert
    entries = list(ModerationAction.objects.order_by("pk"))
    assert [entry.kind for entry in entries] == [
        "pin",
        "unpin",
        "lock",
        "unlock",
        "delete_post",
        "move",
        "delete",
        "restore",
    ]
    assert {entry.moderator for entry in entries} == {by}
    move = entries[5]
    assert (move.space, move.destination) == (spaces.occitanie, spaces.national)
    assert entries[6].space == spaces.national


def test_an_author_deleting_their_own_post_is_not_a_moderation(members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.coordinator)
    post = reply_of(topic, members.agent)
    # act
    services.delete_post(post=post, by=members.agent.user)
    # assert
    assert not ModerationAction.objects.exists()


def test_the_queue_lists_open_reports_by_post_oldest_first(members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.coordinator)
    newer, older = reply_of(topic, members.agent), reply_of(topic, members.region_coordinator)
    with time_machine.travel(NOW, tick=False):
        report_by(older, members.agent)
    with time_machine.travel(NOW + datetime.timedelta(hours=1), tick=False):
        report_by(newer, members.coordinator, members.region_coordinator)
        report_by(older, members.coordinator)
    reviewed = reply_of(topic, members.agent)
    report_by(reviewed, members.coordinator)
    moderation.review_post(post=reviewed, by=members.coordinator.user, keep=True)
    elsewhere = topic_in(spaces.auvergne, members.other_agent).posts.get()
    report_by(elsewhere, members.national)
    # act
    items = selectors.queue(spaces.occitanie)
    # assert
    assert [(item.post, len(item.reports)) for item in items] == [(older, 2), (newer, 2)]
    assert items[0].first_reported_at == NOW


def test_the_personal_data_holds_ones_reports_and_mutes_only(members, spaces):
    # arrange
    post = topic_in(spaces.occitanie, members.coordinator).posts.get()
    report_by(post, members.agent, members.region_coordinator)
    moderation.mute(
        space=spaces.occitanie,
        member=members.agent.user,
        by=members.coordinator.user,
        days=1,
        reason="Essai.",
    )
    # act
    data = selectors.personal_data(members.agent.user)
    # assert
    assert [report["post"] for report in data["reports_made"]] == [post.pk]
    assert [(mute["space"], mute["reason"]) for mute in data["mutes"]] == [
        (spaces.occitanie.title, "Essai.")
    ]
    assert "muted_by" not in data["mutes"][0]
