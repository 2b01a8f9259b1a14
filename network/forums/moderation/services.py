"""Writes of the moderation: reports, reviews, mutes, and the log every moderator action
leaves (``log``, also called by the topic actions of ``network.forums.services``)."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from network.permissions import Action, can

from ..exceptions import ForumRefused
from ..models import Post, Space, Topic
from . import selectors, tasks
from .models import ModerationAction, Mute, Report, ReportReason

MUTE_DAYS = (1, 7, 30)


def log(
    *,
    by,
    kind: str,
    topic: Topic | None = None,
    post: Post | None = None,
    member=None,
    space: Space | None = None,
    destination: Space | None = None,
    reason: str = "",
) -> ModerationAction:
    """Record what moderator ``by`` did; the space is the topic's (before a move)."""
    if topic is None and post is not None:
        topic = post.topic
    return ModerationAction.objects.create(
        space=space or topic.space,
        moderator=by,
        kind=kind,
        topic=topic,
        post=post,
        member=member,
        destination=destination,
        reason=reason,
    )


def log_post_deletion(*, post: Post, by) -> None:
    """A message deleted by someone else than its author: by a moderator, logged."""
    if post.author_id != by.pk:
        log(by=by, kind=ModerationAction.Kind.DELETE_POST, post=post)


def _refuse_unless(condition: bool, message: str) -> None:
    if not condition:
        raise ForumRefused(message)


def ensure_not_muted(space: Space, user) -> None:
    """Refuse a post from a member muted in ``space``, saying until when."""
    mute = selectors.active_mute(space, user)
    if mute is not None:
        raise ForumRefused(
            _("You are muted in this space until %(until)s: %(reason)s")
            % {
                "until": formats.date_format(timezone.localtime(mute.until), "DATETIME_FORMAT"),
                "reason": mute.reason,
            }
        )


@transaction.atomic
def report_post(*, post: Post, reporter, reason: str, note: str = "") -> bool:
    """Once per member and post; True if newly reported."""
    _refuse_unless(can(reporter, Action.REPORT_POST, post), _("You cannot report this message."))
    _refuse_unless(reason in ReportReason.values, _("Choose a reason."))
    _refuse_unless(
        reason != ReportReason.OTHER or bool(note.strip()), _("Say what is wrong with it.")
    )
    try:
        with transaction.atomic():
            Report.objects.create(post=post, reporter=reporter, reason=reason, note=note.strip())
    except IntegrityError:
        return False
    return True


@transaction.atomic
def review_post(*, post: Post, by, keep: bool, reason: str = "") -> None:
    """Close the post's open reports: kept (visible again) or deleted (soft deletion);
    the author is told by e-mail, after commit, when the post is deleted or was hidden."""
    topic = post.topic
    _refuse_unless(
        can(by, Action.MODERATE_FORUM_SPACE, topic.space), _("Only moderators do this.")
    )
    reports = selectors.open_reports().filter(post=post)
    count = reports.count()
    _refuse_unless(count > 0, _("This message has no report to review."))
    now = timezone.now()
    reports.update(
        reviewed_at=now, outcome=Report.Outcome.KEPT if keep else Report.Outcome.DELETED
    )
    if not keep:
        post.deleted_at, post.deleted_by = now, by
        post.save(update_fields=["deleted_at", "deleted_by"])
        Topic.objects.filter(solution=post).update(solution=None)
    log(
        by=by,
        kind=ModerationAction.Kind.KEEP if keep else ModerationAction.Kind.DELETE_POST,
        post=post,
        member=post.author,
        reason=reason,
    )
    if post.author_id is not None and (not keep or count >= selectors.hide_after()):
        transaction.on_commit(
            lambda: tasks.send_review_outcome.enqueue(post.pk, keep=keep, reason=reason)
        )


@transaction.atomic
def mute(*, space: Space, member, by, days: int, reason: str) -> Mute:
    """``member`` reads ``space`` but may not post there for ``days`` days; a mute still
    running is replaced."""
    _refuse_unless(can(by, Action.MODERATE_FORUM_SPACE, space), _("Only moderators do this."))
    _refuse_unless(days in MUTE_DAYS, _("Choose a duration."))
    _refuse_unless(bool(reason.strip()), _("Give the reason."))
    _refuse_unless(
        member.pk != by.pk and not can(member, Action.MODERATE_FORUM_SPACE, space),
        _("A moderator of the space cannot be muted in it."),
    )
    now = timezone.now()
    selectors.active_mutes(space).filter(member=member).update(lifted_at=now)
    muted = Mute.objects.create(
        space=space, member=member, until=now + timedelta(days=days), reason=reason, muted_by=by
    )
    log(by=by, kind=ModerationAction.Kind.MUTE, space=space, member=member, reason=reason)
    return muted


@transaction.atomic
def unmute(*, space: Space, member, by) -> bool:
    """Lift ``member``'s mute in ``space``; False if there was none."""
    _refuse_unless(can(by, Action.MODERATE_FORUM_SPACE, space), _("Only moderators do this."))
    lifted = selectors.active_mutes(space).filter(member=member).update(lifted_at=timezone.now())
    if lifted:
        log(by=by, kind=ModerationAction.Kind.UNMUTE, space=space, member=member)
    return bool(lifted)
