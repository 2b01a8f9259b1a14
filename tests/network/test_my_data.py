import io
import json

import pytest
from axes.models import AccessAttempt
from django.core.files.uploadedfile import SimpleUploadedFile
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image

from network.models import AgentProfile, Invitation, JoinRequest, Role, SecurityEvent
from portal.models import User
from tests.auth import login_with_second_factor
from tests.network.conftest import PASSWORD
from tests.network.test_audit_log import admin_form

pytestmark = pytest.mark.django_db


def test_the_export_holds_everything_linked_to_me(client, members, mailoutbox):
    coordinator = members.coordinator
    coordinator.phone = "04 67 00 00 02"
    coordinator.job_title = "Coordinatrice"
    coordinator.save()
    client.post(
        "/espace-agents/rejoindre/",
        {
            "first_name": "C",
            "last_name": "D",
            "email": "coord@example.org",
            "maison": members.maison("34").pk,
            "message": "Ma demande",
        },
    )
    client.post("/espace-agents/connexion/", {"username": "coord@example.org", "password": "x"})
    client.post(
        "/espace-agents/connexion/", {"username": "coord@example.org", "password": PASSWORD}
    )
    TOTPDevice.objects.create(user=coordinator.user, name="phone", confirmed=False)
    client.post(
        "/espace-agents/invitations/",
        {"email": "invitee@example.org", "role": "agent", "maison": members.maison("34").pk},
    )
    response = client.get("/espace-agents/mes-donnees/export.json")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "coord@example.org"
    assert data["profile"]["phone"] == "04 67 00 00 02"
    assert data["profile"]["department"] == "34"
    assert data["invitations_sent"][0]["email"] == "invitee@example.org"
    assert data["join_requests"][0]["message"] == "Ma demande"
    assert data["two_factor"] == [
        {"confirmed": False, "created_at": data["two_factor"][0]["created_at"]}
    ]
    device = TOTPDevice.objects.get(user=coordinator.user)
    assert device.key not in response.content.decode()  # never the secret
    assert {"login_succeeded", "invitation_sent"} <= {e["event"] for e in data["security_events"]}
    assert SecurityEvent.objects.filter(
        kind=SecurityEvent.Kind.DATA_EXPORTED, user_id=coordinator.user.pk
    ).exists()


def test_only_members_export_and_only_their_own_data(client, members):
    assert client.get("/espace-agents/mes-donnees/export.json").status_code == 302
    client.force_login(User.objects.create_user("visiteur@example.org", "x"))
    assert client.get("/espace-agents/mes-donnees/export.json").status_code == 404
    client.force_login(members.agent.user)
    # The URL names no one: there is nobody else's data to ask for.
    data = client.get("/espace-agents/mes-donnees/export.json?user=1").json()
    assert data["account"]["email"] == "agent@example.org"


def test_deleting_my_account_leaves_no_personal_field(
    client, members, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    agent = members.agent
    image = io.BytesIO()
    Image.new("RGB", (8, 8)).save(image, "PNG")
    agent.photo = SimpleUploadedFile("me.png", image.getvalue())
    agent.phone = "06 00 00 00 00"
    agent.save()
    photo_path = tmp_path / agent.photo.name
    assert photo_path.exists()
    Invitation.objects.create(
        email="agent@example.org", role=Role.AGENT, token_hash="t", expires_at=agent.created_at
    )
    JoinRequest.objects.create(
        first_name="A", last_name="B", email="agent@example.org", maison=members.maison("34")
    )
    sent = Invitation.objects.create(
        email="someone@example.org",
        role=Role.AGENT,
        token_hash="u",
        expires_at=agent.created_at,
        invited_by=agent.user,
    )
    user_id = agent.user.pk
    TOTPDevice.objects.create(user=agent.user, name="phone", confirmed=False)
    client.post("/espace-agents/connexion/", {"username": "agent@example.org", "password": "x"})
    assert AccessAttempt.objects.filter(username="agent@example.org").exists()
    client.force_login(agent.user)
    wrong = client.post("/espace-agents/mes-donnees/", {"password": "nope", "confirm": "on"})
    assert wrong.status_code == 200 and User.objects.filter(pk=user_id).exists()
    # A wrong password here counts towards the lockout, as at login.
    assert SecurityEvent.objects.filter(
        kind=SecurityEvent.Kind.LOGIN_FAILED, user_id=user_id
    ).exists()
    unconfirmed = client.post("/espace-agents/mes-donnees/", {"password": PASSWORD})
    assert unconfirmed.status_code == 200 and User.objects.filter(pk=user_id).exists()

    with django_capture_on_commit_callbacks(execute=True):  # the file goes once committed
        response = client.post(
            "/espace-agents/mes-donnees/", {"password": PASSWORD, "confirm": "on"}
        )
    assert response.status_code == 200
    assert not User.objects.filter(pk=user_id).exists()
    assert not User.objects.filter(email="agent@example.org").exists()
    assert not AgentProfile.objects.filter(user_id=user_id).exists()
    assert not Invitation.objects.filter(email="agent@example.org").exists()
    assert not JoinRequest.objects.filter(email="agent@example.org").exists()
    assert not TOTPDevice.objects.filter(user_id=user_id).exists()
    assert not AccessAttempt.objects.filter(username="agent@example.org").exists()
    sent.refresh_from_db()
    assert sent.invited_by is None
    assert not photo_path.exists()
    assert SecurityEvent.objects.filter(
        kind=SecurityEvent.Kind.ACCOUNT_DELETED, user_id=user_id
    ).exists()
    assert client.get("/espace-agents/").status_code == 302  # logged out


def test_the_export_holds_no_other_persons_ip_address(client, members):
    # arrange: an administrator changes the agent's role from their own address, someone
    # tries the agent's password from another, then the agent logs in from theirs
    agent = members.agent
    administrator = User.objects.create_superuser("root@example.org", "x")
    login_with_second_factor(client, administrator)
    changed = client.post(
        f"/admin/member_profiles/edit/{agent.pk}/",
        admin_form(
            agent,
            role="coordinator",
            maison="",
            department=agent.maison.department.pk,
        ),
        REMOTE_ADDR="192.0.2.10",
    )
    assert changed.status_code == 302
    client.logout()
    client.post(
        "/espace-agents/connexion/",
        {"username": "agent@example.org", "password": "wrong"},
        REMOTE_ADDR="198.51.100.66",
    )
    client.post(
        "/espace-agents/connexion/",
        {"username": "agent@example.org", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.5",
    )
    # act
    response = client.get("/espace-agents/mes-donnees/export.json", REMOTE_ADDR="203.0.113.5")
    # assert
    text = response.content.decode()
    assert "192.0.2.10" not in text  # the administrator's
    assert "198.51.100.66" not in text  # whoever typed a wrong password
    events = {event["event"]: event for event in json.loads(text)["security_events"]}
    assert events["role_changed"]["ip_address"] is None
    assert events["role_changed"]["by_me"] is False
    assert events["login_failed"]["ip_address"] is None
    assert events["login_succeeded"]["ip_address"] == "203.0.113.5"  # the member's own
