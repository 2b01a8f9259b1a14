"""The members' JSON API answers as the pages do, from ``network.permissions``."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.models import User
from tests.auth import login_with_second_factor

pytestmark = pytest.mark.django_db

LIST = "/api/v1/membres/"


def test_a_member_lists_the_directory_with_only_what_each_shares(client, members):
    members.coordinator.shares_email = True
    members.coordinator.phone = "04 67 00 00 00"
    members.coordinator.save()
    members.other_agent.listed = False
    members.other_agent.save()
    login_with_second_factor(client, members.agent.user)
    response = client.get(LIST)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    found = {member["id"]: member for member in response.json()["results"]}
    assert members.other_agent.pk not in found  # unlisted
    coordinator = found[members.coordinator.pk]
    assert (coordinator["email"], coordinator["phone"]) == ("coord@example.org", None)
    assert coordinator["department"] == "34"
    assert found[members.agent.pk]["maison"] == members.agent.maison.title
    assert all(
        member["email"] is None
        for member in found.values()
        if member["id"] != (members.coordinator.pk)
    )


def test_the_filters_are_the_directory_pages(client, members):
    login_with_second_factor(client, members.agent.user)
    found = client.get(LIST, {"department": "63"}).json()
    assert {member["id"] for member in found["results"]} == {
        members.other_agent.pk,
        members.other_coordinator.pk,
    }
    assert client.get(LIST, {"role": "nonsense"}).status_code == 400
    assert client.get(LIST, {"page": "abc"}).status_code == 200


def test_one_member_and_the_refusals(client, members):
    login_with_second_factor(client, members.agent.user)
    assert client.get(f"{LIST}{members.trainer.pk}/").json()["role"] == "partner_trainer"
    members.trainer.listed = False
    members.trainer.save()
    assert client.get(f"{LIST}{members.trainer.pk}/").status_code == 404  # unlisted
    assert client.get(f"{LIST}999999/").status_code == 404
    assert client.get(f"{LIST}{2**70}/").status_code == 400
    members.agent.listed = False
    members.agent.save()
    assert client.get(f"{LIST}{members.agent.pk}/").status_code == 200  # oneself, unlisted


def test_anonymous_callers_get_401_and_non_members_404(client, members):
    assert client.get(LIST).status_code == 401
    assert client.get(f"{LIST}{members.agent.pk}/").status_code == 401
    client.force_login(User.objects.create_user("visiteur@example.org", "x"))
    assert client.get(LIST).status_code == 404
    assert client.get(f"{LIST}{members.agent.pk}/").status_code == 404


def test_no_answer_before_the_second_factor(client, members):
    client.force_login(members.national.user)  # second factor required, not given
    assert client.get(LIST).status_code == 403
    client.force_login(members.agent.user)
    TOTPDevice.objects.create(user=members.agent.user, name="phone", confirmed=True)
    assert client.get(LIST).status_code == 403  # has one, not given
