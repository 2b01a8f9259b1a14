"""Certifications in a real browser: axe-core on an agent's "Mes certifications" (a valid,
an expiring and a revoked credential) and on a partner trainer's credentials issued.

The fixtures that write to the database come before ``session`` in each test's arguments:
the ORM cannot run once Playwright's event loop does."""

import pytest
from playwright.sync_api import expect
from test_members_browser import assert_no_axe_violation
from test_members_pages_browser import log_in

pytestmark = pytest.mark.e2e

AGENT = "agent@example.org"
TRAINER = "formateur@example.org"
TRAINER_TOTP_KEY = "3132333435363738393031323334353637383930"  # hex, the trainer's authenticator


def build_dataset() -> None:
    """An agent of the Hérault holding three credentials of a partner whose trainer issued
    them: valid, expiring within 60 days, revoked."""
    from datetime import timedelta

    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from network.models import Role
    from tests.factories import MaisonPageFactory, PartnerFactory
    from tests.network.conftest import make_member
    from tests.training.certifications_members.conftest import make_credential, make_definition
    from tests.training.factories import module_with
    from training.certifications.models import CredentialStatus

    partner = PartnerFactory(name="Agence d’essai des titres", national=True)
    trainer = make_member(TRAINER, Role.PARTNER_TRAINER, partner=partner).user
    TOTPDevice.objects.create(user=trainer, name="test", confirmed=True, key=TRAINER_TOTP_KEY)
    user = make_member(AGENT, Role.AGENT, maison=MaisonPageFactory(postcode="34150")).user
    refresher = module_with(title="Recyclage titres", lessons=0)
    definition = make_definition(partner, title="Habilitation titres", refresher_module=refresher)
    now = timezone.now()
    make_credential(user, definition, issued_at=now - timedelta(days=10))
    make_credential(user, definition, issued_at=now, valid_until=now + timedelta(days=20))
    make_credential(user, definition, issued_at=now, status=CredentialStatus.REVOKED)


def test_the_certifications_pages_have_no_axe_violation(live_site, session):
    # One test for both pages: the dataset is reloaded between the tests of a module, and a
    # partner trainer's reload asks for their group's permissions before they are back.
    from django_otp.oath import TOTP

    page = session.page
    for email, path in [
        (AGENT, "/espace-agents/formation/certifications/"),
        (TRAINER, "/espace-agents/formation/certifications/delivrees/"),
    ]:
        # arrange
        page.context.clear_cookies()
        log_in(session, email)
        if email == TRAINER:  # the admin's door asks for the second factor
            page.wait_for_url("**/espace-agents/verification/**")
            token = TOTP(bytes.fromhex(TRAINER_TOTP_KEY)).token()
            page.fill("input[name=token]", f"{token:06d}")
            page.press("input[name=token]", "Enter")
        page.wait_for_url(lambda url: "/connexion/" not in url and "/verification/" not in url)
        # act
        session.goto(path)
        # assert
        expect(page.locator("h1")).to_be_visible()
        assert page.url.endswith(path)
        assert_no_axe_violation(session)
        assert session.csp_violations == []
