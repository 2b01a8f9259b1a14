import pytest
from django.core.management import call_command
from wagtail.models import Page

from directory.models import MaisonPage
from home.models import MainMenu
from portal.models import User

pytestmark = pytest.mark.django_db


def snapshot():
    return sorted(
        Page.objects.filter(depth__gt=1).values_list("url_path", "title", "locale__language_code")
    )


def test_seed_demo_is_idempotent_and_prints_the_dev_admin(demo_site, capsys):
    # arrange: the session fixture already seeded once
    before = snapshot()
    # act
    call_command("seed_demo")
    # assert
    assert snapshot() == before
    assert MainMenu.objects.count() == 2
    output = capsys.readouterr().out
    assert "admin@france-services.example / " in output
    assert User.objects.get(email="admin@france-services.example").is_superuser


def test_seed_demo_creates_no_account_when_accounts_are_off(demo_site, settings, capsys):
    settings.PORTAL_SEED_DEMO_ACCOUNTS = False
    User.objects.filter(email="admin@france-services.example").delete()
    call_command("seed_demo")
    assert not User.objects.filter(email="admin@france-services.example").exists()
    assert "Demo accounts skipped" in capsys.readouterr().out


def test_the_demo_home_pages_theme_cards_each_lead_to_their_own_theme(demo_site, client):
    for path, index in (("/", "/demarches/"), ("/en/", "/en/procedures/")):
        cards = client.get(path).context["theme_cards"]

        assert len(cards) == 6
        assert len({card.url for card in cards}) == 6
        assert all(card.url.startswith(f"{index}?theme=") for card in cards)


def test_the_demo_shows_its_maisons_in_english_under_the_english_directory(demo_site, client):
    # arrange
    maison = MaisonPage.objects.live().filter(locale__language_code="fr").first()
    # act
    menu = client.get("/en/").content.decode()
    response = client.get(f"/en/maisons/{maison.slug}/")
    # assert
    assert 'href="/en/maisons/"' in menu
    assert response.status_code == 200
    assert not MaisonPage.objects.filter(locale__language_code="en").exists()
