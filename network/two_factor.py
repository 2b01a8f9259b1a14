"""Two-factor authentication (TOTP, django-otp): required for staff (the Wagtail admin) and
the national cell, optional for other members; once a member has a confirmed device, every
login asks for its code."""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .middleware import MEMBERS_PAGES_NAMESPACES
from .models import Role, SecurityEvent

DEVICE_NAME = "authenticator"


def required_for(user) -> bool:
    """Whoever may enter the admin (staff, or granted "access admin" through a group)
    and the national cell must use a second factor."""
    if user.is_staff or user.has_perm("wagtailadmin.access_admin"):
        return True
    profile = getattr(user, "profile", None)
    return profile is not None and profile.role == Role.NATIONAL_CELL


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user) -> TOTPDevice:
    """The device being set up: one unconfirmed device per user, kept across reloads."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def setup_details(device: TOTPDevice) -> dict:
    """What the setup page shows: the QR code (a data URI) and the key to type instead."""
    return {
        "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
        "secret": " ".join(_chunks(b32encode(device.bin_key).decode().rstrip("="), 4)),
    }


def _chunks(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def confirm(request, device: TOTPDevice, token: str) -> bool:
    """Confirm a new device with its first code; the session is then verified."""
    if not device.verify_token(_digits(token)):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    otp_login(request, device)
    audit.record(
        SecurityEvent.Kind.SECOND_FACTOR_ENABLED,
        request=request,
        user=device.user,
        actor=device.user,
    )
    return True


@transaction.atomic
def reset(user, *, reason: str) -> int:
    """Remove ``user``'s authenticators (a lost or stolen phone) and end their sessions,
    audited with ``reason``; the number removed. They log in again with their password,
    then set a new authenticator up where it is required."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            session.delete()
    audit.record(SecurityEvent.Kind.SECOND_FACTOR_RESET, user=user, reason=reason)
    return removed


def verify(request, token: str) -> bool:
    """Check a code of the user's confirmed device; the session is then verified. Wrong
    codes slow further tries down (django-otp's throttling)."""
    device = confirmed_device(request.user)
    if device is None or not device.verify_token(_digits(token)):
        return False
    otp_login(request, device)
    return True


def _digits(token: str) -> str:
    return "".join(char for char in token if char.isdigit())[:6]


def next_url(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class SecondFactorMiddleware:
    """Sends a logged-in user who has not given their second factor to give it (or to set
    one up, when it is required) before the admin or the members area."""

    # Pages reachable before the second factor: logging in and out, the 2FA pages,
    # password reset, invitations and join requests.
    OPEN_NAMES = {
        "login",
        "logout",
        "two_factor_setup",
        "two_factor_verify",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "accept_invitation",
        "join",
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "digest_unsubscribe",  # a signed link from an e-mail: the token is the authority
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = request.user
        if not user.is_authenticated or user.is_verified() or match.url_name in self.OPEN_NAMES:
            return None
        in_members_area = match.namespace in MEMBERS_PAGES_NAMESPACES
        in_admin = request.path_info.startswith(reverse("wagtailadmin_home"))
        if not (in_members_area or in_admin):
            return None
        if confirmed_device(user) is not None:
            return _redirect("network:two_factor_verify", request)
        if required_for(user):
            return _redirect("network:two_factor_setup", request)
        return None


def _redirect(name: str, request):
    return HttpResponseRedirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
