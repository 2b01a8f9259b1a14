"""Partners' signing keys: files outside the database, rotation, publication."""

import json
import stat

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from training.certifications import keys, services
from training.certifications.jose import unverified_header
from training.certifications.models import IssuerKey
from training.certifications.selectors import State, verify

from .conftest import verify_with_published_keys

pytestmark = pytest.mark.django_db


def test_a_first_key_is_a_private_file_in_a_private_directory_made_for_it(
    members, settings, tmp_path
):
    # arrange
    settings.CERTIFICATION_KEYS_DIR = tmp_path / "absent" / "keys"
    partner = members.trainer.partner

    # act
    issuer_key = keys.make_key(partner)

    # assert
    path = settings.CERTIFICATION_KEYS_DIR / f"{issuer_key.kid}.jwk"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    private = json.loads(path.read_text())
    assert private["crv"] == "Ed25519" and "d" in private
    assert "d" not in issuer_key.public_jwk
    assert issuer_key.public_jwk["x"] == private["x"]


def test_a_second_key_needs_a_rotation(partner):
    with pytest.raises(keys.KeyExists):
        keys.make_key(partner)


def test_rotating_keeps_earlier_credentials_verifiable_and_signs_with_the_new_key(
    members, definition, client
):
    # arrange
    partner = definition.partner
    before = services.issue(definition=definition, user=members.agent.user, reason="Test")
    old_key = keys.current_key(partner)

    # act
    new_key = keys.make_key(partner, rotate=True)
    after = services.issue(definition=definition, user=members.other_agent.user, reason="Test")

    # assert
    old_key.refresh_from_db()
    assert old_key.retired_at is not None
    assert IssuerKey.objects.get(partner=partner, retired_at__isnull=True) == new_key
    assert unverified_header(before.jwt)["kid"] == keys.key_id(old_key)
    assert unverified_header(after.jwt)["kid"] == keys.key_id(new_key)
    assert verify(before).state == verify(after).state == State.VALID
    for credential in (before, after):
        claims = verify_with_published_keys(client, credential.jwt, partner.slug)
        assert claims["id"] == f"urn:uuid:{credential.pk}"


def test_a_missing_private_key_says_what_to_do(members, definition):
    # arrange
    issuer_key = keys.current_key(definition.partner)
    keys.key_path(issuer_key.kid).unlink()

    # act
    with pytest.raises(keys.SigningKeyUnavailable) as error:
        services.issue(definition=definition, user=members.agent.user, reason="Test")

    # assert
    assert str(error.value) == (
        f"no private key for {issuer_key.kid} in {keys.keys_dir()}: "
        "restore it from backup or rotate"
    )


def test_the_key_command_makes_then_rotates(members, capsys):
    # arrange
    partner = members.trainer.partner

    # act
    call_command("certification_key", partner.slug)
    first = keys.current_key(partner)
    call_command("certification_key", partner.slug, "--rotate")

    # assert
    second = keys.current_key(partner)
    assert first != second
    assert second.kid in capsys.readouterr().out
    with pytest.raises(CommandError, match="--rotate"):
        call_command("certification_key", partner.slug)
    with pytest.raises(CommandError, match="no partner"):
        call_command("certification_key", "inconnu")
