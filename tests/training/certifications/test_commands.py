"""The operators' commands: issue_certification and revoke_certification."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from training.certifications.models import Credential, CredentialStatus

pytestmark = pytest.mark.django_db


def issue(*args) -> list[str]:
    out = StringIO()
    call_command("issue_certification", *args, stdout=out)
    return out.getvalue().splitlines()


def test_issuing_prints_the_verification_url_last(client, members, definition):
    # act
    lines = issue(
        "--definition", definition.code, "--email", "AGENT@example.org", "--reason", "Rattrapage"
    )

    # assert
    credential = Credential.objects.get()
    assert credential.user == members.agent.user
    assert credential.reason == "Rattrapage"
    assert lines[-1] == f"http://127.0.0.1:8000/certifications/{credential.pk}/"
    assert client.get(lines[-1].removeprefix("http://127.0.0.1:8000")).status_code == 200


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--definition", "inconnue", "--email", "agent@example.org"], "no certification"),
        (["--definition", "referent-essai", "--email", "nul@example.org"], "no account"),
    ],
)
def test_issuing_refuses_unknown_codes_and_addresses(definition, args, message):
    with pytest.raises(CommandError, match=message):
        issue(*args, "--reason", "Test")
    assert not Credential.objects.exists()


def test_issuing_refuses_an_inactive_account_and_an_empty_reason(members, definition):
    # arrange
    args = ["--definition", definition.code, "--email", members.agent.user.email]

    # act / assert
    with pytest.raises(CommandError):
        issue(*args, "--reason", " ")
    members.agent.user.is_active = False
    members.agent.user.save()
    with pytest.raises(CommandError, match="inactive"):
        issue(*args, "--reason", "Test")
    assert not Credential.objects.exists()


def test_revoking(members, definition):
    # arrange
    issue("--definition", definition.code, "--email", "agent@example.org", "--reason", "Test")
    credential = Credential.objects.get()

    # act
    out = StringIO()
    call_command("revoke_certification", str(credential.pk), "--reason", "Fraude", stdout=out)

    # assert
    credential.refresh_from_db()
    assert (credential.status, credential.status_reason) == (CredentialStatus.REVOKED, "Fraude")
    assert f"{credential.pk} revoked" in out.getvalue()
    with pytest.raises(CommandError):  # already revoked
        call_command("revoke_certification", str(credential.pk), "--reason", "Encore")


@pytest.mark.parametrize("value", ["pas-un-uuid", "6f1c2f4e-0000-4000-8000-000000000000"])
def test_revoking_refuses_unknown_credentials(db, value):
    with pytest.raises(CommandError):
        call_command("revoke_certification", value, "--reason", "Fraude")


def test_revoking_needs_a_reason(members, definition):
    # arrange
    issue("--definition", definition.code, "--email", "agent@example.org", "--reason", "Test")
    credential = Credential.objects.get()

    # act / assert
    with pytest.raises(CommandError):
        call_command("revoke_certification", str(credential.pk), "--reason", "")
    credential.refresh_from_db()
    assert credential.status == CredentialStatus.ACTIVE
