"""The partner trainers' pages: their partner's credentials (filters, CSV), issuance by
hand with a reason, revocation, suspension and reinstatement; refused to everyone else
(403), forged addresses 404."""

import pytest
import time_machine

from network.models import Role
from tests.factories import PartnerFactory
from tests.network.conftest import make_member
from training.certifications import keys, selectors
from training.certifications.models import Credential, CredentialStatus

from .conftest import NOW, make_credential, make_definition

pytestmark = pytest.mark.django_db

ISSUED = "/espace-agents/formation/certifications/delivrees/"


def issue_url(definition) -> str:
    return f"{ISSUED}{definition.code}/delivrer/"


def status_url(credential) -> str:
    return f"{ISSUED}{credential.pk}/statut/"


@time_machine.travel(NOW, tick=False)
def test_the_trainer_sees_only_their_partners_credentials(
    members, member_client, trainer_definition
):
    # arrange
    mine = make_credential(members.agent.user, trainer_definition)
    other = make_credential(members.agent.user, make_definition())
    # act
    response = member_client(members.trainer).get(ISSUED)
    # assert
    assert response.status_code == 200
    assert response.context["definitions"] == [trainer_definition]
    assert [row.credential.pk for row in response.context["rows"]] == [mine.pk]
    assert other.pk not in {row.credential.pk for row in response.context["rows"]}


@time_machine.travel(NOW, tick=False)
def test_the_list_filters_by_status_and_downloads_as_csv_without_emails(
    members, member_client, trainer_definition
):
    # arrange
    make_credential(members.agent.user, trainer_definition, holder_name="Agent T.")
    make_credential(
        members.other_agent.user,
        trainer_definition,
        holder_name="Autre T.",
        status=CredentialStatus.REVOKED,
    )
    client = member_client(members.trainer)
    # act
    filtered = client.get(ISSUED, {"status": "revoked"})
    csv = client.get(ISSUED, {"format": "csv"}).content.decode("utf-8-sig")
    # assert
    assert [row.credential.holder_name for row in filtered.context["rows"]] == ["Autre T."]
    lines = csv.splitlines()
    assert lines[0] == "certification,titulaire,statut,delivree_le,valide_jusqu_au,motif"
    assert len(lines) == 3
    assert "@" not in csv


def test_the_trainer_issues_by_hand_with_a_reason(members, member_client, trainer_definition):
    # arrange
    keys.make_key(trainer_definition.partner)
    # act
    response = member_client(members.trainer).post(
        issue_url(trainer_definition),
        {"email": "AGENT@example.org", "reason": "Évaluation au guichet réussie"},
    )
    # assert
    assert response.status_code == 302
    credential = Credential.objects.get(definition=trainer_definition)
    assert credential.user == members.agent.user
    assert credential.issued_by == members.trainer.user
    assert credential.reason == "Évaluation au guichet réussie"
    assert selectors.verify(credential).valid


def test_issuing_without_a_signing_key_says_so(members, member_client, trainer_definition):
    # act
    response = member_client(members.trainer).post(
        issue_url(trainer_definition), {"email": "agent@example.org", "reason": "Évaluation"}
    )
    # assert
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Credential.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"email": "agent@example.org", "reason": "   "},
        {"email": "personne@example.org", "reason": "Évaluation"},
        {"email": "pas-une-adresse", "reason": "Évaluation"},
    ],
)
def test_issuing_needs_a_reason_and_a_member(members, member_client, trainer_definition, data):
    # act
    response = member_client(members.trainer).post(issue_url(trainer_definition), data)
    # assert
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Credential.objects.exists()


@pytest.mark.parametrize(
    ("action", "status"),
    [("revoke", CredentialStatus.REVOKED), ("suspend", CredentialStatus.SUSPENDED)],
)
def test_the_trainer_revokes_or_suspends_with_a_reason(
    members, member_client, trainer_definition, action, status
):
    # arrange
    credential = make_credential(members.agent.user, trainer_definition)
    # act
    response = member_client(members.trainer).post(
        status_url(credential), {"action": action, "reason": "Départ de la maison"}
    )
    # assert
    credential.refresh_from_db()
    assert response.status_code == 302
    assert (credential.status, credential.status_reason) == (status, "Départ de la maison")


