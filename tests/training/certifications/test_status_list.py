"""The issuers' Bitstring Status Lists: one per issuer, purpose ``message``, 2 bits per
credential."""

import base64
import gzip

import pytest

from training.certifications import services, status_list

from .conftest import verify_with_published_keys

pytestmark = pytest.mark.django_db

MESSAGES = [
    {"status": "0x0", "message": "valid"},
    {"status": "0x1", "message": "suspended"},
    {"status": "0x2", "message": "revoked"},
    {"status": "0x3", "message": "undefined"},
]


def bits_of(encoded: str) -> bytes:
    """Decoded here by hand, as the specification says: multibase "u", base64url without
    padding, GZIP."""
    assert encoded.startswith("u") and "=" not in encoded
    data = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def bit(bits: bytes, position: int) -> int:
    return bits[position // 8] >> (7 - position % 8) & 1


def value(bits: bytes, index: int) -> int:
    """The 2-bit value of entry ``index``: bits 2i and 2i + 1, the first most significant."""
    return bit(bits, 2 * index) << 1 | bit(bits, 2 * index + 1)


def test_encoding_puts_each_2_bit_value_at_its_index_most_significant_bit_first():
    # act
    bits = bits_of(status_list.encode({0: 2, 5: 1, 131_071: 3}))

    # assert
    assert len(bits) * 8 == 2 * 131_072
    assert bits[0] == 0b1000_0000
    assert bits[1] == 0b0001_0000  # index 5: bits 10 and 11, "01"
    assert bits[-1] == 0b0000_0011
    assert {index: value(bits, index) for index in range(131_072) if value(bits, index)} == {
        0: 2,
        5: 1,
        131_071: 3,
    }


def test_decoding_and_reading_give_back_the_values():
    # arrange
    encoded = status_list.encode({7: 1, 8: 2})

    # act
    bits = status_list.decode(encoded)

    # assert
    assert bits == bits_of(encoded)
    assert [status_list.value_at(bits, index) for index in (6, 7, 8, 9)] == [0, 1, 2, 0]


def test_a_list_grows_past_its_minimum_when_an_index_needs_it():
    # act
    bits = bits_of(status_list.encode({131_072: 2}))

    # assert
    assert len(bits) * 8 == 2 * 131_073 + 6  # whole bytes
    assert status_list.value_at(bits, 131_072) == 2


def test_a_value_wider_than_2_bits_is_refused():
    with pytest.raises(ValueError, match="2 bits"):
        status_list.encode({0: 4})


def test_reading_refuses_a_list_too_short_or_an_index_past_its_end():
    # arrange: 131,072 entries of 1 bit are too few for entries of 2 bits
    one_bit_list = bytes(131_072 // 8)
    bits = bits_of(status_list.encode({}))

    # act / assert
    with pytest.raises(ValueError, match="minimum"):
        status_list.value_at(one_bit_list, 0)
    with pytest.raises(ValueError, match="range"):
        status_list.value_at(bits, 131_072)
    assert status_list.value_at(bits, 131_071) == 0


def test_the_published_list_holds_the_value_of_each_credential(client, members, definition):
    # arrange
    users = [members.agent.user, members.other_agent.user, members.coordinator.user]
    issued = [services.issue(definition=definition, user=user, reason="Test") for user in users]
    services.revoke(issued[1], by=None, reason="Fraude")
    services.suspend(issued[2], by=None, reason="Contrôle")
    slug = definition.partner.slug

    # act
    response = client.get(f"/certifications/emetteurs/{slug}/statut/")

    # assert
    assert response["Content-Type"] == "application/vc+jwt"
    document = verify_with_published_keys(client, response.content.decode(), slug)
    assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert document["id"].endswith(f"/certifications/emetteurs/{slug}/statut/")
    subject = document["credentialSubject"]
    assert subject["type"] == "BitstringStatusList"
    assert subject["statusPurpose"] == "message"
    assert subject["statusSize"] == 2
    assert subject["statusMessage"] == MESSAGES
    bits = bits_of(subject["encodedList"])
    assert len(bits) * 8 == 2 * 131_072
    assert [value(bits, credential.status_index) for credential in issued] == [0, 2, 1]
    assert sum(map(int.bit_count, bits)) == 2  # nothing else is set
    for credential in issued:
        entry = credential.document["credentialStatus"]
        assert entry["statusListCredential"] == document["id"]
        assert entry["statusListIndex"] == str(credential.status_index)


def test_reinstating_sets_the_value_back_to_valid(client, members, definition):
    # arrange
    credential = services.issue(definition=definition, user=members.agent.user, reason="Test")
    services.suspend(credential, by=None, reason="Contrôle")
    url = f"/certifications/emetteurs/{definition.partner.slug}/statut.json"
    before = bits_of(client.get(url).json()["credentialSubject"]["encodedList"])

    # act
    services.reinstate(credential, by=None, reason="Levée")

    # assert
    response = client.get(url)
    after = bits_of(response.json()["credentialSubject"]["encodedList"])
    assert value(before, credential.status_index) == 1
    assert value(after, credential.status_index) == 0
    assert "no-cache" in response["Cache-Control"]
