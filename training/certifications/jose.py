"""Signing and checking compact JWS (VC-JWT) with Ed25519, through joserfc.

The algorithm is named ``EdDSA`` (RFC 8037), as Open Badges 3.0 verifiers expect; joserfc
warns that RFC 9864 deprecates the name for ``Ed25519``, a warning this registry leaves out.
"""

import json

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey
from joserfc.jws import JWSRegistry
from joserfc.util import to_bytes

ALGORITHM = "EdDSA"


class _EdDSA(type(JWSRegistry.algorithms[ALGORITHM])):
    security_warning = None


class _Registry(JWSRegistry):
    algorithms = {ALGORITHM: _EdDSA()}


REGISTRY = _Registry(algorithms=[ALGORITHM])


class BadSignature(Exception):
    """The token is malformed, or its signature does not match the key."""


def sign(claims: dict, key: OKPKey, *, kid: str, typ: str) -> str:
    """``claims`` as a compact JWS signed with ``key``."""
    header = {"alg": ALGORITHM, "kid": kid, "typ": typ}
    payload = json.dumps(claims, ensure_ascii=False, separators=(",", ":"))
    return jws.serialize_compact(header, payload, key, registry=REGISTRY)


def unverified_header(token: str) -> dict:
    """The protected header of ``token``, read without checking anything."""
    try:
        return jws.extract_compact(to_bytes(token)).protected
    except (JoseError, ValueError) as error:
        raise BadSignature(str(error)) from error


def verify(token: str, public_jwk: dict) -> dict:
    """The claims of ``token`` once its signature is checked against ``public_jwk``."""
    try:
        key = OKPKey.import_key(public_jwk)
        signature = jws.deserialize_compact(to_bytes(token), key, registry=REGISTRY)
        return json.loads(signature.payload)
    except (JoseError, ValueError) as error:
        raise BadSignature(str(error) or type(error).__name__) from error
