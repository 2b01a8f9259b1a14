"""The demo's certifications, as ``seed_demo`` builds them from
``portal/demo/content/certifications``: one per national partner with its badge, and valid,
expiring, expired, revoked and suspended credentials among the demo agents, each verifiable."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from training.certifications.members_views import standing
from training.certifications.models import CertificationDefinition, Credential
from training.certifications.selectors import verify

pytestmark = pytest.mark.django_db

NATIONAL_PARTNERS = {
    "caf", "assurance-maladie", "assurance-retraite", "msa", "france-travail", "dgfip",
    "la-poste", "ants", "justice",
}  # fmt: skip


def test_each_national_partner_has_a_certification_with_its_badge(demo_site):
    # act
    definitions = CertificationDefinition.objects.select_related("partner", "image")
    # assert
    assert {d.partner.slug for d in definitions} == NATIONAL_PARTNERS
    assert all(d.image is not None and d.image.width == 256 for d in definitions)
    assert all(d.module_criteria.exists() and d.refresher_module for d in definitions)


def test_the_demo_agents_hold_credentials_in_every_state(demo_site):
    # act
    call_command("seed_demo")
    call_command("seed_demo")  # a second run adds nothing
    # assert
    today = timezone.localdate()
    credentials = Credential.objects.select_related("definition", "partner", "user")
    states = {standing(c, today=today).state for c in credentials}
    assert states == {"valid", "expiring", "expired", "revoked", "suspended"}
    assert credentials.count() >= 6
    assert {verify(c).state for c in credentials} == {
        "valid",
        "expired",
        "revoked",
        "suspended",
    }
