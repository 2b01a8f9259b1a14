from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from wagtail.models import Page

from directory.maisons.hours import weekly_figures
from directory.models import MaisonPage, Partner
from home.models import MainMenu
from portal.demo.loader import content as demo_content
from portal.models import User
from tests.home.test_rendering import PAGES_BY_TYPE

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


# The demo's content (moved here from the partner-page and rendering tests) -------------


def test_the_demo_describes_every_partner_and_links_official_home_pages(demo_site):
    # arrange
    partners = Partner.objects.filter(locale__language_code="fr")
    # act / assert
    assert partners.count() == len(demo_content().national_partners) + len(
        demo_content().local_partners
    )
    for partner in partners:
        assert partner.description.startswith("<p>"), partner.slug
        if not partner.national:
            continue
        services = [block.value for block in partner.online_services]
        assert 1 <= len(services) <= 3, partner.slug
        for service in services:
            address = urlsplit(service["url"])
            assert service["label"] and address.scheme == "https", partner.slug
            assert address.path in {"", "/"} and not address.query, service["url"]


def test_every_page_type_has_a_demo_page(demo_site):
    types_in_tree = {type(page).__name__ for page in Page.objects.filter(depth__gt=1).specific()}
    assert set(PAGES_BY_TYPE) <= types_in_tree


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


def test_the_demo_maisons_store_the_weekly_figures_of_their_hours(demo_site):
    maisons = MaisonPage.objects.prefetch_related("opening_intervals")
    stored = {maison.pk: (maison.weekly_minutes, maison.days_open) for maison in maisons}
    computed = {
        maison.pk: weekly_figures(
            (row.weekday, row.opens, row.closes) for row in maison.opening_intervals.all()
        )
        for maison in maisons
    }
    assert stored == computed
    assert any(minutes for minutes, _ in stored.values())
