"""Writes of following: the level a member chooses for a space or a topic, notifications
read. The levels given by default (the author of a topic watches it, a member who replies
tracks it) are set by ``network.forums.services`` as it saves their posts."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from network.permissions import Action, can

from ..exceptions import ForumRefused
from ..models import Space, Topic
from .models import Level, Notification, Subscription


@transaction.atomic
def set_level(*, user, level: str, space: Space | None = None, topic: Topic | None = None):
    """``user``'s level for ``space`` or ``topic`` (exactly one), which they must read."""
    if (space is None) == (topic is None):
        raise ValueError("set_level takes a space or a topic")
    if level not in Level.values or (topic is not None and level == Level.WATCHING_FIRST_POST):
        raise ValueError(f"unknown level for this target: {level}")
    if not can(user, Action.READ_FORUM_SPACE, topic or space):
        raise ForumRefused(_("You may not read this space."))
    subscription, _created = Subscription.objects.update_or_create(
        user=user, space=space, topic=topic, defaults={"level": level}
    )
    return subscription


def mark_read(*, notification: Notification) -> None:
    """Read now, unless read already."""
    Notification.objects.filter(pk=notification.pk, read_at=None).update(read_at=timezone.now())


def mark_all_read(*, user) -> int:
    """Every unread notification of ``user``; how many there were."""
    return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())
