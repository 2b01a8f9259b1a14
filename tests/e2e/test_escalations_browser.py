"""Escalations in a real browser: an agent sends one to a partner's back office, the
référent asks a question, the agent replies, the référent answers, the agent closes it,
answered within the clock; axe-core on the queue (both sides), the partner choice, the
form and the escalation's page (both sides). No JavaScript is needed: every step is a
form."""

import re

import pytest
from playwright.sync_api import expect
from test_members_browser import assert_no_axe_violation
from test_members_pages_browser import log_in

pytestmark = pytest.mark.e2e

AGENT = "agent.saisine@example.org"
REFERENT = "referent.saisine@example.org"
PARTNER = "Caisse d’essai des saisines"
TOTP_KEY = "3132333435363738393031323334353637383930"  # the référent's authenticator


def enter_second_factor(session) -> None:
    """The partner's staff use a second factor: the code of the référent's authenticator."""
    from django_otp.oath import TOTP

    page = session.page
    page.wait_for_url("**/espace-agents/verification/**")
    page.fill("input[name=token]", f"{TOTP(bytes.fromhex(TOTP_KEY)).token():06d}")
    page.press("input[name=token]", "Enter")


def build_dataset() -> None:
    """An agent of the Hérault; a partner with a back office for the Hérault, its
    référent and a motive."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from directory.models import Department
    from network.escalations.models import BackOffice, Motive, Referent
    from network.models import Role
    from tests.factories import MaisonPageFactory, PartnerFactory
    from tests.network.conftest import make_member

    make_member(AGENT, Role.AGENT, maison=MaisonPageFactory(postcode="34150"))
    partner = PartnerFactory(name=PARTNER)
    office = BackOffice.objects.create(
        partner=partner,
        department=Department.objects.get(code="34"),
        name="Plateforme de l’Hérault",
        mailbox="plateforme34@example.org",
    )
    referent = make_member(REFERENT, Role.PARTNER_TRAINER, partner=partner)
    Referent.objects.create(back_office=office, user=referent.user)
    TOTPDevice.objects.create(user=referent.user, name="test", confirmed=True, key=TOTP_KEY)
    Motive.objects.create(partner=partner, label="Dossier bloqué")


def test_send_question_reply_answer_and_close_within_the_clock(live_site, open_session):
    # arrange: the agent sends an escalation
    agent = open_session()
    page = agent.page
    log_in(agent, AGENT)
    page.wait_for_url("**/espace-agents/")
    agent.goto("/espace-agents/saisines/")
    assert_no_axe_violation(agent)
    page.locator("a[href$='/saisines/nouvelle/']").click()
    page.wait_for_url("**/saisines/nouvelle/")
    assert_no_axe_violation(agent)
    page.locator("select[name='partner']").select_option(label=PARTNER)
    page.locator("form[action$='/saisines/nouvelle/'] button[type='submit']").click()
    page.wait_for_url("**/saisines/nouvelle/?partner=*")
    assert_no_axe_violation(agent)
    page.locator("select[name='motive']").select_option(label="Dossier bloqué")
    page.locator("textarea[name='description']").fill("Le dossier est bloqué depuis octobre.")
    page.locator("input[name='file_reference']").fill("AB123")
    page.locator("label[for='id_consent']").click()
    page.locator("form[action$='/saisines/nouvelle/'] button[type='submit']").click()
    page.wait_for_url(re.compile(r".*/saisines/\d+/$"))
    escalation_path = page.url.removeprefix(agent.base_url)
    expect(page.locator("#clock")).not_to_have_class(re.compile("fr-badge--error"))
    assert_no_axe_violation(agent)
    # act: the référent asks a question, the agent replies, the référent answers
    referent = open_session()
    log_in(referent, REFERENT)
    enter_second_factor(referent)
    referent.page.wait_for_url("**/espace-agents/")
    referent.goto("/espace-agents/saisines/")
    expect(referent.page.locator("tbody tr")).to_have_count(1)
    assert_no_axe_violation(referent)
    referent.goto(escalation_path)
    assert_no_axe_violation(referent)
    referent.page.locator("textarea[name='question-body']").fill("Depuis quel mois ?")
    referent.page.locator("#question-form button[type='submit']").click()
    expect(referent.page.locator("#step-2, article").last).to_contain_text("Depuis quel mois ?")
    agent.goto(escalation_path)
    page.locator("textarea[name='reply-body']").fill("Depuis octobre.")
    page.locator("#reply-form button[type='submit']").click()
    expect(page.locator("article").last).to_contain_text("Depuis octobre.")
    referent.goto(escalation_path)
    referent.page.locator("textarea[name='answer-body']").fill("Le dossier est débloqué.")
    referent.page.locator("#answer-form button[type='submit']").click()
    expect(referent.page.locator("article").last).to_contain_text("Le dossier est débloqué.")
    assert_no_axe_violation(referent)
    # the agent closes it once the person is told
    agent.goto(escalation_path)
    page.locator("button[name='action'][value='close']").click()
    page.wait_for_load_state()
    # assert
    expect(page.locator("article")).to_have_count(5)  # sent, question, reply, answer, closed
    expect(page.locator("#clock")).to_have_class(re.compile("fr-badge--info"))
    expect(page.locator("#clock")).to_contain_text(re.compile(r"\d+ h"))
    expect(page.locator("button[name='action']")).to_have_count(0)
    assert_no_axe_violation(agent)
    assert agent.csp_violations == referent.csp_violations == []
