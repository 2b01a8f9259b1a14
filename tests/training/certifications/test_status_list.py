"""The issuers' Bitstring Status Lists."""

import base64
import gzip

import pytest

from training.certifications import services, status_list

from .conftest import verify_with_published_keys

pytestmark = pytest.mark.django_db


def bits_of(encoded: str) -> bytes:
    """Decoded here by hand, as the specification says: multibase "u", base64url without
    padding, GZIP."""
    assert encoded.startswith("u") and "=" not in encoded
    data = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def is_set(bits: bytes, index: int) -> bool:
    return bool(bits[index // 8] >> (7 - index % 8) & 1)


def test_encoding_sets_the_bits_at_their_indexes_left_to_right():
    # act
    bits = bits_of(status_list.encode([0, 9, 131_071]))

    # assert
    assert len(bits) * 8 == 131_072
    assert bits[0] == 0b1000_0000 and bits[1] == 0b0100_0000 and bits[-1] == 0b0000_0001
    assert [index for index in range(131_072) if is_set(bits, index)] == [0, 9, 131_071]
    assert status_list.decode(status_list.encode([5])) == bits_of(status_list.encode([5]))


def test_a_list_grows_past_its_minimum_when_an_index_needs_it():
    assert len(bits_of(status_list.encode([131_072]))) * 8 == 131_080


def test_the_published_lists_say_which_credentials_are_revoked_and_suspended(
    client, members, definition
):
    # arrange
    users = [members.agent.user, members.other_agent.user, members.coordinator.user]
    issued = [services.issue(definition=definition, user=user, reason="Test") for user in users]
    services.revoke(issued[1], by=None, reason="Fraude")
    services.suspend(issued[2], by=None, reason="Contrôle")
    slug = definition.partner.slug

    # act
    lists = {
        purpose: verify_with_published_keys(
            client,
            client.get(f"/certifications/emetteurs/{slug}/statut/{purpose}").content.decode(),
            slug,
        )
        for purpose in ("revocation", "suspension")
    }

    # assert
    for purpose, revoked_or_suspended in (("revocation", issued[1]), ("suspension", issued[2])):
        document = lists[purpose]
        assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
        subject = document["credentialSubject"]
        assert subject["statusPurpose"] == purpose
        bits = bits_of(subject["encodedList"])
        assert len(bits) * 8 >= 131_072
        flagged = [index for index in range(len(bits) * 8) if is_set(bits, index)]
        assert flagged == [revoked_or_suspended.status_index]
        entry = next(
            entry
            for entry in revoked_or_suspended.document["credentialStatus"]
            if entry["statusPurpose"] == purpose
        )
        assert entry["statusListCredential"].endswith(f"/emetteurs/{slug}/statut/{purpose}")


def test_reinstating_clears_the_suspension_bit(client, members, definition):
    # arrange
    credential = services.issue(definition=definition, user=members.agent.user, reason="Test")
    services.suspend(credential, by=None, reason="Contrôle")
    url = f"/certifications/emetteurs/{definition.partner.slug}/statut/suspension.json"
    before = bits_of(client.get(url).json()["credentialSubject"]["encodedList"])

    # act
    services.reinstate(credential, by=None, reason="Levée")

    # assert
    response = client.get(url)
    after = bits_of(response.json()["credentialSubject"]["encodedList"])
    assert is_set(before, credential.status_index)
    assert not is_set(after, credential.status_index)
    assert "no-cache" in response["Cache-Control"]
