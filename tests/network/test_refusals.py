"""What the members' area refuses, and how it says so: a link that no longer holds, a
second factor asked at the wrong step, a profile that does not suit its role, a decision
or a reset that is not for this person."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from network import services, tasks
from network.models import AgentProfile, JoinRequest, Role
from network.permissions import covers
from portal.models import User
from tests.auth import login_with_second_factor
from tests.factories import MaisonPageFactory
from tests.network.test_invitations import accept, ask_to_join, link_path
from tests.network.test_views import image_file, profile_post

pytestmark = pytest.mark.django_db

SETUP = "/espace-agents/double-authentification/"
VERIFY = "/espace-agents/verification/"


def test_an_invitation_whose_address_got_an_account_since_is_gone(client, members, mailoutbox):
    # arrange: invited, then an account was made for the same address another way
    login_with_second_factor(client, members.national.user)
    client.post(
        "/espace-agents/invitations/",
        {"email": "deja@example.org", "role": "coordinator", "department": "63"},
    )
    client.logout()
    User.objects.create_user("deja@example.org", "une autre phrase de passe")
    # act
    response = accept(client, link_path(mailoutbox[0]))
    # assert: the page says the link no longer holds; no second account, no profile
    assert response.status_code == 410
    assert "_auth_user_id" not in client.session
    assert User.objects.filter(email="deja@example.org").count() == 1
    assert not AgentProfile.objects.filter(user__email="deja@example.org").exists()


def test_the_second_factor_pages_send_a_member_to_their_own_step(client, members):
    # arrange: an agent without an authenticator, the national cell with one
    client.force_login(members.agent.user)
    # act / assert: no authenticator yet, the code is asked for on the setup page
    response = client.get(VERIFY)
    assert response.status_code == 302 and response["Location"] == SETUP
    # act / assert: with one, setting up again leads to the code, which is asked for
    login_with_second_factor(client, members.national.user)
    response = client.get(SETUP)
    assert response.status_code == 302 and response["Location"] == VERIFY
    response = client.get(VERIFY)
    assert response.status_code == 200
    assert response.context["error"] == ""


def test_a_wrong_code_at_login_is_a_400_with_a_message(client, members):
    # arrange
    login_with_second_factor(client, members.national.user)
    # act
    response = client.post(VERIFY, {"token": "000000"})
    # assert
    assert response.status_code == 400
    assert "Code erroné ou expiré" in response.content.decode()


def test_saving_a_profile_without_a_new_photo_keeps_the_photo(client, members, settings, tmp_path):
    # arrange
    settings.MEDIA_ROOT = tmp_path
    client.force_login(members.agent.user)
    client.post("/espace-agents/mon-profil/", profile_post(members.agent, photo=image_file()))
    members.agent.refresh_from_db()
    photo = members.agent.photo.name
    # act
    response = client.post("/espace-agents/mon-profil/", profile_post(members.agent, phone="0467"))
    # assert
    assert response.status_code == 302
    members.agent.refresh_from_db()
    assert (members.agent.photo.name, members.agent.phone) == (photo, "0467")


@pytest.mark.parametrize(
    ("role", "workplace", "field"),
    [
        pytest.param(Role.COORDINATOR, {}, "department", id="coordinator-of-nothing"),
        pytest.param(Role.COORDINATOR, {"both": True}, "department", id="coordinator-of-both"),
        pytest.param(Role.PARTNER_TRAINER, {}, "partner", id="trainer-of-no-partner"),
    ],
)
def test_a_profile_that_does_not_suit_its_role_is_refused(members, role, workplace, field):
    # arrange
    herault = members.coordinator.department
    if workplace:
        workplace = {"department": herault, "region": herault.region}
    profile = AgentProfile(user=User.objects.create_user("x@example.org"), role=role, **workplace)
    # act
    with pytest.raises(ValidationError) as refused:
        profile.clean()
    # assert
    assert list(refused.value.message_dict) == [field]


def test_a_region_coordinator_decides_for_the_maisons_of_the_region_only(client, members):
    # arrange: requests to join a maison of the Hérault (Occitanie) and one of the Puy-de-Dôme
    ask_to_join(client, members.maison("34"), email="herault@example.org")
    ask_to_join(client, members.maison("63"), email="ambert@example.org")
    client.force_login(members.region_coordinator.user)
    # act
    response = client.get("/espace-agents/demandes/")
    # assert
    assert response.status_code == 200
    assert [item.email for item in response.context["pending"]] == ["herault@example.org"]


def test_the_service_refuses_a_decision_from_outside_the_territory(members):
    # arrange
    join_request = JoinRequest.objects.create(
        first_name="Lou",
        last_name="Candidate",
        email="lou@example.org",
        maison=members.maison("63"),
    )
    request = RequestFactory().post(f"/espace-agents/demandes/{join_request.pk}/")
    # act / assert
    with pytest.raises(PermissionDenied):
        services.decide_join_request(
            join_request=join_request,
            approve=True,
            decider=members.coordinator.user,
            request=request,
        )
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING


def test_a_reset_asked_for_a_malformed_address_sends_nothing(mailoutbox):
    # act
    tasks.send_password_reset.call("pas une adresse", "testserver", True, "fr")
    # assert
    assert mailoutbox == []


def test_a_maison_outside_any_territory_is_covered_by_nobody(members):
    # arrange
    unplaced = MaisonPageFactory(department=None)
    # act / assert
    assert not covers(members.coordinator, None)
    assert not covers(members.coordinator, unplaced)
    assert covers(members.national, unplaced)
