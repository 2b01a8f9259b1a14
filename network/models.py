import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField


class Role(models.TextChoices):
    AGENT = "agent", _("Agent of a France Services")
    COORDINATOR = "coordinator", _("Coordinator")
    PARTNER_TRAINER = "partner_trainer", _("Partner trainer")
    NATIONAL_CELL = "national_cell", _("National cell")


def photo_path(profile: "AgentProfile", filename: str) -> str:
    """A random name: the file's own name may say more than the member chose to share."""
    return f"members/photos/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class AgentProfile(models.Model):
    """A member of the network: who they are to the others and where they work.

    An agent works in a maison; a coordinator covers a department or a region; a partner
    trainer speaks for a partner; the national cell covers the whole network.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    maison = models.ForeignKey(
        "directory.MaisonPage",
        verbose_name=_("France Services"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agents",
    )
    department = models.ForeignKey(
        "directory.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coordinators",
    )
    region = models.ForeignKey(
        "directory.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coordinators",
    )
    partner = models.ForeignKey(
        "directory.Partner",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="trainers",
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    photo = models.ImageField(_("photo"), upload_to=photo_path, blank=True)
    # What the other members see besides the name, role and workplace.
    shares_email = models.BooleanField(_("show my e-mail address to members"), default=False)
    shares_phone = models.BooleanField(_("show my phone number to members"), default=False)
    shares_photo = models.BooleanField(_("show my photo to members"), default=False)
    listed = models.BooleanField(_("appear in the member directory"), default=True)
    escalation_auditor = models.BooleanField(
        _("escalation auditor"),
        default=False,
        help_text=_("National cell only: may read every escalation; each read is logged."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")
        constraints = [
            models.CheckConstraint(
                name="network_profile_agent_has_a_maison",
                condition=~Q(role=Role.AGENT) | Q(maison__isnull=False),
            ),
            models.CheckConstraint(
                name="network_profile_coordinator_has_one_territory",
                condition=~Q(role=Role.COORDINATOR)
                | Q(department__isnull=False, region__isnull=True)
                | Q(department__isnull=True, region__isnull=False),
            ),
            models.CheckConstraint(
                name="network_profile_trainer_has_a_partner",
                condition=~Q(role=Role.PARTNER_TRAINER) | Q(partner__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.email} ({self.get_role_display()})"

    def clean(self):
        errors = {}
        if self.role == Role.AGENT and self.maison_id is None:
            errors["maison"] = _("An agent works in a France Services.")
        if self.role == Role.COORDINATOR and (self.department_id is None) == (
            self.region_id is None
        ):
            errors["department"] = _("A coordinator covers one department or one region.")
        if self.role == Role.PARTNER_TRAINER and self.partner_id is None:
            errors["partner"] = _("A partner trainer speaks for a partner.")
        if self.escalation_auditor and self.role != Role.NATIONAL_CELL:
            errors["escalation_auditor"] = _(
                "Only a member of the national cell audits escalations."
            )
        if errors:
            raise ValidationError(errors)


class AppendOnlyError(Exception):
    """An audit log entry was about to be changed or deleted."""


class SecurityEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The audit log is append-only.")

    def delete(self):
        raise AppendOnlyError("The audit log is append-only.")


class SecurityEvent(models.Model):
    """One security event, written once and never changed: who, what, when, from where.

    The account is kept as a bare id (no foreign key): the entry outlives the account,
    and deleting an account changes no entry.
    """

    class Kind(models.TextChoices):
        LOGIN_SUCCEEDED = "login_succeeded", _("Login")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOCKED_OUT = "locked_out", _("Lockout")
        LOGGED_OUT = "logged_out", _("Logout")
        PASSWORD_RESET_SENT = "password_reset_sent", _("Password reset e-mail sent")
        PASSWORD_RESET = "password_reset", _("Password changed by e-mail link")
        ROLE_CHANGED = "role_changed", _("Role change")
        INVITATION_SENT = "invitation_sent", _("Invitation sent")
        INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")
        DATA_EXPORTED = "data_exported", _("Personal data export")
        ACCOUNT_DELETED = "account_deleted", _("Account deletion")
        SECOND_FACTOR_ENABLED = "second_factor_enabled", _("Two-factor authentication set up")
        SECOND_FACTOR_RESET = "second_factor_reset", _("Two-factor authentication reset")
        CERTIFICATION_ISSUED = "certification_issued", _("Certification issued")
        CERTIFICATION_REVOKED = "certification_revoked", _("Certification revoked")
        CERTIFICATION_SUSPENDED = "certification_suspended", _("Certification suspended")
        CERTIFICATION_REINSTATED = "certification_reinstated", _("Certification reinstated")

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("event"), max_length=30, choices=Kind.choices, db_index=True)
    user_id = models.BigIntegerField(_("account id"), null=True, blank=True, db_index=True)
    actor_id = models.BigIntegerField(_("done by (account id)"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = SecurityEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.at:%Y-%m-%d %H:%M:%S}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The audit log is append-only.")


class Invitation(models.Model):
    """A single-use link, sent by e-mail, to become a member with a given role and
    workplace. Only a hash of its token is stored."""

    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    maison = models.ForeignKey(
        "directory.MaisonPage",
        verbose_name=_("France Services"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    department = models.ForeignKey(
        "directory.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    region = models.ForeignKey(
        "directory.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    partner = models.ForeignKey(
        "directory.Partner",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="invitations_sent",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"

    def workplace(self) -> dict:
        return {
            "maison": self.maison,
            "department": self.department,
            "region": self.region,
            "partner": self.partner,
        }


class JoinRequest(models.Model):
    """Someone working in a maison asks to join the network; a coordinator of the maison's
    territory approves (an invitation is then sent) or declines."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    maison = models.ForeignKey(
        "directory.MaisonPage",
        verbose_name=_("France Services"),
        on_delete=models.CASCADE,
        related_name="join_requests",
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} → {self.maison}"


class NewsQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(published_at__lte=now or timezone.now())


class News(models.Model):
    """News from the national cell to the members: to the whole network, or to the
    members of one region. Shown from its publication time, newest first."""

    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(_("text"), features=["bold", "italic", "link", "ol", "ul"])
    region = models.ForeignKey(
        "directory.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty for the whole network."),
    )
    published_at = models.DateTimeField(
        _("published at"),
        default=timezone.now,
        db_index=True,
        help_text=_("Members see it from then on."),
    )

    objects = NewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("network news")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title


from .activity.models import *  # noqa: E402,F403
from .escalations.models import *  # noqa: E402,F403
from .forums.digests.models import *  # noqa: E402,F403
from .forums.following.models import *  # noqa: E402,F403
from .forums.models import *  # noqa: E402,F403
from .maison_changes.models import *  # noqa: E402,F403
from .surveys.models import *  # noqa: E402,F403
