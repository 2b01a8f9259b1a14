"""Reads of the forums, each in a constant number of queries: the spaces a member reads
(with their topic counts and last activity), a space's topics, a topic's posts."""

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q

from network.models import AgentProfile
from network.permissions import region_id_of

from . import rules
from .models import Attachment, Post, Space, Thanks, Topic

TOPICS_PAGE_SIZE = 25
POSTS_PAGE_SIZE = 20


def spaces_for(profile: AgentProfile):
    live = Q(topics__deleted_at__isnull=True)
    return (
        Space.objects.filter(rules.readable_spaces(profile, region_id=region_id_of(profile)))
        .select_related("region", "partner")
        .annotate(
            topic_count=Count("topics", filter=live),
            last_activity_at=Max("topics__last_activity_at", filter=live),
        )
        .order_by("order", "title")
    )


def topics_of(space: Space, *, with_deleted: bool = False):
    """Pinned first, then by last activity, with their authors (``with_post_counts`` adds
    the counts to one page of them)."""
    topics = space.topics.all() if with_deleted else space.topics.filter(deleted_at=None)
    return topics.select_related("author").order_by("-pinned", "-last_activity_at", "-pk")


def with_post_counts(topics) -> list[Topic]:
    """``topics`` (a page of them), each with its ``post_count``: one query for the page,
    whatever the size of the space."""
    topics = list(topics)
    counts = dict(
        Post.objects.filter(topic__in=topics, deleted_at=None)
        .values_list("topic")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for topic in topics:
        topic.post_count = counts.get(topic.pk, 0)
    return topics


def posts_of(topic: Topic, user):
    """In order, with their authors' profiles, attachments, thanks counts and whether
    ``user`` thanked each."""
    return (
        topic.posts.select_related("author__profile__maison", "author__profile__partner")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("pk")))
        .annotate(
            thanks_count=Count("thanks", distinct=True),
            thanked=Exists(Thanks.objects.filter(post=OuterRef("pk"), user=user)),
            revision_count=Count("revisions", distinct=True),
        )
        .order_by("created_at", "pk")
    )


def page_of_post(post: Post) -> int:
    """The page of its topic where ``post`` shows."""
    before = post.topic.posts.filter(
        Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk)
    ).count()
    return before // POSTS_PAGE_SIZE + 1
