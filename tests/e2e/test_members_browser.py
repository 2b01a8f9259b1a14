"""The members area in a real browser: accept an invitation, choose a password, log in by
e-mail, read the dashboard and the directory, edit the profile, log out; axe-core on each
page."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from test_accessibility import AXE_OPTIONS, format_violations

pytestmark = pytest.mark.e2e

PASSWORD = "une phrase de passe assez longue"
# The maisons one may ask to join; the agent is invited to the first.
MAISONS = ["France Services d’essai de Gignac", "France Services d’essai de Lodève"]


def build_dataset() -> None:
    """The ``MAISONS``, in the Hérault."""
    from tests.factories import MaisonPageFactory

    for title in MAISONS:
        MaisonPageFactory(title=title)


@pytest.fixture
def invitation(live_site, mailoutbox):
    """An invitation of an agent by the national cell: (link path, maison title)."""
    from django.test import RequestFactory

    from directory.models import MaisonPage
    from network.models import AgentProfile, Role
    from network.services import invite
    from portal.models import User

    national = User.objects.create_user("cellule@example.org", "x")
    AgentProfile.objects.create(user=national, role=Role.NATIONAL_CELL)
    maison = MaisonPage.objects.get(title=MAISONS[0])
    invite(
        inviter=national,
        email="agente@example.org",
        role=Role.AGENT,
        request=RequestFactory().post("/espace-agents/invitations/"),
        maison=maison,
    )
    link = next(line for line in mailoutbox[0].body.splitlines() if "/invitation/" in line)
    return "/" + link.split("://", 1)[1].split("/", 1)[1], maison.title


def assert_no_axe_violation(session):
    session.page.wait_for_load_state("networkidle")
    violations = Axe().run(session.page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(session.page.url, violations)


def test_an_invited_agent_joins_logs_in_edits_their_profile_and_logs_out(invitation, session):
    # ``invitation`` first: the ORM cannot run once Playwright's event loop does.
    path, maison_title = invitation
    page = session.page
    assert session.goto(path).status == 200
    assert_no_axe_violation(session)
    page.get_by_label("Prénom").fill("Alice")
    page.get_by_label("Nom", exact=True).fill("Martin")
    page.get_by_label("Nouveau mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmation du nouveau mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_url("**/espace-agents/mon-profil/")
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(f"{session.base_url}/")

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
    expect(page.locator(".fr-alert--success")).to_contain_text("Votre profil a été enregistré.")
    assert_no_axe_violation(session)
    page.reload()  # what was saved, read back
    expect(page.get_by_label("Fonction")).to_have_value("Conseillère numérique")
    expect(page.get_by_label("Montrer mon adresse e-mail aux membres")).to_be_checked()

    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(f"{session.base_url}/")
    assert session.goto("/espace-agents/membres/").status == 200
    assert "/espace-agents/connexion/" in page.url


@pytest.mark.parametrize("path", ["/espace-agents/rejoindre/", "/espace-agents/mot-de-passe/"])
def test_public_member_pages_have_no_wcag_violation(session, path):
    assert session.goto(path).status == 200
    assert_no_axe_violation(session)


@pytest.fixture
def national_cell_member(live_site):
    from network.models import AgentProfile, Role
    from portal.models import User

    user = User.objects.create_user("cellule@example.org", PASSWORD, first_name="Claude")
    AgentProfile.objects.create(user=user, role=Role.NATIONAL_CELL)
    return user.email


def current_code(secret: str) -> str:
    from base64 import b32decode

    from django_otp.oath import TOTP

    key = secret.replace(" ", "")
    key += "=" * (-len(key) % 8)
    return f"{TOTP(b32decode(key)).token():06d}"


def test_the_national_cell_sets_up_its_second_factor_at_first_login(national_cell_member, session):
    page = session.page
    session.goto("/espace-agents/connexion/")
    page.get_by_label("Adresse e-mail").fill(national_cell_member)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/espace-agents/double-authentification/**")
    expect(page.get_by_role("img", name="QR code à scanner")).to_be_visible()
    assert_no_axe_violation(session)
    page.get_by_label("Code à six chiffres").fill("000000")
    page.get_by_role("button", name="Activer").click()
    expect(page.locator("#token-error")).to_be_visible()
    assert_no_axe_violation(session)
    # The wrong code slowed further tries down: wait out django-otp's one-second delay.
    page.wait_for_timeout(1100)
    page.get_by_label("Code à six chiffres").fill(current_code(page.locator("code").inner_text()))
    page.get_by_role("button", name="Activer").click()
    page.wait_for_url("**/espace-agents/")
    expect(page.locator("h1")).to_have_text("Bonjour Claude")
