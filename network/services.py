"""Writes of the members area: keyword-only, transactional, permission-checked."""

import hashlib
import logging
import secrets
from datetime import timedelta
from smtplib import SMTPException

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.public_urls import public_url

from . import audit, registry, tasks
from .forms import ProfileForm
from .models import AgentProfile, Invitation, JoinRequest, Role, SecurityEvent
from .permissions import Action, Invitee, can

INVITATION_DAYS = 7
# What makes a member's role and territory: a change to any of them is audited.
ROLE_FIELDS = ("user", "role", "maison", "department", "region", "partner")
# Granted like a role: only by the national cell, and audited.
PRIVILEGE_FIELDS = ("escalation_auditor",)

logger = logging.getLogger(__name__)


@transaction.atomic
def update_profile(*, form: ProfileForm) -> AgentProfile:
    """Save a valid profile form: the member's names and their profile together; a
    replaced or cleared photo's file is deleted once saved."""
    old_photo = form.initial.get("photo")
    profile = form.save()
    if old_photo and old_photo.name != profile.photo.name:
        storage, name = old_photo.storage, old_photo.name
        transaction.on_commit(lambda: storage.delete(name))
    return profile


def role_of(profile: AgentProfile | None) -> dict | None:
    """A profile's role and the ids of its workplace, as the audit log keeps them."""
    if profile is None:
        return None
    return {
        **{
            field: profile.role if field == "role" else getattr(profile, f"{field}_id")
            for field in ROLE_FIELDS
        },
        **{field: getattr(profile, field) for field in PRIVILEGE_FIELDS},
    }


def record_role_change(profile: AgentProfile, *, before: dict | None, actor, request) -> None:
    """Audit a profile saved by ``actor`` if its role or territory is not ``before``."""
    after = role_of(profile)
    if after != before:
        audit.record(
            SecurityEvent.Kind.ROLE_CHANGED,
            request=request,
            user=profile.user,
            actor=actor,
            before=before,
            after=after,
        )


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invite(*, inviter, email: str, role: Role, request, **workplace) -> Invitation:
    """Send an invitation; PermissionDenied when ``inviter`` may not, ValidationError when
    the workplace does not suit the role or the address is already a member's."""
    if not can(inviter, Action.INVITE, Invitee(role, workplace.get("maison"))):
        raise PermissionDenied
    email = email.strip().lower()
    # The workplace rules of a profile, checked before anything is sent.
    AgentProfile(user=inviter, role=role, **workplace).clean()
    if get_user_model().objects.filter(email=email).exists():
        raise ValidationError(_("This address already belongs to an account."), code="member")
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        role=role,
        invited_by=inviter,
        token_hash=_token_hash(token),
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        **workplace,
    )
    link = public_url(reverse("network:accept_invitation", args=[token]))
    context = {"invitation": invitation, "link": link, "days": INVITATION_DAYS}
    try:
        send_mail(
            render_to_string("network/emails/invitation_subject.txt", context).strip(),
            render_to_string("network/emails/invitation.txt", context),
            None,
            [email],
        )
    except (SMTPException, OSError) as error:
        # Raised inside the transaction: no invitation is kept whose link no one got.
        logger.warning("Invitation e-mail not sent: %s", error)
        raise ValidationError(
            _("The invitation e-mail could not be sent; nothing was saved. Try again later."),
            code="not_sent",
        ) from error
    audit.record(
        SecurityEvent.Kind.INVITATION_SENT,
        request=request,
        actor=inviter,
        invitation=invitation.pk,
        role=role,
    )
    return invitation


def request_password_reset(*, email: str, request) -> None:
    """Queue the reset e-mail to ``email`` once the transaction commits: the request does the
    same work whether or not an account uses the address, and sends nothing itself."""
    params = {
        "email": email,
        "domain": request.get_host(),
        "use_https": request.is_secure(),
        "language": get_language(),
    }
    transaction.on_commit(lambda: tasks.send_password_reset.enqueue(**params))


def pending_invitation(token: str) -> Invitation | None:
    """The invitation behind ``token`` while it can still be accepted, else None."""
    return Invitation.objects.filter(
        token_hash=_token_hash(token), accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).first()


@transaction.atomic
def accept_invitation(*, token: str, first_name: str, last_name: str, password: str, request):
    """Create the account and profile the invitation promised; None when the link is
    unknown, used or expired. Locks the row so that two clicks make one account."""
    invitation = (
        Invitation.objects.select_for_update()
        .filter(token_hash=_token_hash(token), accepted_at__isnull=True)
        .first()
    )
    if invitation is None or invitation.expires_at <= timezone.now():
        return None
    users = get_user_model().objects
    if users.filter(email=invitation.email).exists():
        return None
    user = users.create_user(
        invitation.email, password, first_name=first_name, last_name=last_name
    )
    AgentProfile.objects.create(user=user, role=invitation.role, **invitation.workplace())
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit.record(
        SecurityEvent.Kind.INVITATION_ACCEPTED,
        request=request,
        user=user,
        actor=user,
        invitation=invitation.pk,
    )
    return user


