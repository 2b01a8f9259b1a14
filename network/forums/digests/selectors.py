"""What a member's digest holds: since their last digest (at most one period back), the new
topics of the spaces they watch (or watch for first posts) and the new posts of the topics
they watch or track, in the spaces they still read; never their own posts, nothing deleted,
nothing muted.

The job asks a constant number of queries for all the members of a frequency (the
recipients, the window's posts, their subscriptions) and one per member (the spaces they
read, through ``rules.readable_spaces``)."""

import html
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import ngettext

from network.permissions import region_id_of
from portal.public_urls import public_url

from .. import rules
from ..following.models import Level, Subscription
from ..models import Post, Space
from ..moderation.selectors import hidden_posts
from .models import DigestFrequency, DigestPreference, DigestSent

PERIODS = {
    DigestFrequency.DAILY: timedelta(days=1),
    DigestFrequency.WEEKLY: timedelta(days=7),
}
EXCERPTS_PER_TOPIC = 3
TOPICS_PER_DIGEST = 15
EXCERPT_CHARS = 200
# Levels that put every new post of a topic in the digest; those that put a space's new
# topics (their first post) in it.
EVERY_POST = {Level.WATCHING, Level.TRACKING}
FIRST_POSTS = {Level.WATCHING, Level.WATCHING_FIRST_POST}


@dataclass
class DigestTopic:
    pk: int
    title: str
    url: str
    is_new: bool  # opened within the digest's window
    posts: list[Post]
    space: Space

    @property
    def post_count(self) -> int:
        return len(self.posts)

    @cached_property
    def excerpts(self) -> list[tuple[str, str]]:
        """The author's name and the first words of the first posts."""
        return [
            (post.author.get_full_name() if post.author else "", excerpt(post))
            for post in self.posts[:EXCERPTS_PER_TOPIC]
        ]

    @property
    def more_count(self) -> int:
        return max(0, self.post_count - EXCERPTS_PER_TOPIC)

    # The counts in words, worked out once for the digest's two parts (text and HTML):
    # a template's plural tag in a loop costs more than the rest of the rendering.
    @cached_property
    def post_count_label(self) -> str:
        count = self.post_count
        return ngettext("%(counter)s new post", "%(counter)s new posts", count) % {
            "counter": count
        }

    @cached_property
    def more_count_label(self) -> str:
        count = self.more_count
        return ngettext("and %(counter)s more", "and %(counter)s more", count) % {"counter": count}


@dataclass
class DigestSpace:
    title: str
    topics: list[DigestTopic]


@dataclass
class Digest:
    """The most recently active topics (``TOPICS_PER_DIGEST`` at most) by space; the
    others only counted."""

    user: object
    since: datetime
    spaces: list[DigestSpace]
    more_topics: int = 0
    more_posts: int = 0

    @property
    def post_count(self) -> int:
        shown = sum(topic.post_count for space in self.spaces for topic in space.topics)
        return shown + self.more_posts


@dataclass
class _Window:
    """The posts of the period, shared by every member's digest."""

    posts_by_topic: dict[int, list[Post]] = field(default_factory=lambda: defaultdict(list))
    topics_by_space: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    urls: dict[int, str] = field(default_factory=dict)


def period_start(frequency: str, now: datetime) -> date:
    """The day a period starts, in the site's time zone: today, or this week's Monday."""
    today = timezone.localdate(now)
    if frequency == DigestFrequency.WEEKLY:
        return today - timedelta(days=today.weekday())
    return today


def excerpt(post: Post) -> str:
    """The first words of ``post`` as plain text, from its sanitised HTML; worked out once
    per post, which many digests share."""
    if not hasattr(post, "excerpt"):
        text = " ".join(html.unescape(strip_tags(post.body_html)).split())
        post.excerpt = Truncator(text).chars(EXCERPT_CHARS)
    return post.excerpt


def recipients(frequency: str, *, now: datetime):
    """Active members on ``frequency`` (weekly: also those who never chose) who follow
    something closely enough and got no digest of this period yet."""
    chosen = Q(digest_preference__frequency=frequency)
    if frequency == DigestFrequency.WEEKLY:
        chosen |= Q(digest_preference__isnull=True)
    return (
        get_user_model()
        .objects.filter(chosen, is_active=True, profile__isnull=False)
        .filter(
            Exists(
                Subscription.objects.filter(
                    user=OuterRef("pk"), level__in=EVERY_POST | FIRST_POSTS
                )
            )
        )
        .exclude(
            Exists(
                DigestSent.objects.filter(
                    user=OuterRef("pk"),
                    frequency=frequency,
                    period_start=period_start(frequency, now),
                )
            )
        )
        .select_related("profile__maison__department", "profile__department", "digest_preference")
        .order_by("pk")
    )


