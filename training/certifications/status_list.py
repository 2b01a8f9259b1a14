"""Bitstring Status List v1.0: each issuer's revocation and suspension lists, built from the
database on request (so a change of status shows at once) and signed as VC-JWTs by the
issuer's current key.

Bit ``i`` (the first bit is the most significant of the first byte) is 1 when the
credential of ``status_index`` ``i`` is revoked (or suspended). ``encodedList``: the
bitstring GZIP-compressed, base64url-encoded without padding, with the multibase prefix
``u``."""

import base64
import gzip
from datetime import datetime

from django.utils import timezone

from . import keys, links
from .credentials import VC_CONTEXT, timestamp
from .jose import sign
from .models import Credential, CredentialStatus

MIN_BITS = 131_072  # the specification's minimum: herd privacy
JWT_TYPE = "vc+jwt"
STATUS_OF_PURPOSE = {
    "revocation": CredentialStatus.REVOKED,
    "suspension": CredentialStatus.SUSPENDED,
}


def encode(indexes, *, length: int = MIN_BITS) -> str:
    """The ``encodedList`` of a bitstring of ``length`` bits (more if an index needs it)
    with ``indexes`` set."""
    indexes = list(indexes)
    length = max(length, max(indexes, default=0) + 1)
    bits = bytearray((length + 7) // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def decode(encoded: str) -> bytes:
    """The bitstring of an ``encodedList``."""
    if not encoded.startswith("u"):
        raise ValueError("not a base64url multibase string")
    data = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def is_set(bitstring: bytes, index: int) -> bool:
    return bool(bitstring[index // 8] & (0x80 >> (index % 8)))


def set_indexes(partner, purpose: str) -> list[int]:
    return list(
        Credential.objects.filter(partner=partner, status=STATUS_OF_PURPOSE[purpose])
        .order_by("status_index")
        .values_list("status_index", flat=True)
    )


def document(partner, purpose: str, *, now: datetime | None = None) -> dict:
    """The issuer's BitstringStatusListCredential for ``purpose``, as of now."""
    url = links.status_list_url(partner, purpose)
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": keys.did(partner),
        "validFrom": timestamp(now or timezone.now()),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encode(set_indexes(partner, purpose)),
        },
    }


def signed(partner, purpose: str, *, now: datetime | None = None) -> str:
    """The status list credential as a VC-JWT signed by the issuer's current key."""
    issuer_key, private_key = keys.signing_key(partner)
    data = document(partner, purpose, now=now)
    claims = {**data, "iss": data["issuer"], "jti": data["id"]}
    claims["iat"] = claims["nbf"] = int(datetime.fromisoformat(data["validFrom"]).timestamp())
    return sign(claims, private_key, kid=keys.key_id(issuer_key), typ=JWT_TYPE)
