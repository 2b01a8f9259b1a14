"""A maison's monthly report (``ActivityReport``) and its lines (visits per partner and
theme), each correction with the figures it replaced (``ActivityCorrection``), and the
reminders sent (``ActivityReminder``, once per maison, month and kind)."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "ActivityCorrection",
    "ActivityLine",
    "ActivityReminder",
    "ActivityReport",
    "ActivityTheme",
]

# More visits than this in one cell (a partner and a theme, in a month) is a typo.
VISITS_MAX = 20_000


class ActivityTheme(models.TextChoices):
    """What a visit was about; the code is the CSV import's ``theme`` column."""

    FAMILY = "famille", _("Family / social benefits")
    HEALTH = "sante", _("Health")
    RETIREMENT = "retraite", _("Retirement")
    EMPLOYMENT = "emploi", _("Employment")
    TAXES = "impots", _("Taxes")
    IDENTITY = "papiers", _("Identity papers, driving licence, vehicle registration")
    JUSTICE = "justice", _("Justice")
    HOUSING = "logement", _("Housing")
    DIGITAL = "numerique", _("Digital access / rights")
    OTHER = "autre", _("Other")


class ActivityReport(models.Model):
    """One maison's visits of one month (``month``: its first day); ``total_visits`` is the
    sum of its lines, kept for the dashboards."""

    maison = models.ForeignKey(
        "directory.MaisonPage",
        verbose_name=_("France Services"),
        on_delete=models.CASCADE,
        related_name="activity_reports",
    )
    month = models.DateField(_("month"))
    total_visits = models.PositiveIntegerField(_("visits"), default=0)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="activity_reports",
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["maison", "month"], name="unique_activity_report")
        ]
        indexes = [models.Index(fields=["month", "maison"], name="activity_report_month")]

    def __str__(self) -> str:
        return f"{self.maison_id} {self.month:%Y-%m}"


class ActivityLine(models.Model):
    """Visits of a report for one partner (None: another partner) and theme. The maison
    and month are copied from the report so that the dashboards aggregate the lines of
    a territory and period without a join."""

    report = models.ForeignKey(
        ActivityReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="lines"
    )
    maison = models.ForeignKey(
        "directory.MaisonPage",
        verbose_name=_("France Services"),
        on_delete=models.CASCADE,
        related_name="activity_lines",
    )
    month = models.DateField(_("month"))
    partner = models.ForeignKey(
        "directory.Partner",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    theme = models.CharField(_("theme"), max_length=12, choices=ActivityTheme.choices)
    visits = models.PositiveIntegerField(_("visits"), validators=[MaxValueValidator(VISITS_MAX)])

    class Meta:
        verbose_name = _("activity line")
        verbose_name_plural = _("activity lines")
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["maison", "month"], name="activity_line_maison_month"),
            models.Index(fields=["month", "partner"], name="activity_line_month_partner"),
        ]

    def __str__(self) -> str:
        return f"{self.partner_id or '-'} {self.theme} {self.visits}"


class ActivityCorrection(models.Model):
    """A correction of a report: who, when, why, and the figures it replaced
    (``previous_lines``: ``[{"partner": slug or "", "theme": code, "visits": n}]``)."""

    report = models.ForeignKey(
        ActivityReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("corrected by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="activity_corrections",
    )
    corrected_at = models.DateTimeField(_("corrected at"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=500)
    previous_total = models.PositiveIntegerField(_("previous visits"))
    previous_lines = models.JSONField(_("previous figures"), default=list)

    class Meta:
        verbose_name = _("activity correction")
        verbose_name_plural = _("activity corrections")
        ordering = ["-corrected_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.report} {self.corrected_at:%Y-%m-%d}"


class ActivityReminder(models.Model):
    """A reminder sent to a maison's agents about one month: the unique constraint makes
    each one sent once, even when the job runs twice."""

    class Kind(models.TextChoices):
        DUE = "due", _("The month is to be reported")
        LATE = "late", _("The month's report is late")

    maison = models.ForeignKey(
        "directory.MaisonPage",
        verbose_name=_("France Services"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    month = models.DateField(_("month"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("activity reminder")
        verbose_name_plural = _("activity reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["maison", "month", "kind"], name="unique_activity_reminder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.maison_id} {self.month:%Y-%m} {self.kind}"
