"""The rest of the members area in a real browser, axe-core on each page: a coordinator's
invitations and join requests, the news, "Mes données" and deleting one's account, the second step
of a login, the lockout, the password reset; and a login by keyboard only.

The fixtures that write to the database come before ``session`` in each test's arguments:
the ORM cannot run once Playwright's event loop does."""

from base64 import b32encode

import pytest
from playwright.sync_api import expect
from test_members_browser import assert_no_axe_violation, current_code

from tests.network.conftest import PASSWORD

pytestmark = pytest.mark.e2e

AGENT = "agent@example.org"
COORDINATOR = "coord@example.org"


@pytest.fixture
def agent(live_site) -> str:
    """An agent of a maison of the Hérault, without a second factor."""
    from network.models import Role
    from tests.factories import MaisonPageFactory
    from tests.network.conftest import make_member

    make_member(AGENT, Role.AGENT, maison=MaisonPageFactory(postcode="34150"))
    return AGENT


@pytest.fixture
def coordinator(live_site) -> str:
    """The Hérault's coordinator, and a pending join request to a maison of the Hérault:
    that maison's title."""
    from directory.models import Department
    from network.models import JoinRequest, Role
    from tests.factories import MaisonPageFactory
    from tests.network.conftest import make_member

    make_member(COORDINATOR, Role.COORDINATOR, department=Department.objects.get(code="34"))
    maison = MaisonPageFactory(postcode="34150")
    JoinRequest.objects.create(
        first_name="Inès", last_name="Durand", email="ines@example.org", maison=maison
    )
    return maison.title


