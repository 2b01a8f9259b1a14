"""Partners' Ed25519 signing keys: the private half in a file of
``settings.CERTIFICATION_KEYS_DIR`` (``<kid>.jwk``, mode 0600, in a directory of mode
0700), the public half in the database (``IssuerKey.public_jwk``), published as a JWK Set
and in the issuer's did:web document."""

import json
import os
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from joserfc.jwk import OKPKey

from .jose import ALGORITHM
from .models import IssuerKey

PUBLIC_MEMBERS = ("kty", "crv", "x")  # of an Ed25519 JWK: never "d"


class SigningKeyUnavailable(ImproperlyConfigured):
    """A partner cannot sign: no key yet, or its private file is missing."""


class KeyExists(Exception):
    """The partner already has a signing key (rotate it instead)."""


def keys_dir() -> Path:
    return Path(settings.CERTIFICATION_KEYS_DIR)


def key_path(kid: str) -> Path:
    return keys_dir() / f"{kid}.jwk"


def did(partner) -> str:
    """The partner's did:web identifier, resolved at
    ``<PUBLIC_BASE_URL>/certifications/emetteurs/<slug>/did.json``."""
    host = quote(urlsplit(settings.PUBLIC_BASE_URL).netloc, safe="")
    return f"did:web:{host}:certifications:emetteurs:{partner.slug}"


def key_id(issuer_key: IssuerKey) -> str:
    """The key's public identifier: a DID URL (``<did>#<kid>``), the ``kid`` of the JWTs it
    signs, of its JWK in the JWK Set and of its verification method in the DID document."""
    return f"{did(issuer_key.partner)}#{issuer_key.kid}"


def published_jwk(issuer_key: IssuerKey) -> dict:
    """The public JWK of ``issuer_key`` as published (and as verification reads it)."""
    jwk = {member: issuer_key.public_jwk[member] for member in PUBLIC_MEMBERS}
    return {**jwk, "kid": key_id(issuer_key), "alg": ALGORITHM, "use": "sig"}


def _write_private(kid: str, key: OKPKey) -> Path:
    directory = keys_dir()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = key_path(kid)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        json.dump(key.as_dict(private=True), file)
    return path


@transaction.atomic
def make_key(partner, *, rotate: bool = False) -> IssuerKey:
    """Give ``partner`` a new signing key; with ``rotate``, retire its current one (which
    stays published, so that what it signed stays verifiable)."""
    current = (
        IssuerKey.objects.select_for_update()
        .filter(partner=partner, retired_at__isnull=True)
        .first()
    )
    if current is not None and not rotate:
        raise KeyExists(current.kid)
    now = timezone.now()
    key = OKPKey.generate_key("Ed25519")
    kid = f"{partner.slug[:50]}-{now:%Y%m%d}-{key.thumbprint()[:10]}"
    _write_private(kid, key)
    if current is not None:
        current.retired_at = now
        current.save(update_fields=["retired_at"])
    return IssuerKey.objects.create(
        partner=partner, kid=kid, public_jwk=key.as_dict(private=False)
    )


def current_key(partner, *, lock: bool = False) -> IssuerKey:
    keys = IssuerKey.objects.filter(partner=partner, retired_at__isnull=True)
    if lock:
        keys = keys.select_for_update()
    issuer_key = keys.select_related("partner").first()
    if issuer_key is None:
        raise SigningKeyUnavailable(
            f"{partner.slug} has no signing key: "
            f"run `manage.py certification_key {partner.slug}` first"
        )
    return issuer_key


def private_key(issuer_key: IssuerKey) -> OKPKey:
    """The private half of ``issuer_key``, read from its file."""
    path = key_path(issuer_key.kid)
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        raise SigningKeyUnavailable(
            f"no private key for {issuer_key.kid} in {keys_dir()}: "
            "restore it from backup or rotate"
        ) from None
    return OKPKey.import_key(data)


def signing_key(partner, *, lock: bool = False) -> tuple[IssuerKey, OKPKey]:
    """The partner's current key, and its private half to sign with."""
    issuer_key = current_key(partner, lock=lock)
    return issuer_key, private_key(issuer_key)
