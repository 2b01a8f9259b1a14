"""The audit log's writers: one call per security event, from services and signals."""

import ipaddress

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from portal.throttling import client_address

from .models import SecurityEvent


def _address(request) -> str | None:
    if request is None:
        return None
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def record(kind: SecurityEvent.Kind, *, request=None, user=None, actor=None, **detail):
    """Append one event. ``user`` is the account concerned, ``actor`` who acted."""
    return SecurityEvent.objects.create(
        kind=kind,
        user_id=getattr(user, "pk", None),
        actor_id=getattr(actor, "pk", None),
        ip_address=_address(request),
        detail=detail,
    )


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs):
    record(SecurityEvent.Kind.LOGIN_SUCCEEDED, request=request, user=user, actor=user)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None and user.pk is not None:  # None: the account was just deleted
        record(SecurityEvent.Kind.LOGGED_OUT, request=request, user=user, actor=user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # The address typed is not kept: it may be someone else's, or a password typed in
    # the wrong field. The account it names, when one exists, is.
    record(SecurityEvent.Kind.LOGIN_FAILED, request=request, user=_account(credentials))


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    record(SecurityEvent.Kind.LOCKED_OUT, request=request, user=_account({"username": username}))


def _account(credentials):
    email = (credentials or {}).get("username") or ""
    return get_user_model().objects.filter(email=email.strip().lower()).first()
