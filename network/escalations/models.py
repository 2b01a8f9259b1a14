"""Escalations to partners' back offices ("saisines"): each partner's back office for a
department or a region (its team mailbox, opening days, référents and their deputies), the
motives a partner accepts, the escalations themselves with their steps, attachments,
reminders and audit trail.

Who reads and acts on what is decided in ``network.escalations.rules``, asked through
``network.permissions.can``. Free text (descriptions, steps' bodies, attachments) is purged
after the retention period; the dated figures stay.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..forums.models import private_storage

__all__ = [
    "AuditEntry",
    "BackOffice",
    "Escalation",
    "EscalationAttachment",
    "EscalationStatus",
    "Motive",
    "Referent",
    "Reminder",
    "Step",
]


class BackOffice(models.Model):
    """A partner's back office for one department, or for a whole region."""

    partner = models.ForeignKey(
        "directory.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="back_offices",
    )
    department = models.ForeignKey(
        "directory.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="back_offices",
    )
    region = models.ForeignKey(
        "directory.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="back_offices",
        help_text=_("For a back office serving a whole region; leave the department empty."),
    )
    name = models.CharField(_("name"), max_length=150)
    mailbox = models.EmailField(_("team mailbox"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # Weekday numbers, Monday = 0: "01234" is Monday to Friday.
    opening_days = models.CharField(_("opening days"), max_length=7, default="01234")
    opening_hours = models.CharField(
        _("opening hours"), max_length=100, blank=True, help_text=_("For example 9:00–17:00.")
    )
    coordinator_email = models.EmailField(
        _("coordinator's e-mail"),
        blank=True,
        help_text=_("The partner's coordinator, told of overdue escalations (no free text)."),
    )

    class Meta:
        verbose_name = _("back office")
        verbose_name_plural = _("back offices")
        ordering = ["partner_id", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(department__isnull=False, region__isnull=True)
                | Q(department__isnull=True, region__isnull=False),
                name="back_office_one_territory",
            ),
            models.UniqueConstraint(
                fields=["partner", "department"],
                condition=Q(department__isnull=False),
                name="unique_back_office_department",
            ),
            models.UniqueConstraint(
                fields=["partner", "region"],
                condition=Q(region__isnull=False),
                name="unique_back_office_region",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Referent(models.Model):
    """A named member of a back office, who handles its escalations; while away, their
    deputy handles them."""

    back_office = models.ForeignKey(
        BackOffice,
        verbose_name=_("back office"),
        on_delete=models.CASCADE,
        related_name="referents",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="referent_roles",
    )
    away_from = models.DateField(_("away from"), null=True, blank=True)
    away_until = models.DateField(_("away until"), null=True, blank=True)
    deputy = models.ForeignKey(
        "self",
        verbose_name=_("deputy"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputising_for",
    )

    class Meta:
        verbose_name = _("référent")
        verbose_name_plural = _("référents")
        ordering = ["back_office_id", "user__last_name", "user__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["back_office", "user"], name="unique_referent"),
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.email

    def is_away(self, day) -> bool:
        """Away on ``day`` (a local date), both ends included."""
        if self.away_from is None or self.away_until is None:
            return False
        return self.away_from <= day <= self.away_until


class Motive(models.Model):
    """A reason a partner accepts escalations for ("dossier bloqué", "trop-perçu"…)."""

    partner = models.ForeignKey(
        "directory.Partner",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="escalation_motives",
    )
    label = models.CharField(_("label"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("escalation motive")
        verbose_name_plural = _("escalation motives")
        ordering = ["partner_id", "order", "label", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "label"], name="unique_motive"),
        ]

    def __str__(self) -> str:
        return self.label


class EscalationStatus(models.TextChoices):
    NEW = "new", _("To take")
    TAKEN = "taken", _("Being handled")
    WAITING_AGENT = "waiting_agent", _("Question to the maison")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (EscalationStatus.NEW, EscalationStatus.TAKEN, EscalationStatus.WAITING_AGENT)


class Escalation(models.Model):
    """A case a maison's agent hands to a partner's back office, with the 72-hour clock:
    ``due_at`` is the current deadline in working hours; it stops while a question waits
    for the maison (``paused_at``)."""

    maison = models.ForeignKey(
        "directory.MaisonPage",
        verbose_name=_("France Services"),
        on_delete=models.PROTECT,
        related_name="escalations",
    )
    partner = models.ForeignKey(
        "directory.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="escalations",
    )
    back_office = models.ForeignKey(
        BackOffice,
        verbose_name=_("back office"),
        on_delete=models.PROTECT,
        related_name="escalations",
    )
    motive = models.ForeignKey(
        Motive, verbose_name=_("motive"), on_delete=models.PROTECT, related_name="escalations"
    )
    description = models.TextField(_("description"), max_length=4000, blank=True)
    file_reference = models.CharField(
        _("partner's file reference"),
        max_length=40,
        blank=True,
        help_text=_("The number the partner gave the person, when they have one."),
    )
    consent_text = models.TextField(_("consent the person gave"))
    consent_at = models.DateTimeField(_("consent given at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="escalations_created",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=EscalationStatus.choices, default=EscalationStatus.NEW
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="escalations_assigned",
    )
    due_at = models.DateTimeField(_("answer due"))
    paused_at = models.DateTimeField(_("waiting for the maison since"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer_working_hours = models.DecimalField(
        _("working hours to answer"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    purged_at = models.DateTimeField(_("free text purged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(fields=["back_office", "status", "due_at"], name="escalation_queue"),
            models.Index(fields=["maison", "status"], name="escalation_maison"),
            models.Index(fields=["closed_at"], name="escalation_closed_at"),
        ]

    def __str__(self) -> str:
        return _("Escalation no. %(number)s") % {"number": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("escalations:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Step(models.Model):
    """One step of an escalation's life, shown on its page; ``body`` is purged with the
    description."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Sent to the back office")
        TAKEN = "taken", _("Taken")
        REASSIGNED = "reassigned", _("Reassigned")
        QUESTION = "question", _("Question to the maison")
        REPLY = "reply", _("Reply from the maison")
        ANSWER = "answer", _("Answer")
        REDIRECTED = "redirected", _("Redirected")
        CLOSED = "closed", _("Closed")

    escalation = models.ForeignKey(
        Escalation, verbose_name=_("escalation"), on_delete=models.CASCADE, related_name="steps"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("message"), max_length=4000, blank=True)
    # Figures that outlive the purge: back offices redirected from and to, assignee.
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.get_kind_display()


def attachment_path(attachment: "EscalationAttachment", filename: str) -> str:
    """A random name: the file's own name may name the person it is about."""
    return f"escalations/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class EscalationAttachment(models.Model):
    """A PDF or an image joined to an escalation or one of its steps, in the private
    storage, deleted by the purge."""

    escalation = models.ForeignKey(
        Escalation,
        verbose_name=_("escalation"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    step = models.ForeignKey(
        Step,
        verbose_name=_("step"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=attachment_path)
    name = models.CharField(_("name"), max_length=150)
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("escalations:attachment", args=[self.escalation_id, self.pk])


class Reminder(models.Model):
    """A reminder sent about one deadline: the unique constraint makes each one sent once,
    even when the job runs twice."""

    class Kind(models.TextChoices):
        BEFORE_DUE = "before_due", _("Before the deadline, to the référents")
        OVERDUE = "overdue", _("After the deadline, to the partner's coordinator")

    escalation = models.ForeignKey(
        Escalation,
        verbose_name=_("escalation"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    due_at = models.DateTimeField(_("deadline reminded of"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["escalation", "kind", "due_at"], name="unique_escalation_reminder"
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class AuditEntry(models.Model):
    """Who read or changed an escalation, and when: every page view, download and step."""

    class Action(models.TextChoices):
        READ = "read", _("Read")
        DOWNLOADED = "downloaded", _("Attachment downloaded")
        CHANGED = "changed", _("Changed")
        EXPORTED = "exported", _("Exported in a CSV")
        PURGED = "purged", _("Free text purged")

    escalation = models.ForeignKey(
        Escalation, verbose_name=_("escalation"), on_delete=models.CASCADE, related_name="audit"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=100, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["escalation", "at"], name="escalation_audit")]

    def __str__(self) -> str:
        return self.get_action_display()
