"""Issuing and changing the status of a credential (services), and what verification then
says (selectors.verify)."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from network.models import SecurityEvent
from training.certifications import services
from training.certifications.credentials import identity_hash
from training.certifications.models import CredentialStatus
from training.certifications.selectors import State, verify

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)


@time_machine.travel(NOW, tick=False)
def test_issuing_signs_a_credential_valid_for_the_definitions_period(
    members, definition, django_capture_on_commit_callbacks
):
    # arrange
    agent, trainer = members.agent.user, members.trainer.user

    # act
    with django_capture_on_commit_callbacks(execute=True):
        credential = services.issue(
            definition=definition, user=agent, issued_by=trainer, reason="Évaluée en agence"
        )

    # assert
    assert credential.valid_from == NOW
    assert credential.valid_until == datetime(2028, 12, 7, 9, 30, tzinfo=UTC)
    assert credential.holder_name == agent.get_full_name()
    assert credential.partner == definition.partner
    assert credential.document["validUntil"] == "2028-12-07T09:30:00Z"
    assert verify(credential).state == State.VALID
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.CERTIFICATION_ISSUED)
    assert (event.user_id, event.actor_id) == (agent.pk, trainer.pk)
    assert event.detail["reason"] == "Évaluée en agence"
    assert event.detail["credential"] == str(credential.pk)
    (message,) = mail.outbox
    assert message.to == [agent.email]
    assert f"/certifications/{credential.pk}/" in message.body


def test_the_holder_is_e_mailed_only_once_the_issuance_is_committed(
    members, definition, django_capture_on_commit_callbacks
):
    # arrange / act
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.issue(definition=definition, user=members.agent.user, reason="Test")

    # assert
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_the_subject_is_a_salted_hash_of_the_e_mail_never_the_address(members, definition):
    # arrange
    agent = members.agent.user

    # act
    credential = services.issue(definition=definition, user=agent, reason="Test")

    # assert
    (identifier,) = credential.document["credentialSubject"]["identifier"]
    assert identifier["identityHash"] == identity_hash(agent.email, credential.identity_salt)
    assert identifier["identityHash"].startswith("sha256$")
    assert identifier["salt"] == credential.identity_salt
    assert agent.email not in str(credential.document)
    assert agent.email.encode() not in credential.jwt.encode()


def test_identity_hash_follows_open_badges_example():
    # the example of the Open Badges 3.0 IdentityHash definition
    assert identity_hash("a@example.com", "Kosher") == (
        "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399"
    )


def test_a_reason_is_required_by_hand(members, definition):
    with pytest.raises(ValidationError):
        services.issue(definition=definition, user=members.agent.user, reason="  ")


def test_no_credential_for_an_inactive_account(members, definition):
    # arrange
    agent = members.agent.user
    agent.is_active = False
    agent.save()

    # act / assert
    with pytest.raises(ValidationError):
        services.issue(definition=definition, user=agent, reason="Test")


def test_two_issuances_get_distinct_status_indexes(members, definition):
    # act
    first = services.issue(definition=definition, user=members.agent.user, reason="Test")
    second = services.issue(definition=definition, user=members.other_agent.user, reason="Test")

    # assert
    assert (first.status_index, second.status_index) == (0, 1)
    entry = second.document["credentialStatus"]
    assert (entry["statusPurpose"], entry["statusListIndex"]) == ("message", "1")


@pytest.mark.parametrize(
    ("change", "status", "state", "kind"),
    [
        ("revoke", CredentialStatus.REVOKED, State.REVOKED, "CERTIFICATION_REVOKED"),
        ("suspend", CredentialStatus.SUSPENDED, State.SUSPENDED, "CERTIFICATION_SUSPENDED"),
    ],
)
def test_revoking_or_suspending_shows_at_once_and_is_audited(
    members, definition, change, status, state, kind
):
    # arrange
    credential = services.issue(definition=definition, user=members.agent.user, reason="Test")
    trainer = members.trainer.user

    # act
    getattr(services, change)(credential, by=trainer, reason="Fraude constatée")

    # assert
    credential.refresh_from_db()
    assert credential.status == status
    assert credential.status_reason == "Fraude constatée"
    assert verify(credential).state == state
    event = SecurityEvent.objects.get(kind=getattr(SecurityEvent.Kind, kind))
    assert event.actor_id == trainer.pk
    assert event.detail["reason"] == "Fraude constatée"


def test_reinstating_lifts_a_suspension(members, definition):
    # arrange
    credential = services.issue(definition=definition, user=members.agent.user, reason="Test")
    services.suspend(credential, by=members.trainer.user, reason="Contrôle en cours")

    # act
    services.reinstate(credential, by=members.trainer.user, reason="Contrôle levé")

    # assert
    assert verify(credential).state == State.VALID
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.CERTIFICATION_REINSTATED).exists()


def test_revoked_is_final(members, definition):
    # arrange
    credential = services.issue(definition=definition, user=members.agent.user, reason="Test")
    services.revoke(credential, by=None, reason="Erreur")

    # act / assert
    for change in (services.revoke, services.suspend, services.reinstate):
        with pytest.raises(ValidationError):
            change(credential, by=None, reason="Encore")
    credential.refresh_from_db()
    assert credential.status == CredentialStatus.REVOKED


@pytest.mark.parametrize("change", ["revoke", "suspend"])
def test_a_change_of_status_needs_a_reason(members, definition, change):
    # arrange
    credential = services.issue(definition=definition, user=members.agent.user, reason="Test")

    # act / assert
    with pytest.raises(ValidationError):
        getattr(services, change)(credential, by=None, reason="")
    credential.refresh_from_db()
    assert credential.status == CredentialStatus.ACTIVE


def test_an_expired_credential_shows_as_expired(members, definition):
    # arrange
    with time_machine.travel(NOW, tick=False):
        credential = services.issue(definition=definition, user=members.agent.user, reason="T")

    # act / assert
    with time_machine.travel(datetime(2028, 12, 7, 9, 29, tzinfo=UTC), tick=False):
        assert verify(credential).state == State.VALID
    with time_machine.travel(datetime(2028, 12, 7, 9, 30, tzinfo=UTC), tick=False):
        assert verify(credential).state == State.EXPIRED


def test_a_changed_byte_cannot_be_verified(members, definition):
    # arrange
    credential = services.issue(definition=definition, user=members.agent.user, reason="Test")
    header, payload, signature = credential.jwt.split(".")
    flipped = signature[:10] + ("A" if signature[10] != "A" else "B") + signature[11:]
    credential.jwt = f"{header}.{payload}.{flipped}"

    # act
    result = verify(credential)

    # assert
    assert result.state == State.UNVERIFIABLE
    assert result.claims is None
