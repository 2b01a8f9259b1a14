"""The public verification page of a certification in a real browser: axe-core on a valid
and a revoked credential, and its counter display.

The fixtures that write to the database come before ``session`` in each test's arguments:
the ORM cannot run once Playwright's event loop does."""

import pytest
from playwright.sync_api import expect
from test_members_browser import assert_no_axe_violation

pytestmark = pytest.mark.e2e

ISSUED: dict[str, str] = {}  # "valid", "revoked": the path of the verification page


def build_dataset() -> None:
    """A partner with its key, a definition, and two agents' credentials: one valid, one
    revoked."""
    from network.models import Role
    from tests.factories import MaisonPageFactory, PartnerFactory
    from tests.network.conftest import make_member
    from training.certifications import keys, services
    from training.certifications.models import CertificationDefinition

    partner = PartnerFactory(name="Caisse d’essai")
    keys.make_key(partner)
    definition = CertificationDefinition.objects.create(
        partner=partner,
        code="referent-essai",
        title="Référent d’essai",
        description="Accompagne les usagers sur les démarches du partenaire.",
        criteria="A suivi le module d’essai.",
        validity_months=24,
    )
    maison = MaisonPageFactory(postcode="34150")
    for state, email in (("valid", "valide@example.org"), ("revoked", "revoque@example.org")):
        user = make_member(email, Role.AGENT, maison=maison).user
        credential = services.issue(definition=definition, user=user, reason="Essai")
        if state == "revoked":
            services.revoke(credential, by=None, reason="Essai")
        ISSUED[state] = f"/certifications/{credential.pk}/"


@pytest.mark.parametrize("state", ["valid", "revoked"])
def test_the_verification_page_has_no_axe_violation(live_site, session, state):
    # arrange
    page = session.page

    # act
    response = session.goto(ISSUED[state])

    # assert
    assert response.status == 200
    expect(page.locator(f'[data-state="{state}"]')).to_be_visible()
    assert_no_axe_violation(session)
    assert session.csp_violations == []


def test_the_counter_display_has_no_axe_violation(live_site, session):
    # arrange
    page = session.page

    # act
    session.goto(ISSUED["valid"] + "?affichage=guichet")

    # assert
    expect(page.locator('[data-state="valid"] .fr-display--lg')).to_be_visible()
    expect(page.get_by_role("img", name="QR code", exact=False)).to_be_visible()
    assert_no_axe_violation(session)
