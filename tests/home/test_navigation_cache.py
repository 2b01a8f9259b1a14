import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import FooterSettings, MainMenu, StandardPage
from home.navigation import menu_entries

pytestmark = pytest.mark.django_db


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_menu_and_footer_are_served_from_the_cache_once_built(demo_site, client):
    cold = count_queries(client, "/le-reseau/")
    warm = count_queries(client, "/le-reseau/")
    assert warm <= cold - 4


def test_publishing_a_menu_page_refreshes_the_menu(demo_site, client):
    client.get("/")  # fills the cache
    page = StandardPage.objects.get(slug="le-reseau")
    page.title = "Le réseau, en bref"
    page.save_revision().publish()
    assert ">Le réseau, en bref</a>" in client.get("/").content.decode()


def test_unpublishing_a_menu_page_removes_it_from_the_menu(demo_site, client):
    client.get("/")
    StandardPage.objects.get(slug="le-reseau").unpublish()
    assert 'class="fr-nav__link" href="/le-reseau/"' not in client.get("/").content.decode()


def test_saving_the_menu_or_the_footer_refreshes_them(demo_site, client):
    client.get("/")
    menu = MainMenu.objects.get(locale__language_code="fr")
    item = menu.items.first()
    item.label = "Qui sommes-nous ?"
    item.save()
    assert ">Qui sommes-nous ?</a>" in client.get("/").content.decode()

    footer = FooterSettings.objects.get()
    footer.legal_notice_page = None
    footer.save()
    assert 'href="/mentions-legales/"' not in client.get("/").content.decode()


def test_menu_falls_back_to_french_when_a_language_has_no_menu(demo_site, rf):
    from wagtail.models import Locale

    MainMenu.objects.filter(locale__language_code="en").delete()
    request = rf.get("/en/")
    entries = menu_entries(request, Locale.objects.get(language_code="en"))
    assert entries[0]["url"] == "/le-reseau/"
