""" "Mes certifications": each credential of the member with its standing, the files for a
wallet and the share link, the name shown on the public page; nobody else's."""

from datetime import timedelta

import pytest
import time_machine

from tests.training.factories import module_with
from training.certifications.forms import HolderNameForm
from training.certifications.models import CredentialStatus

from .conftest import NOW, make_credential, make_definition

pytestmark = pytest.mark.django_db

MINE = "/espace-agents/formation/certifications/"


@time_machine.travel(NOW, tick=False)
def test_each_credential_shows_its_standing(members, member_client):
    # arrange
    user = members.agent.user
    definition = make_definition()
    valid = make_credential(user, definition)
    expiring = make_credential(user, definition, valid_until=NOW + timedelta(days=20))
    expired = make_credential(user, definition, valid_until=NOW - timedelta(days=1))
    suspended = make_credential(user, definition, status=CredentialStatus.SUSPENDED)
    revoked = make_credential(user, definition, status=CredentialStatus.REVOKED)
    make_credential(members.other_agent.user, definition)
    # act
    response = member_client(members.agent).get(MINE)
    # assert
    assert response.status_code == 200
    states = {row["standing"].credential.pk: row["standing"] for row in response.context["rows"]}
    assert {pk: s.state for pk, s in states.items()} == {
        valid.pk: "valid",
        expiring.pk: "expiring",
        expired.pk: "expired",
        suspended.pk: "suspended",
        revoked.pk: "revoked",
    }
    assert states[expiring.pk].days_left == 20
    assert response["Cache-Control"] == "private, no-store"


@time_machine.travel(NOW, tick=False)
def test_the_page_links_the_public_files_and_offers_a_share_link(
    members, member_client, public_base_url
):
    # arrange
    credential = make_credential(members.agent.user, make_definition())
    # act
    html = member_client(members.agent).get(MINE).content.decode()
    # assert
    verify = f"{public_base_url}/certifications/{credential.pk}/"
    assert f'value="{verify}" readonly' in html
    assert f'href="{verify}credential.json"' in html
    assert f'href="{verify}credential.jwt"' in html
    assert f"/espace-agents/formation/certifications/{credential.pk}/certificat.pdf" in html
    assert "mailto:?subject=" in html


@time_machine.travel(NOW, tick=False)
def test_an_expiring_credential_links_its_refresher_module(members, member_client):
    # arrange
    module = module_with(lessons=1, title="Recyclage d’essai", slug="recyclage-dessai")
    definition = make_definition(refresher_module=module)
    make_credential(members.agent.user, definition, valid_until=NOW + timedelta(days=10))
    # act
    html = member_client(members.agent).get(MINE).content.decode()
    # assert
    assert '/espace-agents/formation/modules/recyclage-dessai/"' in html


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("shown", "expected"),
    [(HolderNameForm.SHORT, "Agent T."), (HolderNameForm.FULL, "Agent Testeur")],
)
def test_the_holder_chooses_the_name_shown(members, member_client, shown, expected):
    # arrange
    credential = make_credential(members.agent.user, make_definition(), holder_name="x")
    document = dict(credential.document)
    # act
    response = member_client(members.agent).post(f"{MINE}{credential.pk}/nom/", {"shown": shown})
    # assert
    credential.refresh_from_db()
    assert response.status_code == 302
    assert credential.holder_name == expected
    assert credential.document == document  # nothing re-signed


def test_an_unknown_name_choice_changes_nothing(members, member_client):
    # arrange
    credential = make_credential(members.agent.user, make_definition(), holder_name="Agent T.")
    # act
    member_client(members.agent).post(f"{MINE}{credential.pk}/nom/", {"shown": "someone"})
    # assert
    credential.refresh_from_db()
    assert credential.holder_name == "Agent T."


@pytest.mark.parametrize("path", ["nom/", "certificat.pdf"])
def test_another_members_credential_is_not_found(members, member_client, path):
    # arrange
    credential = make_credential(members.other_agent.user, make_definition())
    client = member_client(members.agent)
    # act
    response = (
        client.post(f"{MINE}{credential.pk}/{path}", {"shown": HolderNameForm.SHORT})
        if path == "nom/"
        else client.get(f"{MINE}{credential.pk}/{path}")
    )
    # assert
    assert response.status_code == 404


def test_a_forged_uuid_is_not_found(members, member_client):
    # act
    response = member_client(members.agent).get(
        f"{MINE}00000000-0000-4000-8000-000000000000/certificat.pdf"
    )
    # assert
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client):
    # act
    response = client.get(MINE)
    # assert
    assert response.status_code == 302
