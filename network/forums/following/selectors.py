"""Who follows what, and how closely; a member's notifications; whom to suggest when they
mention someone."""

from django.db.models import Q

from network.models import AgentProfile
from network.permissions import Action, can, region_id_of

from .. import rules
from ..models import Space, Topic
from . import mentions
from .models import Level, Notification, Subscription


def levels_of(topic: Topic, user_ids) -> dict[int, str]:
    """Each of ``user_ids``'s level for ``topic``: the topic's own, else the space's
    (watching a space's first posts leaves its topics at normal), else normal. One query."""
    own, by_space = {}, {}
    for user_id, topic_id, level in Subscription.objects.filter(
        Q(topic=topic) | Q(space_id=topic.space_id), user_id__in=user_ids
    ).values_list("user_id", "topic_id", "level"):
        (own if topic_id else by_space)[user_id] = level
    return {
        user_id: own.get(user_id) or _inherited(by_space.get(user_id, Level.NORMAL))
        for user_id in user_ids
    }


def _inherited(space_level: str) -> str:
    return Level.NORMAL if space_level == Level.WATCHING_FIRST_POST else space_level


def level_for(user, topic: Topic) -> str:
    return levels_of(topic, [user.pk])[user.pk]


def space_level_for(user, space) -> str:
    return (
        Subscription.objects.filter(user=user, space=space).values_list("level", flat=True).first()
        or Level.NORMAL
    )


def watchers_of(topic: Topic) -> set[int]:
    """The ids of the members watching ``topic``: by its own level, or by its space's
    when they set none for the topic."""
    by_topic = dict(Subscription.objects.filter(topic=topic).values_list("user_id", "level"))
    by_space = Subscription.objects.filter(space_id=topic.space_id, level=Level.WATCHING)
    return {user_id for user_id, level in by_topic.items() if level == Level.WATCHING} | {
        user_id
        for user_id in by_space.values_list("user_id", flat=True)
        if user_id not in by_topic
    }


def first_post_watchers_of(space) -> set[int]:
    """The ids of the members told of every new topic of ``space``."""
    return set(
        Subscription.objects.filter(
            space=space, level__in=[Level.WATCHING, Level.WATCHING_FIRST_POST]
        ).values_list("user_id", flat=True)
    )


NOTIFICATIONS_PAGE_SIZE = 25
MENTION_SUGGESTIONS = 10
# Members looked at, by name, to find ``MENTION_SUGGESTIONS`` who read the topic.
MENTION_CANDIDATES = 50


def _readable(notifications, profile):
    """``notifications`` of posts ``profile`` still reads (live posts of live topics of the
    spaces they read)."""
    spaces = Space.objects.filter(rules.readable_spaces(profile, region_id=region_id_of(profile)))
    return notifications.filter(
        post__deleted_at=None, post__topic__deleted_at=None, post__topic__space__in=spaces
    )


def notifications_of(profile):
    """``profile``'s notifications they may still read, newest first, with what a list
    shows of each."""
    return _readable(Notification.objects.filter(user_id=profile.user_id), profile).select_related(
        "post__author", "post__topic__space"
    )


def unread_count(profile) -> int:
    """One query (the member's profile, maison and department being known)."""
    return _readable(
        Notification.objects.filter(user_id=profile.user_id, read_at=None), profile
    ).count()


def mention_suggestions(topic: Topic, text: str) -> list[str]:
    """Up to ``MENTION_SUGGESTIONS`` full names of listed members who read ``topic`` and a
    word of whose name starts with each word of ``text``, whatever its accents."""
    members = AgentProfile.objects.filter(listed=True, user__is_active=True)
    for word in text.split()[:4]:
        pattern = mentions.prefix_pattern(word)
        members = members.filter(
            Q(user__first_name__iregex=pattern) | Q(user__last_name__iregex=pattern)
        )
    members = members.select_related("user", "maison__department", "department").order_by(
        "user__last_name", "user__first_name", "pk"
    )
    names = []
    for profile in members[:MENTION_CANDIDATES]:
        if can(profile.user, Action.READ_FORUM_SPACE, topic):
            names.append(profile.user.get_full_name())
            if len(names) == MENTION_SUGGESTIONS:
                break
    return names