def test_a_suspended_credential_is_reinstated(members, member_client, trainer_definition):
    # arrange
    credential = make_credential(
        members.agent.user, trainer_definition, status=CredentialStatus.SUSPENDED
    )
    # act
    member_client(members.trainer).post(
        status_url(credential), {"action": "reinstate", "reason": "Retour de congé"}
    )
    # assert
    credential.refresh_from_db()
    assert credential.status == CredentialStatus.ACTIVE


@pytest.mark.parametrize(
    "data",
    [
        {"action": "revoke", "reason": ""},
        {"action": "reinstate", "reason": "Un active ne se rétablit pas"},
        {"action": "erase", "reason": "Inconnu"},
    ],
)
def test_a_status_change_needs_a_reason_and_a_possible_action(
    members, member_client, trainer_definition, data
):
    # arrange
    credential = make_credential(members.agent.user, trainer_definition)
    # act
    response = member_client(members.trainer).post(status_url(credential), data)
    # assert
    credential.refresh_from_db()
    assert response.status_code == 200
    assert credential.status == CredentialStatus.ACTIVE


@pytest.fixture
def other_trainer(db):
    return make_member(
        "formateur.autre@example.org", Role.PARTNER_TRAINER, partner=PartnerFactory()
    )


@pytest.mark.parametrize("who", ["other_trainer", "coordinator", "agent"])
def test_everyone_else_is_refused(members, member_client, trainer_definition, other_trainer, who):
    # arrange
    credential = make_credential(members.other_agent.user, trainer_definition)
    profile = other_trainer if who == "other_trainer" else getattr(members, who)
    client = member_client(profile)
    # act
    responses = [
        client.get(issue_url(trainer_definition)),
        client.post(
            issue_url(trainer_definition), {"email": "agent@example.org", "reason": "Fraude"}
        ),
        client.get(status_url(credential)),
        client.post(status_url(credential), {"action": "revoke", "reason": "Fraude"}),
    ]
    # assert
    assert [response.status_code for response in responses] == [403] * 4
    credential.refresh_from_db()
    assert credential.status == CredentialStatus.ACTIVE
    assert Credential.objects.count() == 1


@pytest.mark.parametrize("who", ["coordinator", "agent"])
def test_the_list_is_refused_to_coordinators_and_agents(
    members, member_client, trainer_definition, who
):
    # act
    response = member_client(getattr(members, who)).get(ISSUED)
    # assert
    assert response.status_code == 403


def test_the_other_trainer_does_not_see_this_partners_credentials(
    members, member_client, trainer_definition, other_trainer
):
    # arrange
    make_credential(members.agent.user, trainer_definition)
    # act
    response = member_client(other_trainer).get(ISSUED)
    # assert
    assert response.status_code == 200
    assert response.context["definitions"] == []
    assert response.context["rows"] == []


def test_forged_addresses_are_not_found(members, member_client):
    # arrange
    client = member_client(members.trainer)
    # act
    responses = [
        client.get(f"{ISSUED}00000000-0000-4000-8000-000000000000/statut/"),
        client.get(f"{ISSUED}code-inconnu/delivrer/"),
    ]
    # assert
    assert [response.status_code for response in responses] == [404, 404]


def test_the_national_cell_may_issue_any_partners_certification(
    members, member_client, trainer_definition
):
    # act
    response = member_client(members.national).get(issue_url(trainer_definition))
    # assert
    assert response.status_code == 200


def test_the_national_cell_lists_every_partners_definitions(
    members, member_client, trainer_definition
):
    # arrange
    other = make_definition(PartnerFactory())
    # act
    response = member_client(members.national).get(ISSUED)
    # assert
    assert response.status_code == 200
    assert {d.pk for d in response.context["definitions"]} == {trainer_definition.pk, other.pk}