def _window_posts(start: datetime, end: datetime):
    first_post = Post.objects.filter(topic=OuterRef("topic")).order_by("created_at", "pk")
    return (
        Post.objects.filter(
            created_at__gte=start,
            created_at__lt=end,
            deleted_at=None,
            topic__deleted_at=None,
        )
        .exclude(pk__in=hidden_posts())  # reported until reviewed
        .select_related("topic__space", "author")
        .only(
            "pk",
            "author__first_name",
            "author__last_name",
            "author__email",
            "created_at",
            "body_html",
            "topic__id",
            "topic__title",
            "topic__created_at",
            "topic__space__id",
            "topic__space__slug",
            "topic__space__title",
            "topic__space__order",
        )
        .annotate(first_pk=Subquery(first_post.values("pk")[:1]))
        .order_by("created_at", "pk")
    )


def last_sent_at(user) -> datetime | None:
    try:
        return user.digest_preference.last_sent_at
    except DigestPreference.DoesNotExist:
        return None


def digests(frequency: str, *, now: datetime) -> Iterator[Digest]:
    """The non-empty digests of the members on ``frequency``, as of ``now``."""
    window_start = now - PERIODS[frequency]
    users = recipients(frequency, now=now)
    posts = _window_posts(window_start, now)
    window = _Window()
    for post in posts:
        window.posts_by_topic[post.topic_id].append(post)
        window.topics_by_space[post.topic.space_id].add(post.topic_id)
        if post.topic_id not in window.urls:
            window.urls[post.topic_id] = public_url(post.topic.get_absolute_url())
    if not window.posts_by_topic:
        return
    topic_levels: dict[int, dict[int, str]] = defaultdict(dict)
    space_levels: dict[int, dict[int, str]] = defaultdict(dict)
    for user_id, space_id, topic_id, level in Subscription.objects.filter(
        Q(space__isnull=False) | Q(topic__in=posts.values("topic_id")),
        user__in=users.values("pk"),
    ).values_list("user_id", "space_id", "topic_id", "level"):
        if topic_id:
            topic_levels[user_id][topic_id] = level
        else:
            space_levels[user_id][space_id] = level
    for user in users:
        since = max(filter(None, [last_sent_at(user), window_start]))
        digest = _digest_of(user, since, window, topic_levels[user.pk], space_levels[user.pk])
        if digest.spaces:
            yield digest


def _digest_of(user, since, window: "_Window", own_levels, space_levels) -> Digest:
    candidates = {topic_id for topic_id in own_levels if topic_id in window.posts_by_topic}
    for space_id, level in space_levels.items():
        if level in EVERY_POST | FIRST_POSTS:
            candidates |= window.topics_by_space.get(space_id, set())
    readable = (
        set(
            Space.objects.filter(
                rules.readable_spaces(user.profile, region_id=region_id_of(user.profile))
            ).values_list("pk", flat=True)
        )
        if candidates
        else set()
    )
    found: list[DigestTopic] = []
    for topic_id in candidates:
        posts = window.posts_by_topic[topic_id]
        topic = posts[0].topic
        if topic.space_id not in readable:
            continue
        space_level = space_levels.get(topic.space_id, Level.NORMAL)
        level = own_levels.get(topic_id) or (
            Level.NORMAL if space_level == Level.WATCHING_FIRST_POST else space_level
        )
        if level in EVERY_POST:
            wanted = posts
        elif level != Level.MUTED and space_level in FIRST_POSTS:
            wanted = [post for post in posts if post.pk == post.first_pk]
        else:
            wanted = []
        wanted = [p for p in wanted if p.created_at >= since and p.author_id != user.pk]
        if wanted:
            found.append(
                DigestTopic(
                    pk=topic_id,
                    title=topic.title,
                    url=window.urls[topic_id],
                    is_new=topic.created_at >= since,
                    posts=wanted,
                    space=topic.space,
                )
            )
    found.sort(key=lambda topic: topic.posts[-1].created_at, reverse=True)
    shown = found[:TOPICS_PER_DIGEST]
    spaces = sorted(
        {topic.space.pk: topic.space for topic in shown}.values(),
        key=lambda space: (space.order, space.title, space.pk),
    )
    return Digest(
        user=user,
        since=since,
        spaces=[
            DigestSpace(
                title=space.title, topics=[topic for topic in shown if topic.space == space]
            )
            for space in spaces
        ],
        more_topics=len(found) - len(shown),
        more_posts=sum(topic.post_count for topic in found[TOPICS_PER_DIGEST:]),
    )


def personal_data(user) -> dict:
    """For the member's data export: their frequency and the digests sent to them."""
    preference = DigestPreference.objects.filter(user=user).first()
    return {
        "frequency": preference.frequency if preference else DigestFrequency.WEEKLY.value,
        "last_sent_at": preference.last_sent_at.isoformat()
        if preference and preference.last_sent_at
        else None,
        "sent": [
            {"frequency": frequency, "period_start": start.isoformat()}
            for frequency, start in DigestSent.objects.filter(user=user)
            .order_by("period_start", "frequency")
            .values_list("frequency", "period_start")
        ],
    }
