"""Bitstring Status List v1.0: each issuer's one status list, of purpose ``message`` with
2 bits per credential, built from the database on request (so a change of status shows at
once) and signed as a VC-JWT by the issuer's current key.

The value of the credential of ``status_index`` ``i`` is read from bits ``2i`` and
``2i + 1``, the first the most significant (bit 0 is the most significant bit of the
first byte): 0 valid, 1 suspended, 2 revoked (``credentials.STATUS_MESSAGES``).
``encodedList``: the bitstring GZIP-compressed, base64url-encoded without padding, with the
multibase prefix ``u``."""

import base64
import gzip
from datetime import datetime

from django.utils import timezone

from . import keys, links
from .credentials import (
    STATUS_MESSAGES,
    STATUS_PURPOSE,
    STATUS_SIZE,
    VC_CONTEXT,
    status_messages,
    timestamp,
)
from .jose import sign
from .models import Credential, CredentialStatus

MIN_ENTRIES = 131_072  # the specification's minimum number of entries: herd privacy
JWT_TYPE = "vc+jwt"
VALUE_OF_STATUS = {
    CredentialStatus.ACTIVE: STATUS_MESSAGES.index("valid"),
    CredentialStatus.SUSPENDED: STATUS_MESSAGES.index("suspended"),
    CredentialStatus.REVOKED: STATUS_MESSAGES.index("revoked"),
}


def encode(values: dict[int, int], *, entries: int = MIN_ENTRIES, size: int = STATUS_SIZE) -> str:
    """The ``encodedList`` of a bitstring of ``entries`` entries of ``size`` bits (more
    entries if an index needs it) holding ``values`` (index: value)."""
    entries = max(entries, max(values, default=-1) + 1)
    bits = bytearray((entries * size + 7) // 8)
    for index, value in values.items():
        if not 0 <= value < 1 << size:
            raise ValueError(f"{value} does not fit in {size} bits")
        for offset in range(size):
            if value >> (size - 1 - offset) & 1:
                position = index * size + offset
                bits[position // 8] |= 0x80 >> (position % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def decode(encoded: str) -> bytes:
    """The bitstring of an ``encodedList``."""
    if not encoded.startswith("u"):
        raise ValueError("not a base64url multibase string")
    data = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def value_at(bitstring: bytes, index: int, *, size: int = STATUS_SIZE) -> int:
    """The value of entry ``index``, as the specification's validation reads it: a list
    shorter than its minimum number of entries or an index past its end is an error."""
    length = len(bitstring) * 8
    if length // size < MIN_ENTRIES:
        raise ValueError("status list shorter than its minimum")
    if not 0 <= index * size <= length - size:
        raise ValueError("status list index out of range")
    value = 0
    for position in range(index * size, (index + 1) * size):
        value = value << 1 | bitstring[position // 8] >> (7 - position % 8) & 1
    return value


def values(partner) -> dict[int, int]:
    """The value of each credential of ``partner`` not valid (index: value)."""
    rows = (
        Credential.objects.filter(partner=partner)
        .exclude(status=CredentialStatus.ACTIVE)
        .values_list("status_index", "status")
    )
    return {index: VALUE_OF_STATUS[status] for index, status in rows}


def document(partner, *, now: datetime | None = None) -> dict:
    """The issuer's BitstringStatusListCredential, as of now."""
    url = links.status_list_url(partner)
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": keys.did(partner),
        "validFrom": timestamp(now or timezone.now()),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": STATUS_PURPOSE,
            "statusSize": STATUS_SIZE,
            "statusMessage": status_messages(),
            "encodedList": encode(values(partner)),
        },
    }


def signed(partner, *, now: datetime | None = None) -> str:
    """The status list credential as a VC-JWT signed by the issuer's current key."""
    issuer_key, private_key = keys.signing_key(partner)
    data = document(partner, now=now)
    claims = {**data, "iss": data["issuer"], "jti": data["id"]}
    claims["iat"] = claims["nbf"] = int(datetime.fromisoformat(data["validFrom"]).timestamp())
    return sign(claims, private_key, kid=keys.key_id(issuer_key), typ=JWT_TYPE)
