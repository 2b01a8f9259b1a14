"""The Open Badges 3.0 credential (a W3C Verifiable Credential 2.0) of a certification, and
its signature as a VC-JWT.

The JWT's claims set is the credential itself (VC-JOSE-COSE), to which registered claims
mirroring it are added for JWT tools: ``iss`` (the issuer's id), ``jti`` (the credential's
id), ``iat`` and ``nbf`` (``validFrom``), ``exp`` (``validUntil``, when there is one).
"""

import hashlib
from datetime import UTC, datetime

from portal.public_urls import public_url

from . import keys, links
from .jose import sign

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
JWT_TYPE = "vc+jwt"
STATUS_PURPOSE = "message"
STATUS_SIZE = 2  # bits per credential in the issuer's status list
# The machine value of each status (its index), for developers, not shown to people;
# "undefined" (0x3) is the specification's word for a value not used (yet).
STATUS_MESSAGES = ("valid", "suspended", "revoked", "undefined")


def timestamp(moment: datetime) -> str:
    """An XML Schema dateTimeStamp in UTC, to the second."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def identity_hash(email: str, salt: str) -> str:
    """The salted hash of an e-mail address, as an Open Badges IdentityObject states it."""
    return "sha256$" + hashlib.sha256((email + salt).encode()).hexdigest()


def status_messages() -> list[dict]:
    """The ``statusMessage`` array: one ``{"status": "0x…", "message": …}`` per value."""
    return [{"status": hex(value), "message": m} for value, m in enumerate(STATUS_MESSAGES)]


def status_entry(partner, status_index: int) -> dict:
    """The credential's one ``BitstringStatusListEntry``: its 2-bit value in the issuer's
    status list says whether it is valid, suspended or revoked."""
    url = links.status_list_url(partner)
    return {
        "id": f"{url}#{status_index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": STATUS_PURPOSE,
        "statusListIndex": str(status_index),
        "statusSize": STATUS_SIZE,
        "statusMessage": status_messages(),
        "statusListCredential": url,
    }


def issuer_profile(partner) -> dict:
    return {
        "id": keys.did(partner),
        "type": ["Profile"],
        "name": partner.name,
        "url": partner.website or links.absolute("issuer", slug=partner.slug),
    }


def achievement(definition) -> dict:
    partner = definition.partner
    data = {
        "id": links.absolute("achievement", slug=partner.slug, code=definition.code),
        "type": ["Achievement"],
        "name": definition.title,
        "description": definition.description,
        "criteria": {"narrative": definition.criteria},
    }
    if definition.image_id is not None:
        data["image"] = {"id": public_url(definition.image.file.url), "type": "Image"}
    return data


def build(
    *,
    credential_id,
    definition,
    email: str,
    salt: str,
    valid_from: datetime,
    valid_until: datetime | None,
    status_index: int,
) -> dict:
    """The unsigned credential."""
    partner = definition.partner
    document = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{credential_id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer_profile(partner),
        "validFrom": timestamp(valid_from),
        "name": definition.title,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": identity_hash(email, salt),
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": salt,
                }
            ],
            "achievement": achievement(definition),
        },
        "credentialStatus": status_entry(partner, status_index),
    }
    if valid_until is not None:
        document["validUntil"] = timestamp(valid_until)
    return document


def jwt_claims(document: dict) -> dict:
    """The credential with the registered JWT claims that mirror it."""
    issuer = document["issuer"]
    claims = {
        **document,
        "iss": issuer["id"] if isinstance(issuer, dict) else issuer,
        "jti": document["id"],
    }
    start = int(datetime.fromisoformat(document["validFrom"]).timestamp())
    claims["iat"] = claims["nbf"] = start
    if "validUntil" in document:
        claims["exp"] = int(datetime.fromisoformat(document["validUntil"]).timestamp())
    return claims


def sign_document(document: dict, issuer_key, private_key) -> str:
    """``document`` as a VC-JWT signed by ``issuer_key`` (its private half given)."""
    return sign(jwt_claims(document), private_key, kid=keys.key_id(issuer_key), typ=JWT_TYPE)
