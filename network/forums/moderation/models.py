"""Reports of posts, mutes of members in a space and the log of moderators' actions.

The forums' models are named by string: ``network.forums.models`` imports this module."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["ModerationAction", "Mute", "Report", "ReportReason"]


class ReportReason(models.TextChoices):
    PERSONAL_DATA = "personal_data", _("Personal data of a person")
    OFF_TOPIC = "off_topic", _("Off-topic")
    DISRESPECTFUL = "disrespectful", _("Disrespectful")
    SPAM = "spam", _("Spam or advertising")
    OTHER = "other", _("Other")


class Report(models.Model):
    """A member's report of a post, open until a moderator reviews the post."""

    class Outcome(models.TextChoices):
        KEPT = "kept", _("Kept")
        DELETED = "deleted", _("Deleted")

    post = models.ForeignKey(
        "network.Post", verbose_name=_("post"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="forum_reports",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    note = models.TextField(_("details"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], name="forum_report_once")
        ]
        indexes = [models.Index(fields=["post", "reviewed_at"], name="forum_report_open")]

    def __str__(self) -> str:
        return f"{self.reporter} → {self.post}"


class Mute(models.Model):
    """A member who reads a space but may not post there until ``until`` (or until a
    moderator lifts it)."""

    space = models.ForeignKey(
        "network.Space", verbose_name=_("space"), on_delete=models.CASCADE, related_name="mutes"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="forum_mutes",
    )
    until = models.DateTimeField(_("until"))
    reason = models.CharField(_("reason"), max_length=500)
    muted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("muted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("mute")
        verbose_name_plural = _("mutes")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["space", "member", "until"], name="forum_mute_active")]

    def __str__(self) -> str:
        return f"{self.member} ({self.space}, {self.until:%Y-%m-%d})"


class ModerationAction(models.Model):
    """One thing a moderator did, with what it was done to."""

    class Kind(models.TextChoices):
        KEEP = "keep", _("Reported message kept")
        DELETE_POST = "delete_post", _("Message deleted")
        PIN = "pin", _("Topic pinned")
        UNPIN = "unpin", _("Topic unpinned")
        LOCK = "lock", _("Topic locked")
        UNLOCK = "unlock", _("Topic unlocked")
        MOVE = "move", _("Topic moved")
        DELETE = "delete", _("Topic deleted")
        RESTORE = "restore", _("Topic restored")
        MUTE = "mute", _("Member muted")
        UNMUTE = "unmute", _("Member unmuted")

    space = models.ForeignKey(
        "network.Space",
        verbose_name=_("space"),
        on_delete=models.CASCADE,
        related_name="moderation_log",
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("action"), max_length=15, choices=Kind.choices)
    topic = models.ForeignKey(
        "network.Topic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="moderation_log",
    )
    post = models.ForeignKey(
        "network.Post",
        verbose_name=_("post"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="moderation_log",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    destination = models.ForeignKey(
        "network.Space",
        verbose_name=_("moved to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")
        ordering = ["at", "pk"]
        indexes = [
            models.Index(fields=["topic", "at"], name="forum_moderation_topic"),
            models.Index(fields=["space", "-at"], name="forum_moderation_space"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d %H:%M})"
