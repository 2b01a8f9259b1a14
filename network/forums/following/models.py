"""How closely a member follows a space or a topic, with Discourse's levels."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

__all__ = ["Level", "Subscription"]


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
