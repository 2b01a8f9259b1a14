"""Numbers past what a database holds in the members' area: its ids in addresses, pages
of lists, choices in forms and its API answer 404, a form error or a 400, never a 500."""

import json

import pytest

from network.models import Invitation
from tests.auth import login_with_second_factor

pytestmark = pytest.mark.django_db

HUGE = [str(2**63), "9" * 30, f"-{2**63}"]


@pytest.mark.parametrize("number", HUGE)
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/espace-agents/actualites/{n}/", 404),
        ("/espace-agents/membres/{n}/photo/", 404),
        ("/espace-agents/actualites/?page={n}", 200),
        ("/espace-agents/membres/?page={n}", 200),
        ("/api/v1/membres/?page={n}", 200),
    ],
)
def test_an_address_out_of_range_is_not_an_error(client, members, url, expected, number):
    # arrange
    login_with_second_factor(client, members.national.user)
    # act
    response = client.get(url.format(n=number))
    # assert
    assert response.status_code == expected


@pytest.mark.parametrize("number", HUGE)
def test_a_join_request_out_of_range_is_not_found(client, members, number):
    # arrange
    login_with_second_factor(client, members.national.user)
    # act
    response = client.post(f"/espace-agents/demandes/{number}/", {"decision": "accept"})
    # assert
    assert response.status_code == 404


@pytest.mark.parametrize("number", HUGE)
def test_the_api_answers_a_member_out_of_range_with_a_json_error(client, members, number):
    # arrange
    login_with_second_factor(client, members.national.user)
    # act
    response = client.get(f"/api/v1/membres/{number}/")
    # assert
    assert response.status_code in {400, 404}
    assert json.loads(response.content)["detail"]


@pytest.mark.parametrize("number", HUGE)
def test_an_invitation_to_a_maison_out_of_range_is_a_form_error(client, members, number):
    # arrange
    login_with_second_factor(client, members.national.user)
    data = {"email": "nouvelle@example.org", "role": "agent", "maison": number}
    # act
    response = client.post("/espace-agents/invitations/", data)
    # assert
    assert response.status_code == 200
    assert "maison" in response.context["form"].errors
    assert not Invitation.objects.exists()
