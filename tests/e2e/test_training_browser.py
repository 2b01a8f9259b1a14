"""The training area in a real browser: a SCORM package played, answered and finished, the
module completed after a reload; a quiz taken with the keyboard only; axe-core on the
catalogue, module, lesson, quiz and result pages.

The fixtures that write to the database come before ``session`` in each test's arguments:
the ORM cannot run once Playwright's event loop does."""

import json

import pytest
from playwright.sync_api import expect
from test_members_browser import assert_no_axe_violation
from test_members_pages_browser import log_in

pytestmark = pytest.mark.e2e

AGENT = "agent@example.org"


def build_dataset() -> None:
    """An agent of the Hérault; a module with two lessons (one with an inline question) and
    a quiz of every kind of question, timed; the demo's SCORM module; the plan of both."""
    from network.models import Role
    from portal.demo.loader import CONTENT
    from tests.factories import MaisonPageFactory
    from tests.network.conftest import make_member
    from tests.training.factories import (
        BANK,
        SINGLE,
        LessonPageFactory,
        add_questions,
        module_with,
        plan_with,
    )
    from training import services
    from training.scorm.package import build_zip

    make_member(AGENT, Role.AGENT, maison=MaisonPageFactory(postcode="34150"))
    module = module_with(
        title="Accueillir les usagers", slug="accueil", lessons=0, time_limit_minutes=20
    )
    LessonPageFactory(parent=module, title="L’accueil inconditionnel", slug="accueil-1")
    LessonPageFactory(
        parent=module,
        title="Le délai de réponse",
        slug="delai",
        body=json.dumps(
            [
                {"type": "text", "value": "<p>Une réponse sous 72 heures.</p>"},
                {"type": "check", "value": {"gift": SINGLE}, "id": "verif"},
            ]
        ),
    )
    add_questions(module, *BANK)
    scorm = module_with(title="La MSA", slug="msa", format="scorm", lessons=0)
    services.install_scorm_package(
        module=scorm,
        data=build_zip(CONTENT / "training" / "scorm" / "premiers-pas-msa"),
        user=None,
    )
    plan_with(module, scorm)


def test_a_scorm_package_is_played_finished_and_the_module_completed(live_site, session):
    # arrange
    page = session.page
    log_in(session, AGENT)
    page.wait_for_url("**/espace-agents/")
    # act
    session.goto("/espace-agents/formation/modules/msa/")
    page.get_by_role("link", name="Ouvrir « La MSA").click()
    frame = page.frame_locator("#scorm-frame")
    expect(frame.locator("#page-1")).to_be_visible()
    assert_no_axe_violation(session)
    for _page in range(3):
        frame.locator("#next").click()
    for answer in ("#q1-b", "#q2-c", "#q3-a", "#q4-b"):
        frame.locator(answer).check()
    frame.locator("#submit-quiz").click()
    expect(frame.locator("#quiz-result")).not_to_be_empty()
    with page.expect_response(lambda r: "scorm/donnees" in r.url and r.status == 200):
        frame.locator("#finish").click()
    session.goto("/espace-agents/formation/modules/msa/")
    # assert
    expect(page.locator(".fr-badge").first).to_have_text("Terminé")
    assert session.csp_violations == []


def test_a_quiz_is_taken_with_the_keyboard_only(live_site, session):
    # arrange
    page = session.page
    log_in(session, AGENT)
    page.wait_for_url("**/espace-agents/")
    session.goto("/espace-agents/formation/")
    assert_no_axe_violation(session)
    session.goto("/espace-agents/formation/modules/accueil/")
    assert_no_axe_violation(session)
    session.goto("/espace-agents/formation/modules/accueil/lecons/delai/")
    assert_no_axe_violation(session)
    session.goto("/espace-agents/formation/modules/accueil/")
    # act: to the quiz's button by Tab, then every answer by keyboard
    button = page.get_by_role("button", name="Passer le quiz")
    for _press in range(200):
        page.keyboard.press("Tab")
        if button.evaluate("element => element === document.activeElement"):
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/tentatives/**")
    assert_no_axe_violation(session)
    fields = page.locator("#quiz-form input, #quiz-form select")
    page.locator("#quiz-form").focus()
    answered = set()
    for _press in range(300):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => [document.activeElement.tagName, document.activeElement.type || '',"
            " document.activeElement.name || '', document.activeElement.textContent]"
        )
        tag, kind, name, text = focused
        if tag == "BUTTON" and "Envoyer mes réponses" in text:
            break
        if name in answered and kind == "radio":
            continue
        if kind in {"radio", "checkbox"}:
            page.keyboard.press("Space")
        elif kind == "text":
            page.keyboard.type("24")
        elif tag == "SELECT":
            page.keyboard.press("ArrowDown")
        answered.add(name)
    assert fields.count() > 0
    page.keyboard.press("Enter")
    # assert
    page.wait_for_url("**/resultat/")
    expect(page.locator("h1")).to_have_text("Résultat du quiz")
    expect(page.get_by_text("Votre score")).to_be_visible()
    assert_no_axe_violation(session)
