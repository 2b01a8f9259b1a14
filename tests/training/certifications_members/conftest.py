"""Credentials for the members' side, made directly as rows (the signature is the core's
business, tested there): a dummy key and JWT, the dates and status each test needs."""

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import PartnerFactory
from training.certifications.models import (
    CertificationDefinition,
    Credential,
    CredentialStatus,
    IssuerKey,
)

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
_index = itertools.count()


def make_definition(partner=None, *, code=None, title="Habilitation d’essai", **fields):
    partner = partner or PartnerFactory()
    number = next(_index)
    return CertificationDefinition.objects.create(
        partner=partner,
        code=code or f"habilitation-{number}",
        title=title,
        description="Accueillir les demandes du partenaire au guichet.",
        criteria="Avoir suivi le module et réussi son quiz.",
        validity_months=fields.pop("validity_months", 24),
        **fields,
    )


def make_credential(
    user,
    definition,
    *,
    issued_at=NOW - timedelta(days=30),
    valid_until=NOW + timedelta(days=700),
    status=CredentialStatus.ACTIVE,
    holder_name=None,
) -> Credential:
    key = IssuerKey.objects.filter(partner=definition.partner, retired_at=None).first()
    if key is None:
        key = IssuerKey.objects.create(
            partner=definition.partner,
            kid=f"{definition.partner.slug}-{next(_index)}",
            public_jwk={"kty": "OKP", "crv": "Ed25519", "x": "AAAA"},
        )
    return Credential.objects.create(
        definition=definition,
        partner=definition.partner,
        user=user,
        holder_name=holder_name or user.get_full_name(),
        identity_salt="sel",
        issued_at=issued_at,
        valid_from=issued_at,
        valid_until=valid_until,
        key=key,
        status_index=next(_index),
        status=status,
        document={"type": ["VerifiableCredential", "OpenBadgeCredential"]},
        jwt="eyJhbGciOiJFZERTQSJ9.e30.c2lnbmF0dXJl",
    )


@pytest.fixture
def trainer_definition(members):
    """A definition of the ``members.trainer``'s partner."""
    return make_definition(
        members.trainer.partner, code="referent-essai", title="Référent d’essai"
    )
