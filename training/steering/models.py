"""The definition of a trained agent (a setting the national cell edits) and the record of
the reminders sent to late agents."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="user")
class TrainedDefinition(BaseGenericSetting):
    """ "Définition d'un agent formé": the modules an agent must hold a valid completion of
    to count as trained, and when the plan's mandatory modules fall due."""

    modules = models.ManyToManyField(
        "training.ModulePage",
        verbose_name=_("modules that make an agent trained"),
        blank=True,
        related_name="+",
        help_text=_("Empty: the current plan's common core and its national partners' modules."),
    )
    due_date = models.DateField(
        _("mandatory modules due by"),
        null=True,
        blank=True,
        help_text=_(
            "After this date, a mandatory module not completed is overdue. "
            "Empty: 31 December of the current plan's year."
        ),
    )

    # The modules (see ``selectors.definition_key``) the ``TrainedAgent`` rows were counted
    # for; another key: they are stale, and read no more until rebuilt.
    agents_key = models.CharField(max_length=64, blank=True, editable=False)

    panels = [FieldPanel("modules"), FieldPanel("due_date")]

    class Meta:
        verbose_name = _("definition of a trained agent")


class TrainedAgent(models.Model):
    """An agent who holds every module of the definition, and until when (None: for good):
    counted ahead, so that the maisons' counts need not read every completion."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    until = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user_id} – {self.until or '∞'}"


class LateReminder(models.Model):
    """One reminder e-mailed to an agent late with their mandatory modules."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="late_reminders"
    )
    sent_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "sent_at"], name="late_reminder_user_sent")]

    def __str__(self) -> str:
        return f"{self.user} – {self.sent_at:%Y-%m-%d}"
