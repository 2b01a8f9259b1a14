"""Reads of the moderation, each in a constant number of queries: which posts of a topic
are hidden by reports, what a member reported, a space's queue, its muted members and the
moderators' actions on a topic or in a space."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Min, Prefetch
from django.utils import timezone

from ..models import Post, Space, Topic
from .models import ModerationAction, Mute, Report

# What members who do not moderate see of the log: the topic's state, not the reviews.
PUBLIC_KINDS = {
    ModerationAction.Kind.PIN,
    ModerationAction.Kind.UNPIN,
    ModerationAction.Kind.LOCK,
    ModerationAction.Kind.UNLOCK,
    ModerationAction.Kind.MOVE,
    ModerationAction.Kind.DELETE,
    ModerationAction.Kind.RESTORE,
    ModerationAction.Kind.DELETE_POST,
}


def hide_after() -> int:
    return settings.FORUM_HIDE_AFTER_REPORTS


def open_reports():
    return Report.objects.filter(reviewed_at=None)


def hidden_posts():
    """The ids of the posts hidden now, as a subquery to exclude them."""
    return (
        open_reports()
        .values("post")
        .annotate(reports=Count("pk"))
        .filter(reports__gte=hide_after())
        .values("post")
    )


def is_hidden(post: Post) -> bool:
    """Reported by at least ``FORUM_HIDE_AFTER_REPORTS`` members and not reviewed since."""
    return open_reports().filter(post=post).count() >= hide_after()


@dataclass
class TopicModeration:
    """For one member on one topic: each post's open reports, those hidden by them and
    those the member reported."""

    open_counts: dict[int, int] = field(default_factory=dict)
    reported: set[int] = field(default_factory=set)

    def hidden(self, post_id: int) -> bool:
        return self.open_counts.get(post_id, 0) >= hide_after()


def topic_moderation(topic: Topic, user) -> TopicModeration:
    """Two queries for the whole topic, whatever its size."""
    counts = (
        open_reports()
        .filter(post__topic=topic)
        .values_list("post")
        .annotate(count=Count("pk"))
        .order_by()
    )
    reported = Report.objects.filter(post__topic=topic, reporter_id=user.pk)
    return TopicModeration(dict(counts), set(reported.values_list("post_id", flat=True)))


@dataclass
class QueueItem:
    post: Post
    reports: list[Report]

    @property
    def hidden(self) -> bool:
        return len(self.reports) >= hide_after()

    @property
    def first_reported_at(self):
        return self.reports[0].created_at


def queue(space: Space) -> list[QueueItem]:
    """The posts of ``space`` with open reports (deleted ones left out), the longest
    waiting first, each with its reports and reporters."""
    posts = (
        Post.objects.filter(
            topic__space=space,
            deleted_at=None,
            reports__isnull=False,
            reports__reviewed_at=None,
        )
        .annotate(first_reported_at=Min("reports__created_at"))
        .select_related("topic__space", "author")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=open_reports().select_related("reporter").order_by("created_at", "pk"),
                to_attr="open_reports",
            )
        )
        .order_by("first_reported_at", "pk")
    )
    return [QueueItem(post, post.open_reports) for post in posts]


def active_mutes(space: Space):
    return (
        Mute.objects.filter(space=space, lifted_at=None, until__gt=timezone.now())
        .select_related("member", "muted_by")
        .order_by("until", "pk")
    )


def active_mute(space: Space, user) -> Mute | None:
    if not user.is_authenticated:
        return None
    return active_mutes(space).filter(member=user).order_by("-until").first()


def topic_log(topic: Topic, *, moderates: bool):
    """The moderators' actions on ``topic``, oldest first; what all members see of it
    unless ``moderates``."""
    entries = topic.moderation_log.select_related("moderator", "destination", "space")
    if not moderates:
        entries = entries.filter(kind__in=PUBLIC_KINDS)
    return entries.order_by("at", "pk")


def space_log(space: Space, *, limit: int = 50) -> list[ModerationAction]:
    """The latest actions of the space's moderators, newest first."""
    return list(
        space.moderation_log.select_related(
            "moderator", "topic__space", "member", "destination"
        ).order_by("-at", "-pk")[:limit]
    )


def personal_data(user) -> dict:
    """What the moderation holds about ``user`` for their data export: the reports they
    made and the mutes they received (who muted them is left out)."""
    return {
        "reports_made": [
            {
                "post": report.post_id,
                "reason": report.reason,
                "note": report.note,
                "at": report.created_at.isoformat(),
                "outcome": report.outcome or None,
            }
            for report in Report.objects.filter(reporter=user).order_by("created_at", "pk")
        ],
        "mutes": [
            {
                "space": mute.space.title,
                "until": mute.until.isoformat(),
                "reason": mute.reason,
                "lifted_at": mute.lifted_at.isoformat() if mute.lifted_at else None,
            }
            for mute in Mute.objects.filter(member=user).select_related("space")
        ],
    }