def purge_expired_invitations(*, now=None) -> int:
    """Delete the invitations nobody accepted in time; how many went."""
    deleted, _ = Invitation.objects.filter(
        accepted_at__isnull=True, expires_at__lte=now or timezone.now()
    ).delete()
    return deleted


@transaction.atomic
def decide_join_request(*, join_request: JoinRequest, approve: bool, decider, request):
    """Approve (an invitation goes to the address asked) or decline a pending request."""
    if not can(decider, Action.APPROVE_JOIN, join_request.maison):
        raise PermissionDenied
    # Locked and read again: two coordinators answering at once make one decision.
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.status != JoinRequest.Status.PENDING:
        raise ValidationError(_("This request has already been answered."), code="decided")
    if approve:
        invite(
            inviter=decider,
            email=join_request.email,
            role=Role.AGENT,
            request=request,
            maison=join_request.maison,
        )
    join_request.status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
    join_request.decided_at = timezone.now()
    join_request.decided_by = decider
    join_request.save(update_fields=["status", "decided_at", "decided_by"])
    return join_request


def personal_data(*, user, request) -> dict:
    """Everything the site holds about ``user``, as JSON-ready data; the export is logged."""
    profile = (
        AgentProfile.objects.filter(user=user)
        .select_related("maison", "department", "region", "partner")
        .first()
    )
    data = {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "profile": _profile_data(profile) if profile else None,
        "invitations_received": [
            {"role": invitation.role, "sent_at": invitation.created_at.isoformat()}
            for invitation in Invitation.objects.filter(email=user.email)
        ],
        "invitations_sent": [
            {
                "email": invitation.email,
                "role": invitation.role,
                "sent_at": invitation.created_at.isoformat(),
                "accepted": invitation.accepted_at is not None,
            }
            for invitation in Invitation.objects.filter(invited_by=user)
        ],
        "join_requests": [
            {
                "maison": join_request.maison.title,
                "message": join_request.message,
                "status": join_request.status,
                "asked_at": join_request.created_at.isoformat(),
            }
            for join_request in JoinRequest.objects.filter(email=user.email).select_related(
                "maison"
            )
        ],
        "two_factor": [
            {"confirmed": device.confirmed, "created_at": _iso(device.created_at)}
            for device in TOTPDevice.objects.filter(user=user)
        ],
        # Addresses only of what the member did: a failed login on their account, or an
        # event someone else caused, holds another person's address.
        "failed_logins": [
            {"at": attempt.attempt_time.isoformat(), "failures": attempt.failures_since_start}
            for attempt in AccessAttempt.objects.filter(username=user.email)
        ],
        "security_events": [
            {
                "event": event.kind,
                "at": event.at.isoformat(),
                "by_me": event.actor_id == user.pk,
                "ip_address": event.ip_address if event.actor_id == user.pk else None,
            }
            for event in SecurityEvent.objects.filter(Q(user_id=user.pk) | Q(actor_id=user.pk))
        ],
    }
    data.update(registry.personal_data_sections(user, set(data)))
    audit.record(SecurityEvent.Kind.DATA_EXPORTED, request=request, user=user, actor=user)
    return data


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _profile_data(profile: AgentProfile) -> dict:
    return {
        "role": profile.role,
        "maison": profile.maison.title if profile.maison else None,
        "department": profile.department.code if profile.department else None,
        "region": profile.region.code if profile.region else None,
        "partner": profile.partner.name if profile.partner else None,
        "job_title": profile.job_title,
        "phone": profile.phone,
        "photo": bool(profile.photo),
        "listed": profile.listed,
        "shares_email": profile.shares_email,
        "shares_phone": profile.shares_phone,
        "shares_photo": profile.shares_photo,
    }


@transaction.atomic
def delete_account(*, user, request) -> None:
    """Delete the account and everything personal tied to it. What others keep loses its
    link: invitations they received from this member and requests it decided name no one.
    The audit log keeps its entries under the bare account id (security, RGPD 6.1.f)."""
    audit.record(SecurityEvent.Kind.ACCOUNT_DELETED, request=request, user=user, actor=user)
    profile = AgentProfile.objects.filter(user=user).first()
    if profile is not None and profile.photo:
        photo = profile.photo
        transaction.on_commit(lambda: photo.storage.delete(photo.name))
    Invitation.objects.filter(email=user.email).delete()
    JoinRequest.objects.filter(email=user.email).delete()
    AccessAttempt.objects.filter(username=user.email).delete()  # django-axes' counts
    user.delete()  # the profile goes with it; invitations sent and decisions lose the link
