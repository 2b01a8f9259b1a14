"""The référents directory in a real browser: an agent reads their territory's back
offices (a référent away, and their deputy); a partner's trainer manages their back office
and sets a référent away with the keyboard alone; axe-core on the directory and on every
management page. No JavaScript is needed: every action is a link or a form."""

import pytest
from playwright.sync_api import expect
from test_members_browser import assert_no_axe_violation
from test_members_pages_browser import log_in

pytestmark = pytest.mark.e2e

AGENT = "agent@example.org"
TRAINER = "formateur@example.org"
TRAINER_TOTP_KEY = "3132333435363738393031323334353637383930"  # hex, the trainer's authenticator


def build_dataset() -> None:
    """An agent of the Hérault; a trainer of a partner with a back office for the Hérault:
    three référents, one away since yesterday with a deputy; two motives."""
    from datetime import timedelta

    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from network.escalations.models import Referent
    from network.models import Role
    from tests.factories import MaisonPageFactory, PartnerFactory
    from tests.network.conftest import make_member
    from tests.network.escalations.referents_data import BackOfficeFactory, MotiveFactory

    partner = PartnerFactory(name="Caisse d’essai", national=True)
    trainer = make_member(TRAINER, Role.PARTNER_TRAINER, partner=partner).user
    TOTPDevice.objects.create(user=trainer, name="test", confirmed=True, key=TRAINER_TOTP_KEY)
    make_member(AGENT, Role.AGENT, maison=MaisonPageFactory(postcode="34150"))
    office = BackOfficeFactory(partner=partner, name="Caisse d’essai de l’Hérault")
    today = timezone.localdate()
    deputy = Referent.objects.create(
        back_office=office,
        user=make_member("camille@example.org", Role.PARTNER_TRAINER, partner=partner).user,
    )
    Referent.objects.create(
        back_office=office,
        user=make_member("dominique@example.org", Role.PARTNER_TRAINER, partner=partner).user,
        away_from=today - timedelta(days=1),
        away_until=today + timedelta(days=5),
        deputy=deputy,
    )
    Referent.objects.create(
        back_office=office,
        user=make_member("eden@example.org", Role.PARTNER_TRAINER, partner=partner).user,
    )
    MotiveFactory(partner=partner, label="Dossier bloqué", order=0)
    MotiveFactory(partner=partner, label="Trop-perçu", order=1)


def log_in_with_second_factor_if_asked(session, email: str) -> None:
    from django_otp.oath import TOTP

    page = session.page
    page.context.clear_cookies()
    log_in(session, email)
    page.wait_for_url(lambda url: "/connexion/" not in url)
    if "/verification/" in page.url:
        token = TOTP(bytes.fromhex(TRAINER_TOTP_KEY)).token()
        page.fill("input[name=token]", f"{token:06d}")
        page.press("input[name=token]", "Enter")
        page.wait_for_url(lambda url: "/verification/" not in url)


def test_read_the_directory_and_manage_a_back_office_by_keyboard(live_site, session):
    page = session.page
    # arrange: the agent opens the directory from the members' menu
    log_in_with_second_factor_if_asked(session, AGENT)
    page.locator("nav a[href='/espace-agents/referents/']").click()
    page.wait_for_url("**/espace-agents/referents/")
    # assert: the back office, its référents, the one away with their deputy
    expect(page.locator("main")).to_contain_text("Caisse d’essai de l’Hérault")
    badge = page.locator("main li", has_text="Dominique Testeur").locator(".fr-badge")
    expect(badge).to_contain_text("Camille Testeur")
    expect(page.locator("a[href*='/referents/guichets/']")).to_have_count(0)
    assert_no_axe_violation(session)

    # arrange: the trainer opens the management pages
    log_in_with_second_factor_if_asked(session, TRAINER)
    session.goto("/espace-agents/referents/")
    assert_no_axe_violation(session)
    page.locator("main a[href*='/referents/guichets/'][href$='/']:not([href$='nouveau/'])").click()
    page.wait_for_url("**/referents/guichets/*/")
    office_path = page.url.removeprefix(session.base_url)
    assert_no_axe_violation(session)
    for path in ["/espace-agents/referents/guichets/nouveau/", f"{office_path}modifier/"]:
        session.goto(path)
        assert_no_axe_violation(session)
    session.goto("/espace-agents/referents/")
    page.locator("main a[href*='/motifs/']").click()
    page.wait_for_url("**/motifs/")
    expect(page.locator("tbody tr")).to_have_count(2)
    assert_no_axe_violation(session)

    # act: the absence of Eden, deputy Camille, given with the keyboard alone
    session.goto(office_path)
    page.locator("tr", has_text="Eden Testeur").locator("a[href$='/absence/']").click()
    page.wait_for_url("**/absence/")
    assert_no_axe_violation(session)
    # Day and month alike: Chromium orders a date's fields by its own language.
    page.locator("#id_away_from").focus()
    page.keyboard.type("12122030")
    page.keyboard.press("Tab")
    for _ in range(3):  # past the day, month and year of the first date
        if page.evaluate("document.activeElement.id") == "id_away_until":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_away_until"
    page.keyboard.type("11112030")
    page.keyboard.press("Enter")
    # assert: the last day before the first is refused, said next to the field
    page.wait_for_url("**/absence/")
    expect(page.locator("#id_away_until-error")).to_be_visible()
    expect(page.locator("#id_away_until")).to_have_attribute(
        "aria-describedby", "id_away_until-hint id_away_until-error"
    )
    assert_no_axe_violation(session)
    page.locator("#id_away_until").focus()
    page.keyboard.type("01012031")
    page.keyboard.press("Tab")
    for _ in range(4):  # past the segments of the last day
        if page.evaluate("document.activeElement.id") == "id_deputy":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_deputy"
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_deputy option:checked")).to_contain_text("Camille")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    # assert
    page.wait_for_url(f"**{office_path}")
    row = page.locator("tr", has_text="Eden Testeur")
    expect(row).to_contain_text("12 décembre 2030")
    expect(row).to_contain_text("1 janvier 2031")
    expect(row).to_contain_text("Camille Testeur")
    assert_no_axe_violation(session)
    assert session.csp_violations == []
