"""Writes of certifications: issuing a credential (signed once, never re-signed), and
changing its status (revoke, suspend, reinstate), each kept in the audit log.

Automatic issuance (``issue_due``) runs once a completion is committed: a live definition
not needing a manual assessment is issued when all its criteria are met and the member holds
no active credential of it not yet expired. A credential revoked or suspended by its issuer
is never replaced automatically (a trainer issues again by hand). Renewal: completing the
definition's refresher module re-issues it when the member's latest active credential of
it expires within ``RENEWAL_WINDOW`` or expired less than a validity period ago.
"""

import logging
import secrets
import uuid
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from network.audit import record
from network.models import SecurityEvent

from . import credentials, keys
from .emails import send_issued_mail
from .models import CertificationDefinition, Credential, CredentialStatus
from .selectors import criteria_met, holds

logger = logging.getLogger(__name__)

RENEWAL_WINDOW = timedelta(days=60)  # as the first expiry reminder


def _next_status_index(partner) -> int:
    """The next index of the issuer's status list; the caller holds the lock on the
    issuer's current key, which serialises issuances per issuer (and the unique constraint
    on (partner, status_index) stands behind it)."""
    last = Credential.objects.filter(partner=partner).aggregate(last=Max("status_index"))["last"]
    return 0 if last is None else last + 1


def _full_name(user) -> str:
    return user.get_full_name().strip() or user.email


@transaction.atomic
def issue(
    *,
    definition: CertificationDefinition,
    user,
    issued_by=None,
    reason: str = "",
    automatic: bool = False,
    holder_name: str = "",
    now=None,
) -> Credential:
    """Issue ``definition`` to ``user``: a credential signed by the partner's current key,
    valid from ``now`` (by default, now) for the definition's validity; the holder is
    e-mailed once committed."""
    if not user.is_active:
        raise ValidationError(_("This account is inactive: no certification can be issued."))
    reason = reason.strip()
    if not automatic and not reason:
        raise ValidationError(_("Give the reason for issuing this certification."))
    partner = definition.partner
    issuer_key, private_key = keys.signing_key(partner, lock=True)
    now = (now or timezone.now()).replace(microsecond=0)
    valid_until = (
        now + relativedelta(months=definition.validity_months)
        if definition.validity_months
        else None
    )
    credential = Credential(
        id=uuid.uuid4(),
        definition=definition,
        partner=partner,
        user=user,
        holder_name=holder_name.strip() or _full_name(user),
        identity_salt=secrets.token_hex(16),
        issued_at=now,
        valid_from=now,
        valid_until=valid_until,
        issued_by=issued_by,
        automatic=automatic,
        reason=reason,
        key=issuer_key,
        status_index=_next_status_index(partner),
    )
    credential.document = credentials.build(
        credential_id=credential.pk,
        definition=definition,
        email=user.email,
        salt=credential.identity_salt,
        valid_from=now,
        valid_until=valid_until,
        status_index=credential.status_index,
    )
    credential.jwt = credentials.sign_document(credential.document, issuer_key, private_key)
    credential.save(force_insert=True)
    record(
        SecurityEvent.Kind.CERTIFICATION_ISSUED,
        user=user,
        actor=issued_by,
        credential=str(credential.pk),
        definition=definition.code,
        automatic=automatic,
        reason=reason,
    )
    transaction.on_commit(lambda: send_issued_mail.enqueue(str(credential.pk)))
    return credential


def _change_status(credential: Credential, *, by, reason: str, to: str, allowed_from, kind):
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for this change of status."))
    locked = Credential.objects.select_for_update().get(pk=credential.pk)
    if locked.status == CredentialStatus.REVOKED:
        raise ValidationError(_("This certification is revoked: it cannot change any more."))
    if locked.status not in allowed_from:
        raise ValidationError(_("This certification is not in a state that allows this."))
    previous = locked.status
    locked.status = to
    locked.status_reason = reason
    locked.status_changed_at = timezone.now()
    locked.save(update_fields=["status", "status_reason", "status_changed_at"])
    record(
        kind,
        user=locked.user,
        actor=by,
        credential=str(locked.pk),
        definition=locked.definition.code,
        previous=previous,
        reason=reason,
    )
    for field in ("status", "status_reason", "status_changed_at"):
        setattr(credential, field, getattr(locked, field))
    return credential


@transaction.atomic
def revoke(credential: Credential, *, by, reason: str) -> Credential:
    """Withdraw ``credential`` for good (the status list says so at once)."""
    return _change_status(
        credential,
        by=by,
        reason=reason,
        to=CredentialStatus.REVOKED,
        allowed_from={CredentialStatus.ACTIVE, CredentialStatus.SUSPENDED},
        kind=SecurityEvent.Kind.CERTIFICATION_REVOKED,
    )


@transaction.atomic
def suspend(credential: Credential, *, by, reason: str) -> Credential:
    """Suspend an active ``credential`` until it is reinstated."""
    return _change_status(
        credential,
        by=by,
        reason=reason,
        to=CredentialStatus.SUSPENDED,
        allowed_from={CredentialStatus.ACTIVE},
        kind=SecurityEvent.Kind.CERTIFICATION_SUSPENDED,
    )


@transaction.atomic
def reinstate(credential: Credential, *, by, reason: str) -> Credential:
    """Lift the suspension of ``credential``."""
    return _change_status(
        credential,
        by=by,
        reason=reason,
        to=CredentialStatus.ACTIVE,
        allowed_from={CredentialStatus.SUSPENDED},
        kind=SecurityEvent.Kind.CERTIFICATION_REINSTATED,
    )


def _withdrawn(definition, user) -> bool:
    """Whether the issuer revoked or suspended a credential of ``definition`` held by
    ``user``: then nothing is issued automatically."""
    return Credential.objects.filter(
        definition=definition,
        user=user,
        status__in=[CredentialStatus.REVOKED, CredentialStatus.SUSPENDED],
    ).exists()


def _due_renewal(definition, user, now) -> bool:
    latest = (
        Credential.objects.filter(definition=definition, user=user, status=CredentialStatus.ACTIVE)
        .order_by("-valid_until")
        .first()
    )
    if latest is None or latest.valid_until is None or not definition.validity_months:
        return False
    since = now - relativedelta(months=definition.validity_months)
    return since <= latest.valid_until <= now + RENEWAL_WINDOW


def issue_due(user, *, module_id: int | None = None) -> list[Credential]:
    """Issue automatically every certification now due to ``user`` (after a completion of
    ``module_id``, the definitions it counts for). Safe to run twice: the member's row is
    locked and what they hold is read again under that lock."""
    if not user.is_active:
        return []
    definitions = CertificationDefinition.objects.filter(
        live=True, manual_assessment=False
    ).select_related("partner", "refresher_module")
    if module_id is not None:
        definitions = definitions.filter(
            Q(module_criteria__module_id=module_id) | Q(refresher_module_id=module_id)
        ).distinct()
    issued = []
    for definition in definitions:
        with transaction.atomic():
            get_user_model().objects.select_for_update().filter(pk=user.pk).first()
            now = timezone.now()
            if _withdrawn(definition, user):
                continue
            renewal = (
                definition.refresher_module_id is not None
                and module_id == definition.refresher_module_id
                and _due_renewal(definition, user, now)
            )
            due = renewal or (
                not holds(definition, user, now=now) and criteria_met(definition, user, now=now)
            )
            if not due:
                continue
            try:
                issued.append(issue(definition=definition, user=user, automatic=True))
            except keys.SigningKeyUnavailable:
                logger.exception(
                    "certification %s not issued: its issuer cannot sign", definition.code
                )
    return issued
