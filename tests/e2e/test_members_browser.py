"""The members area in a real browser: log in by e-mail, read the dashboard and the
directory, edit the profile, log out; axe-core on each page."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from test_accessibility import AXE_OPTIONS, format_violations

pytestmark = pytest.mark.e2e

PASSWORD = "une phrase de passe assez longue"


@pytest.fixture
def agent(seeded_site):
    from directory.models import MaisonPage
    from network.models import AgentProfile, Role
    from portal.models import User

    maison = MaisonPage.objects.filter(locale__language_code="fr", live=True).order_by("pk")[0]
    user = User.objects.create_user(
        "agente@example.org", PASSWORD, first_name="Alice", last_name="Martin"
    )
    return AgentProfile.objects.create(user=user, role=Role.AGENT, maison=maison)


def assert_no_axe_violation(session):
    session.page.wait_for_load_state("networkidle")
    violations = Axe().run(session.page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(session.page.url, violations)


def test_an_agent_logs_in_edits_their_profile_and_logs_out(agent, session):
    # ``agent`` first: the ORM cannot run once Playwright's event loop does.
    maison_title = agent.maison.title
    page = session.page
    assert session.goto("/espace-agents/").status == 200  # the login page, after a redirect
    assert "/espace-agents/connexion/" in page.url
    assert_no_axe_violation(session)

    page.get_by_label("Adresse e-mail").fill("agente@example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/espace-agents/")
    expect(page.locator("h1")).to_have_text("Bonjour Alice")
    expect(page.get_by_role("link", name=maison_title)).to_be_visible()
    assert_no_axe_violation(session)

    page.get_by_role("link", name="Annuaire des membres").first.click()
    page.wait_for_url("**/espace-agents/membres/")
    expect(page.get_by_role("heading", name="Alice Martin")).to_be_visible()
    assert_no_axe_violation(session)

    page.get_by_role("link", name="Mon profil").first.click()
    page.wait_for_url("**/espace-agents/mon-profil/")
    assert_no_axe_violation(session)
    page.get_by_label("Fonction").fill("Conseillère numérique")
    # The DSFR draws the box on the label, which takes the click.
    page.get_by_text("Montrer mon adresse e-mail aux membres").click()
    page.get_by_role("button", name="Enregistrer mon profil").click()
    expect(page.get_by_role("status")).to_contain_text("Votre profil a été enregistré.")
    assert_no_axe_violation(session)
    page.reload()  # what was saved, read back
    expect(page.get_by_label("Fonction")).to_have_value("Conseillère numérique")
    expect(page.get_by_label("Montrer mon adresse e-mail aux membres")).to_be_checked()

    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(f"{session.base_url}/")
    assert session.goto("/espace-agents/membres/").status == 200
    assert "/espace-agents/connexion/" in page.url
