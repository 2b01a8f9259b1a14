"""How closely a member follows a space or a topic, with Discourse's levels, and what they
are told of: their notifications."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["Level", "Notification", "NotificationKind", "Subscription"]


class Level(models.TextChoices):
    """Watching: every new post. Watching first post (spaces only): every new topic.
    Tracking and normal: replies to me and mentions (tracking also counts unread posts).
    Muted: nothing."""

    WATCHING = "watching", _("Watching")
    WATCHING_FIRST_POST = "watching_first_post", _("Watching first post")
    TRACKING = "tracking", _("Tracking")
    NORMAL = "normal", _("Normal")
    MUTED = "muted", _("Muted")


class Subscription(models.Model):
    """A member's level for one space or one topic; a topic's level overrides its space's."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="forum_subscriptions",
    )
    space = models.ForeignKey(
        "network.Space",
        verbose_name=_("space"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    topic = models.ForeignKey(
        "network.Topic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("forum subscription")
        verbose_name_plural = _("forum subscriptions")
        constraints = [
            models.CheckConstraint(
                name="forum_subscription_space_xor_topic",
                condition=Q(space__isnull=False, topic__isnull=True)
                | Q(space__isnull=True, topic__isnull=False),
            ),
            models.CheckConstraint(
                name="forum_subscription_first_post_on_spaces",
                condition=~Q(level="watching_first_post") | Q(topic__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["user", "space"],
                condition=Q(space__isnull=False),
                name="forum_subscription_one_per_space",
            ),
            models.UniqueConstraint(
                fields=["user", "topic"],
                condition=Q(topic__isnull=False),
                name="forum_subscription_one_per_topic",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.topic or self.space} · {self.level}"


class NotificationKind(models.TextChoices):
    """Why a member is told of a post, the first that applies in this order."""

    MENTION = "mention", _("Mention")
    REPLY_TO_ME = "reply_to_me", _("Reply to me")
    NEW_TOPIC_WATCHED = "new_topic_watched", _("New topic in a space I watch")
    NEW_POST_WATCHED = "new_post_watched", _("New message in a topic I watch")


class Notification(models.Model):
    """A member told of a post: once per member and post; ``emailed_at`` keeps the e-mail of
    a reply or a mention from being sent twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="forum_notifications",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    post = models.ForeignKey(
        "network.Post",
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("forum notification")
        verbose_name_plural = _("forum notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="forum_notification_once")
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="forum_notification_list"),
            models.Index(
                fields=["user"],
                condition=Q(read_at__isnull=True),
                name="forum_notification_unread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind} · {self.post_id}"
