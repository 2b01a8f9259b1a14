"""Who follows what, and how closely."""

from django.db.models import Q

from ..models import Topic
from .models import Level, Subscription


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
