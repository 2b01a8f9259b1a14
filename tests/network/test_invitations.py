import socket
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from network import services
from network.models import AgentProfile, Invitation, JoinRequest, Role, SecurityEvent
from portal.models import User
from tests.auth import login_with_second_factor

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "une phrase de passe toute neuve"


def link_path(mail) -> str:
    link = next(line for line in mail.body.splitlines() if "/invitation/" in line)
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def accept(client, path, first_name="Nina", last_name="Nouvelle"):
    return client.post(
        path,
        {
            "first_name": first_name,
            "last_name": last_name,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )


def test_the_national_cell_invites_a_coordinator_who_joins(client, members, mailoutbox):
    login_with_second_factor(client, members.national.user)
    response = client.post(
        "/espace-agents/invitations/",
        {"email": "Nouvelle@Example.org", "role": "coordinator", "department": "63"},
    )
    assert response.status_code == 302
    assert mailoutbox[0].to == ["nouvelle@example.org"]
    path = link_path(mailoutbox[0])
    client.logout()
    assert client.get(path).status_code == 200
    response = accept(client, path)
    assert response.status_code == 302
    profile = AgentProfile.objects.get(user__email="nouvelle@example.org")
    assert (profile.role, profile.department.code) == (Role.COORDINATOR, "63")
    assert client.get("/espace-agents/").status_code == 200  # logged in
    # Single use.
    client.logout()
    assert accept(client, path).status_code == 410
    assert User.objects.filter(email="nouvelle@example.org").count() == 1
    kinds = set(SecurityEvent.objects.values_list("kind", flat=True))
    assert {SecurityEvent.Kind.INVITATION_SENT, SecurityEvent.Kind.INVITATION_ACCEPTED} <= kinds
    assert not Invitation.objects.filter(token_hash__contains=path.split("/")[-2]).exists()


def test_the_invitation_link_is_on_the_public_site(client, members, mailoutbox, public_base_url):
    # arrange
    login_with_second_factor(client, members.national.user)
    # act: a request naming another host of the server
    client.post(
        "/espace-agents/invitations/",
        {"email": "nouvelle@example.org", "role": "coordinator", "department": "63"},
        HTTP_HOST="localhost",
    )
    # assert
    link = next(line for line in mailoutbox[0].body.splitlines() if "/invitation/" in line)
    assert link.startswith("https://france-services.example/espace-agents/invitation/")


def test_an_expired_invitation_is_refused(client, members, mailoutbox):
    client.force_login(members.coordinator.user)
    maison = members.maison("34")
    client.post(
        "/espace-agents/invitations/",
        {"email": "tard@example.org", "role": "agent", "maison": maison.pk},
    )
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    client.logout()
    path = link_path(mailoutbox[0])
    assert client.get(path).status_code == 410
    assert accept(client, path).status_code == 410
    assert not User.objects.filter(email="tard@example.org").exists()


def test_a_coordinator_invites_agents_of_their_territory_only(client, members, mailoutbox):
    client.force_login(members.coordinator.user)
    inside = client.post(
        "/espace-agents/invitations/",
        {"email": "a@example.org", "role": "agent", "maison": members.maison("34").pk},
    )
    assert inside.status_code == 302
    outside = client.post(
        "/espace-agents/invitations/",
        {"email": "b@example.org", "role": "agent", "maison": members.maison("63").pk},
    )
    assert outside.status_code == 200 and "maison" in outside.context["form"].errors
    coordinator = client.post(
        "/espace-agents/invitations/",
        {"email": "c@example.org", "role": "coordinator", "department": "34"},
    )
    assert coordinator.status_code == 200 and "role" in coordinator.context["form"].errors
    assert len(mailoutbox) == 1


def test_an_agent_invited_without_a_maison_is_a_form_error(client, members, mailoutbox):
    client.force_login(members.coordinator.user)
    response = client.post(
        "/espace-agents/invitations/", {"email": "a@example.org", "role": "agent"}
    )
    assert response.status_code == 200
    assert "maison" in response.context["form"].errors
    assert not mailoutbox


def test_a_decision_must_be_approve_or_decline(client, members):
    ask_to_join(client, members.maison("34"), email="Lou.Candidate@Example.ORG")
    join_request = JoinRequest.objects.get()
    assert join_request.email == "lou.candidate@example.org"
    client.force_login(members.coordinator.user)
    for data in ({}, {"decision": "maybe"}):
        response = client.post(f"/espace-agents/demandes/{join_request.pk}/", data)
        assert response.status_code == 400
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING


def test_the_service_refuses_a_forged_invitation(members):
    request = RequestFactory().post("/espace-agents/invitations/")
    with pytest.raises(PermissionDenied):
        services.invite(
            inviter=members.coordinator.user,
            email="x@example.org",
            role=Role.AGENT,
            request=request,
            maison=members.maison("63"),
        )
    with pytest.raises(PermissionDenied):
        services.invite(
            inviter=members.agent.user,
            email="x@example.org",
            role=Role.AGENT,
            request=request,
            maison=members.maison("34"),
        )
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("who", ["agent", "trainer"])
def test_agents_and_trainers_do_not_invite(client, members, who):
    # A trainer enters the admin (their partner's modules): they give a second factor.
    login_with_second_factor(client, getattr(members, who).user)
    assert client.get("/espace-agents/invitations/").status_code == 404
    assert client.get("/espace-agents/demandes/").status_code == 404


def test_an_address_that_has_an_account_is_not_invited(client, members, mailoutbox):
    login_with_second_factor(client, members.national.user)
    response = client.post(
        "/espace-agents/invitations/",
        {"email": "agent@example.org", "role": "agent", "maison": members.maison("34").pk},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not mailoutbox


def ask_to_join(client, maison, email="candidate@example.org"):
    return client.post(
        "/espace-agents/rejoindre/",
        {"first_name": "Lou", "last_name": "Candidate", "email": email, "maison": maison.pk},
    )


def test_a_join_request_is_approved_by_a_coordinator_of_the_territory(client, members, mailoutbox):
    assert ask_to_join(client, members.maison("34")).status_code == 200
    join_request = JoinRequest.objects.get()
    # Another territory's coordinator neither sees nor decides it.
    client.force_login(members.other_coordinator.user)
    assert "Candidate" not in client.get("/espace-agents/demandes/").content.decode()
    forged = client.post(f"/espace-agents/demandes/{join_request.pk}/", {"decision": "approve"})
    assert forged.status_code == 404
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING
    assert not mailoutbox
    # The Hérault's coordinator approves: an invitation goes to the address.
    client.force_login(members.coordinator.user)
    assert "Candidate" in client.get("/espace-agents/demandes/").content.decode()
    client.post(f"/espace-agents/demandes/{join_request.pk}/", {"decision": "approve"})
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    assert mailoutbox[0].to == ["candidate@example.org"]
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.maison_id) == (Role.AGENT, members.maison("34").pk)
    # Answered once.
    client.post(f"/espace-agents/demandes/{join_request.pk}/", {"decision": "decline"})
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED


def test_a_join_request_can_be_declined(client, members, mailoutbox):
    ask_to_join(client, members.maison("34"))
    join_request = JoinRequest.objects.get()
    client.force_login(members.region_coordinator.user)
    client.post(f"/espace-agents/demandes/{join_request.pk}/", {"decision": "decline"})
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED
    assert not mailoutbox and not Invitation.objects.exists()


def test_join_requests_are_limited_per_client(client, members):
    from network.views import JOIN_REQUESTS_PER_HOUR

    for number in range(JOIN_REQUESTS_PER_HOUR):
        ask_to_join(client, members.maison("34"), email=f"c{number}@example.org")
    assert ask_to_join(client, members.maison("34")).status_code == 429
    assert JoinRequest.objects.count() == JOIN_REQUESTS_PER_HOUR


def test_the_purge_deletes_expired_invitations_only(members, capsys):
    def invitation(email, *, expires_in, accepted=False):
        return Invitation.objects.create(
            email=email,
            role=Role.NATIONAL_CELL,
            token_hash=email,
            expires_at=timezone.now() + expires_in,
            accepted_at=timezone.now() if accepted else None,
        )

    invitation("old@example.org", expires_in=timedelta(days=-1))
    invitation("used@example.org", expires_in=timedelta(days=-1), accepted=True)
    invitation("fresh@example.org", expires_in=timedelta(days=6))
    call_command("purge_invitations")
    assert "1 expired invitation(s) deleted." in capsys.readouterr().out
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "fresh@example.org",
        "used@example.org",
    ]


@pytest.fixture
def unreachable_mail_server(settings):
    """SMTP to a loopback port nothing listens on: every send is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2


def test_an_invitation_whose_mail_fails_is_a_message_and_nothing_saved(
    client, members, unreachable_mail_server
):
    login_with_second_factor(client, members.national.user)
    response = client.post(
        "/espace-agents/invitations/",
        {"email": "nouvelle@example.org", "role": "coordinator", "department": "63"},
    )
    assert response.status_code == 200
    assert "L’e-mail d’invitation n’a pas pu être envoyé" in response.content.decode()
    assert not Invitation.objects.exists()
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.INVITATION_SENT).exists()


def test_a_join_request_approved_while_mail_fails_stays_pending(
    client, members, unreachable_mail_server
):
    request = JoinRequest.objects.create(
        first_name="Inès",
        last_name="Durand",
        email="ines@example.org",
        maison=members.maison("34"),
    )
    login_with_second_factor(client, members.coordinator.user)
    response = client.post(
        f"/espace-agents/demandes/{request.pk}/", {"decision": "approve"}, follow=True
    )
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == JoinRequest.Status.PENDING
    assert not Invitation.objects.exists()
