import json
from datetime import timedelta

import pytest
from django.utils import timezone
from jwcrypto import jwk, jws

from training.certifications import keys
from training.certifications.models import CertificationCriterion, CertificationDefinition
from training.models import Completion


@pytest.fixture
def partner(members):
    """The trainer's partner, an issuer with a signing key."""
    partner = members.trainer.partner
    keys.make_key(partner)
    return partner


@pytest.fixture
def definition(partner):
    return CertificationDefinition.objects.create(
        partner=partner,
        code="referent-essai",
        title="Référent d’essai",
        description="Accompagne les usagers sur les démarches du partenaire.",
        criteria="A suivi le module d’essai avec au moins 80 % de réussite.",
        validity_months=24,
    )


def add_criterion(definition, module, **fields):
    return CertificationCriterion.objects.create(definition=definition, module=module, **fields)


def complete(user, module, *, score=None, source="quiz", days_valid=None):
    now = timezone.now()
    return Completion.objects.create(
        user=user,
        module=module,
        module_code=module.code,
        module_title=module.title,
        module_version=module.version,
        completed_at=now,
        score=score,
        source=source,
        valid_until=(now + timedelta(days=days_valid)).date() if days_valid else None,
    )


def verify_with_published_keys(client, token: str, slug: str) -> dict:
    """The claims of ``token``, checked by jwcrypto (not the library that signed) against
    the issuer's JWK Set as the site publishes it, and nothing else."""
    key_set = jwk.JWKSet.from_json(
        client.get(f"/certifications/emetteurs/{slug}/jwks.json").content
    )
    signature = jws.JWS()
    signature.deserialize(token)
    kid = signature.jose_header["kid"]
    signature.verify(key_set.get_key(kid), alg="EdDSA")
    return json.loads(signature.payload)
