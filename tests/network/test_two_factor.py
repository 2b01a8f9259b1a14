import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from network.models import SecurityEvent
from portal.models import User
from tests.auth import login_with_second_factor
from tests.network.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def code_of(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps_ahead * device.step
    return f"{totp.token():06d}"


@pytest.fixture
def staff(members):
    user = User.objects.create_user("editrice@example.org", PASSWORD, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_the_admin_refuses_a_staff_user_without_a_second_factor(client, staff):
    client.force_login(staff)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/espace-agents/double-authentification/?next=")


def test_a_staff_user_sets_up_a_second_factor_then_reaches_the_admin(client, staff):
    client.force_login(staff)
    page = client.get("/espace-agents/double-authentification/?next=/admin/")
    assert page.status_code == 200
    assert page.context["qr_code"].startswith("data:image/svg+xml")
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    wrong = client.post(
        "/espace-agents/double-authentification/", {"token": "000000", "next": "/admin/"}
    )
    assert wrong.status_code == 400
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong try slowed the next one down
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post(
        "/espace-agents/double-authentification/",
        {"token": code_of(device), "next": "/admin/"},
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert SecurityEvent.objects.filter(
        kind=SecurityEvent.Kind.SECOND_FACTOR_ENABLED, user_id=staff.pk
    ).exists()


def test_the_next_login_asks_for_the_code(client, staff, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a slow machine still posts within the delay
    login_with_second_factor(client, staff)
    device = TOTPDevice.objects.get(user=staff)
    client.logout()
    response = client.post(
        "/admin/login/", {"username": "editrice@example.org", "password": PASSWORD}
    )
    assert client.get("/admin/")["Location"].startswith("/espace-agents/verification/")
    assert client.get("/espace-agents/")["Location"].startswith("/espace-agents/verification/")
    refused = client.post("/espace-agents/verification/", {"token": "123456"})
    assert refused.status_code == 400
    # Wrong codes slow the next tries down: even the right code waits.
    assert (
        client.post("/espace-agents/verification/", {"token": code_of(device)}).status_code == 400
    )
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    response = client.post(
        "/espace-agents/verification/",
        {"token": code_of(device, steps_ahead=1), "next": "/admin/"},
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_moderator_who_is_not_staff_needs_it_too(client, members):
    from django.contrib.auth.models import Group

    from portal.demo.loader import content

    moderator = User.objects.create_user("moderatrice@example.org", PASSWORD)
    moderator.groups.add(
        Group.objects.get(name=content().group_name("moderators"))
    )  # the admin's door, not staff
    client.force_login(moderator)
    response = client.get("/admin/pages/")
    assert response["Location"].startswith("/espace-agents/double-authentification/")
    login_with_second_factor(client, moderator)
    assert client.get("/admin/").status_code == 200


def test_the_national_cell_must_set_up_a_second_factor(client, members):
    client.force_login(members.national.user)
    response = client.get("/espace-agents/membres/")
    assert response["Location"].startswith("/espace-agents/double-authentification/")


def test_for_other_members_it_is_optional_until_they_turn_it_on(client, members):
    client.force_login(members.agent.user)
    assert client.get("/espace-agents/membres/").status_code == 200
    assert "double-authentification" in client.get("/espace-agents/mon-profil/").content.decode()
    TOTPDevice.objects.create(user=members.agent.user, name="phone", confirmed=True)
    response = client.get("/espace-agents/membres/")
    assert response["Location"].startswith("/espace-agents/verification/")


def test_public_pages_never_ask_for_it(client, staff):
    client.force_login(staff)
    assert client.get("/").status_code == 200
    assert client.get("/recherche/", {"q": "caf"}).status_code == 200


def test_the_next_address_stays_on_the_site(client, staff):
    login_with_second_factor(client, staff)
    device = TOTPDevice.objects.get(user=staff)
    session = client.session
    session.pop("otp_device_id")
    session.save()
    response = client.post(
        "/espace-agents/verification/",
        {"token": code_of(device), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/espace-agents/"


def test_a_lost_authenticator_is_reset_by_command_and_audited(client, members):
    user = members.national.user
    login_with_second_factor(client, user)  # a session verified with the old device
    assert client.get("/espace-agents/").status_code == 200
    out = io.StringIO()
    call_command("reset_second_factor", "Cellule@Example.org", reason="ticket 42", stdout=out)
    assert "1 authenticator(s) removed" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=user).exists()
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.SECOND_FACTOR_RESET)
    assert (event.user_id, event.detail) == (user.pk, {"reason": "ticket 42"})
    # Whoever held the old session logs in again with the password first.
    response = client.get("/espace-agents/")
    assert response.status_code == 302
    assert response["Location"].startswith("/espace-agents/connexion/")


@pytest.mark.parametrize(
    ("email", "reason"), [("inconnu@example.org", "ticket 1"), ("cellule@example.org", " ")]
)
def test_the_reset_needs_a_known_account_and_a_reason(members, email, reason):
    login_device = TOTPDevice.objects.create(user=members.national.user, confirmed=True)
    with pytest.raises(CommandError):
        call_command("reset_second_factor", email, reason=reason)
    assert TOTPDevice.objects.filter(pk=login_device.pk).exists()
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SECOND_FACTOR_RESET).exists()
