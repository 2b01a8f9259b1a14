"""How often a member gets the digest of what they follow, and which digests went out."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["DigestFrequency", "DigestPreference", "DigestSent"]


class DigestFrequency(models.TextChoices):
    NEVER = "never", _("Never")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class DigestPreference(models.Model):
    """A member's choice; without a row, the member gets the weekly digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="digest_preference",
    )
    frequency = models.CharField(
        _("frequency"),
        max_length=10,
        choices=DigestFrequency.choices,
        default=DigestFrequency.WEEKLY,
    )
    last_sent_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("forum digest preference")
        verbose_name_plural = _("forum digest preferences")

    def __str__(self) -> str:
        return f"{self.user} · {self.frequency}"


class DigestSent(models.Model):
    """One digest per member and period: the row is written before the e-mail goes, in
    the same transaction, so a second run (or a second instance) of the job sends none."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    frequency = models.CharField(_("frequency"), max_length=10, choices=DigestFrequency.choices)
    period_start = models.DateField(_("period start"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("forum digest sent")
        verbose_name_plural = _("forum digests sent")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "frequency", "period_start"], name="forum_digest_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.frequency} · {self.period_start}"
