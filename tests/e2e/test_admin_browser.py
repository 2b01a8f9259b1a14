"""The Wagtail admin in a real browser under its Content-Security-Policy: the editor, its
preview panel (a page framed by the admin) and the dashboard load without a refusal."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery staple"


def build_dataset() -> None:
    """A guide to edit (the module's dataset, see tests/e2e/conftest.py)."""
    from tests.factories import GuidePageFactory

    GuidePageFactory(title="Fiche d’essai à relire")


@pytest.fixture
def editor(live_site):
    """A superuser with a confirmed authenticator: (e-mail, TOTP key, a guide's id)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from directory.models import GuidePage
    from portal.models import User

    user = User.objects.create_superuser("redaction@example.org", PASSWORD)
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return user.email, device.bin_key, GuidePage.objects.live().first().pk


def test_the_editor_and_its_preview_load_without_a_csp_refusal(editor, session):
    from django_otp.oath import TOTP

    # arrange
    email, key, guide_id = editor
    page = session.page
    session.goto("/admin/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url("**/espace-agents/verification/**")
    page.fill("input[name=token]", f"{TOTP(key).token():06d}")
    page.press("input[name=token]", "Enter")
    page.wait_for_url("**/admin/")
    # act
    session.goto(f"/admin/pages/{guide_id}/edit/")
    page.locator("[data-side-panel-toggle=preview]").first.click()
    preview = page.frame_locator("#w-preview-iframe")
    # assert
    expect(preview.locator("h1")).to_be_visible()
    assert not session.csp_violations, session.csp_violations
