"""Partner-issued certifications: what a partner certifies (a definition and its criteria),
the partner's signing keys, and each credential issued, an Open Badges 3.0 credential."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class IssuerKey(models.Model):
    """One Ed25519 key of a partner. Only the public half is here (as a JWK); the private
    half lives in a file under ``settings.CERTIFICATION_KEYS_DIR`` named after ``kid``.
    A retired key signs nothing more but stays published, so that the credentials it signed
    remain verifiable."""

    partner = models.ForeignKey(
        "directory.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="issuer_keys",
    )
    kid = models.CharField(_("key id"), max_length=80, unique=True)
    public_jwk = models.JSONField(_("public key (JWK)"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        verbose_name = _("issuer key")
        verbose_name_plural = _("issuer keys")
        ordering = ["partner_id", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner"],
                condition=Q(retired_at__isnull=True),
                name="one_signing_key_per_partner",
            )
        ]

    def __str__(self) -> str:
        return self.kid


class CertificationDefinition(ClusterableModel):
    """What a partner certifies ("Référent CAF"), on which criteria, for how long."""

    partner = models.ForeignKey(
        "directory.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="certification_definitions",
    )
    code = models.SlugField(_("code"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    criteria = models.TextField(
        _("criteria"), help_text=_("What the holder did to earn it, as the credential states.")
    )
    manual_assessment = models.BooleanField(
        _("manual assessment"),
        default=False,
        help_text=_(
            "Also requires a trainer's assessment: never issued automatically, only by hand."
        ),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("validity (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Empty: valid without a time limit."),
    )
    image = models.ForeignKey(
        "portal.CustomImage",
        verbose_name=_("badge image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    refresher_module = models.ForeignKey(
        "training.ModulePage",
        verbose_name=_("refresher module"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The module that renews the certification before it expires."),
    )
    live = models.BooleanField(_("issued"), default=True)

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["partner_id", "title"]

    def __str__(self) -> str:
        return self.title


class CertificationCriterion(models.Model):
    """A module the holder must have completed (by any means, or at a session), with a
    minimum score when one is set."""

    definition = ParentalKey(  # a parental key: edited inline with its definition
        CertificationDefinition, on_delete=models.CASCADE, related_name="module_criteria"
    )
    module = models.ForeignKey(
        "training.ModulePage",
        verbose_name=_("module"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    min_score = models.DecimalField(
        _("minimum score (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    at_session = models.BooleanField(
        _("at a training session"),
        default=False,
        help_text=_("Only attending one of the module's sessions counts."),
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["definition", "module"], name="one_criterion_per_module"
            )
        ]

    def __str__(self) -> str:
        return f"{self.definition} – {self.module}"


class CredentialStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")


class Credential(models.Model):
    """One certification issued to one member: the signed Open Badges 3.0 credential (a
    VC-JWT, kept as signed) and its place in the issuer's status list. The subject is only
    a salted hash of their e-mail in the credential; ``holder_name`` is the name they agreed
    to show on the verification page."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    definition = models.ForeignKey(
        CertificationDefinition, on_delete=models.PROTECT, related_name="credentials"
    )
    partner = models.ForeignKey(  # the issuer: the definition's partner when issued
        "directory.Partner", on_delete=models.PROTECT, related_name="credentials_issued"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="credentials",
    )
    holder_name = models.CharField(_("name shown"), max_length=200)
    identity_salt = models.CharField(max_length=64)
    issued_at = models.DateTimeField(_("issued at"))
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    issued_by = models.ForeignKey(  # None: issued automatically, or by a command
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    automatic = models.BooleanField(default=False)
    reason = models.TextField(_("reason"), blank=True)
    key = models.ForeignKey(IssuerKey, on_delete=models.PROTECT, related_name="credentials")
    status_index = models.PositiveIntegerField()  # in the issuer's status list
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CredentialStatus.choices,
        default=CredentialStatus.ACTIVE,
    )
    status_reason = models.TextField(_("reason of the status"), blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    document = models.JSONField()  # the credential as signed (without the proof)
    jwt = models.TextField()  # the VC-JWT: the document signed with ``key``

    class Meta:
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "status_index"], name="one_status_index_per_issuer"
            )
        ]
        indexes = [models.Index(fields=["user", "definition"], name="credential_user_definition")]

    def __str__(self) -> str:
        return f"{self.definition} – {self.holder_name}"


class CredentialReminder(models.Model):
    """A reminder of a credential's expiry, sent once (``days``: 60 or 15 before)."""

    credential = models.ForeignKey(Credential, on_delete=models.CASCADE, related_name="+")
    days = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["credential", "days"], name="one_reminder_per_delay")
        ]

    def __str__(self) -> str:
        return f"{self.credential_id}: {self.days} days"