@pytest.fixture
def authenticator_secret(agent) -> str:
    """The agent's confirmed authenticator: its key in base 32, as the setup page shows it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from portal.models import User

    device = TOTPDevice.objects.create(
        user=User.objects.get(email=agent), name="authenticator", confirmed=True
    )
    return b32encode(device.bin_key).decode()


def log_in(session, email: str, password: str = PASSWORD) -> None:
    page = session.page
    session.goto("/espace-agents/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def test_a_coordinator_invites_an_agent_and_sees_a_form_error(coordinator, mailoutbox, session):
    page = session.page
    log_in(session, COORDINATOR)
    page.wait_for_url("**/espace-agents/")
    page.get_by_role("link", name="Invitations", exact=True).click()
    page.wait_for_url("**/espace-agents/invitations/")
    expect(page.locator("h1")).to_have_text("Inviter un membre")
    page.get_by_label("Adresse e-mail").fill("nouvelle@example.org")
    page.get_by_label("France Services (pour un agent)").select_option(label=coordinator)
    page.get_by_role("button", name="Envoyer l’invitation").click()
    expect(page.locator(".fr-alert--success")).to_have_text(
        "Invitation envoyée à nouvelle@example.org."
    )
    row = page.get_by_role("row").filter(has_text="nouvelle@example.org")
    expect(row).to_contain_text(coordinator)
    expect(row).to_contain_text("En attente")
    assert [message.to for message in mailoutbox] == [["nouvelle@example.org"]]
    assert_no_axe_violation(session)

    page.get_by_label("Adresse e-mail").fill("autre@example.org")  # and no maison
    page.get_by_role("button", name="Envoyer l’invitation").click()
    expect(page.locator(".fr-error-text")).to_have_text(
        "Un agent travaille dans une France Services."
    )
    expect(page.get_by_role("row").filter(has_text="autre@example.org")).to_have_count(0)
    assert_no_axe_violation(session)


def test_a_coordinator_approves_a_join_request(coordinator, mailoutbox, session):
    page = session.page
    log_in(session, COORDINATOR)
    page.wait_for_url("**/espace-agents/")
    page.get_by_role("link", name="Demandes d’adhésion").click()
    page.wait_for_url("**/espace-agents/demandes/")
    expect(page.get_by_role("heading", name="Inès Durand")).to_be_visible()
    expect(page.get_by_text(f"ines@example.org — {coordinator}")).to_be_visible()
    assert_no_axe_violation(session)

    page.get_by_role("button", name="Accepter et inviter Inès Durand").click()
    expect(page.locator(".fr-alert--success")).to_have_text(
        "Demande acceptée : une invitation a été envoyée."
    )
    expect(page.get_by_text("Aucune demande en attente.")).to_be_visible()
    assert [message.to for message in mailoutbox] == [["ines@example.org"]]
    assert_no_axe_violation(session)


REGIONAL_NEWS = "Rencontre d’essai des France Services d’Occitanie"


@pytest.fixture
def news(live_site) -> None:
    """Two news items: one to the whole network, one to Occitanie (the Hérault's region)."""
    from directory.models import Region
    from network.models import News

    News.objects.create(title="Un module de formation d’essai", body="<p>Deux heures.</p>")
    News.objects.create(
        title=REGIONAL_NEWS,
        body="<p>Une journée d’échanges à Montpellier.</p>",
        region=Region.objects.get(code="76"),
    )


def test_an_agent_reads_the_news_of_the_network_and_of_their_region(agent, news, session):
    page = session.page
    log_in(session, agent)
    page.wait_for_url("**/espace-agents/")
    page.get_by_role("link", name=REGIONAL_NEWS).click()
    page.wait_for_url("**/espace-agents/actualites/*/")
    expect(page.locator("h1")).to_have_text(REGIONAL_NEWS)
    expect(page.get_by_text("Région Occitanie")).to_be_visible()
    assert_no_axe_violation(session)

    page.get_by_role("link", name="Toutes les actualités").click()
    page.wait_for_url("**/espace-agents/actualites/")
    expect(page.get_by_role("heading", level=2)).to_have_count(2)
    assert_no_axe_violation(session)


def test_an_agent_reads_my_data_and_deletes_their_account(agent, session):
    page = session.page
    log_in(session, agent)
    page.wait_for_url("**/espace-agents/")
    page.get_by_role("link", name="Mes données").click()
    page.wait_for_url("**/espace-agents/mes-donnees/")
    expect(page.get_by_role("link", name="Télécharger mes données (JSON)")).to_be_visible()
    assert_no_axe_violation(session)

    page.get_by_label("Votre mot de passe").fill(PASSWORD)
    page.get_by_text("Je comprends que mon compte et mon profil seront supprimés").click()
    page.get_by_role("button", name="Supprimer mon compte").click()
    expect(page.locator("h1")).to_have_text("Compte supprimé")
    expect(page.get_by_text("Votre compte et votre profil ont été supprimés.")).to_be_visible()
    assert_no_axe_violation(session)

    log_in(session, agent)  # the account is gone
    expect(page.get_by_role("alert")).to_be_visible()
    assert page.url.endswith("/espace-agents/connexion/")


def test_a_member_with_an_authenticator_gives_its_code(authenticator_secret, session):
    page = session.page
    log_in(session, AGENT)
    page.wait_for_url("**/espace-agents/verification/**")
    expect(page.locator("h1")).to_have_text("Deuxième étape de la connexion")
    assert_no_axe_violation(session)

    page.get_by_label("Code à six chiffres").fill("000000")
    page.get_by_role("button", name="Vérifier le code").click()
    expect(page.locator("#token-error")).to_contain_text("Code erroné ou expiré.")
    expect(page.get_by_label("Code à six chiffres")).to_have_attribute(
        "aria-describedby", "token-error"
    )
    assert_no_axe_violation(session)

    page.wait_for_timeout(1100)  # django-otp's delay after a wrong code
    page.get_by_label("Code à six chiffres").fill(current_code(authenticator_secret))
    page.get_by_role("button", name="Vérifier le code").click()
    page.wait_for_url("**/espace-agents/")
    expect(page.locator("h1")).to_have_text("Bonjour Agent")


def test_five_wrong_passwords_lock_the_login_out(agent, session):
    page = session.page
    for _ in range(4):
        log_in(session, agent, "pas le bon mot de passe")
        expect(page.get_by_role("alert")).to_be_visible()
        expect(page.locator("h1")).to_have_text("Se connecter à l’espace agents")
    log_in(session, agent, "pas le bon mot de passe")
    expect(page.locator("h1")).to_have_text("Trop de tentatives échouées")
    expect(page.get_by_role("link", name="Choisir un nouveau mot de passe")).to_be_visible()
    assert_no_axe_violation(session)

    log_in(session, agent)  # even the right password, during the lockout
    expect(page.locator("h1")).to_have_text("Trop de tentatives échouées")


def test_a_member_chooses_a_new_password_through_the_e_mailed_link(agent, mailoutbox, session):
    page = session.page
    session.goto("/espace-agents/connexion/")
    page.get_by_role("link", name="Mot de passe oublié ?").click()
    page.get_by_label("Adresse e-mail").fill(agent)
    page.get_by_role("button", name="Envoyer le lien").click()
    page.wait_for_url("**/espace-agents/mot-de-passe/envoye/")
    expect(page.locator("h1")).to_have_text("Consultez vos e-mails")
    assert_no_axe_violation(session)

    # Sent by the live server's thread into the same in-memory outbox.
    (message,) = mailoutbox
    assert message.to == [agent]
    link = next(line for line in message.body.splitlines() if "/mot-de-passe/" in line)
    session.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
    page.wait_for_url("**/espace-agents/mot-de-passe/*/set-password/")
    expect(page.locator("h1")).to_have_text("Choisir un nouveau mot de passe")
    assert_no_axe_violation(session)

    new_password = "une toute nouvelle phrase de passe"
    page.get_by_label("Nouveau mot de passe", exact=True).fill(new_password)
    page.get_by_label("Confirmation du nouveau mot de passe").fill(new_password)
    page.get_by_role("button", name="Enregistrer mon mot de passe").click()
    page.wait_for_url("**/espace-agents/mot-de-passe/termine/")
    expect(page.locator("h1")).to_have_text("Mot de passe enregistré")
    assert_no_axe_violation(session)

    page.get_by_role("link", name="Se connecter").last.click()
    page.get_by_label("Adresse e-mail").fill(agent)
    page.get_by_label("Mot de passe").fill(new_password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/espace-agents/")
    expect(page.locator("h1")).to_have_text("Bonjour Agent")


FOCUSED = """() => {
    const element = document.activeElement;
    return {
        tag: element.tagName.toLowerCase(),
        id: element.id,
        href: element.getAttribute("href"),
        text: element.textContent.trim(),
        visible: element.matches(":focus-visible"),
    };
}"""


def test_a_member_logs_in_with_the_keyboard_only(agent, session):
    page = session.page
    session.goto("/espace-agents/connexion/")
    skip_link = page.get_by_role("link", name="Contenu")
    expect(skip_link).not_to_be_in_viewport()  # until focused

    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == {
        "tag": "a",
        "id": "",
        "href": "#content",
        "text": "Contenu",
        "visible": True,
    }
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    assert page.url.endswith("/espace-agents/connexion/#content")
    assert page.evaluate(FOCUSED)["id"] == "content"

    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == {
        "tag": "input",
        "id": "id_username",
        "href": None,
        "text": "",
        "visible": True,
    }
    page.keyboard.type(agent)
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert (focused["id"], focused["visible"]) == ("id_password", True)
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/espace-agents/")
    expect(page.locator("h1")).to_have_text("Bonjour Agent")
