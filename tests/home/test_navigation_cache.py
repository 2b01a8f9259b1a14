"""The header's menu and the footer are cached, never past a change of a page, the menu
or the footer settings.

Each test builds the pages and menu entries it reads with the factories of
``tests/factories.py``, at addresses the demo does not use; the French and English homes,
their menus and the default site's footer settings are the skeleton it adds them to.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, Site

from home.models import FooterSettings, MainMenu, MainMenuItem, StandardPage
from home.navigation import menu_entries
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

SECTION_URL = "/rubrique-dessai/"


def section() -> StandardPage:
    """The page "Rubrique d’essai" at ``SECTION_URL``, an entry of the French menu (its
    label empty: the menu shows the page's title)."""
    page = StandardPageFactory(title="Rubrique d’essai", slug="rubrique-dessai")
    MainMenuItem.objects.create(
        menu=MainMenu.objects.get(locale__language_code="fr"), page=page, label="", sort_order=99
    )
    return page


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_menu_and_footer_are_served_from_the_cache_once_built(client):
    # arrange
    section()
    # act
    cold = count_queries(client, SECTION_URL)
    warm = count_queries(client, SECTION_URL)
    # assert
    assert warm <= cold - 4


def test_publishing_a_menu_page_refreshes_the_menu(client):
    # arrange: the menu is in the cache
    page = section()
    assert ">Rubrique d’essai</a>" in client.get("/").content.decode()
    # act
    page = StandardPage.objects.get(pk=page.pk)
    page.title = "Rubrique d’essai, en bref"
    page.save_revision().publish()
    html = client.get("/").content.decode()
    # assert
    assert ">Rubrique d’essai, en bref</a>" in html
    assert ">Rubrique d’essai</a>" not in html


def test_unpublishing_a_menu_page_removes_it_from_the_menu(client):
    # arrange: the menu is in the cache
    page = section()
    link = f'class="fr-nav__link" href="{SECTION_URL}"'
    assert link in client.get("/").content.decode()
    # act
    StandardPage.objects.get(pk=page.pk).unpublish()
    html = client.get("/").content.decode()
    # assert
    assert link not in html


def test_saving_the_menu_or_the_footer_refreshes_them(client):
    # arrange: the trial entry in the menu, a trial page as the footer's legal notice
    page = section()
    legal = StandardPageFactory(title="Mentions d’essai", slug="mentions-dessai")
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    footer.legal_notice_page = legal
    footer.save()
    before = client.get("/").content.decode()
    assert ">Rubrique d’essai</a>" in before
    assert 'href="/mentions-dessai/"' in before
    # act: the menu entry is relabelled
    item = MainMenuItem.objects.get(page=page)
    item.label = "Qui sommes-nous, à l’essai ?"
    item.save()
    relabelled = client.get("/").content.decode()
    # act: the footer loses its legal notice
    footer = FooterSettings.objects.get(pk=footer.pk)
    footer.legal_notice_page = None
    footer.save()
    without_legal_notice = client.get("/").content.decode()
    # assert
    assert ">Qui sommes-nous, à l’essai ?</a>" in relabelled
    assert ">Rubrique d’essai</a>" not in relabelled
    assert 'href="/mentions-dessai/"' not in without_legal_notice


def test_menu_falls_back_to_french_when_a_language_has_no_menu(rf):
    # arrange: the French menu holds the trial entry only, English has no menu
    MainMenuItem.objects.filter(menu__locale__language_code="fr").delete()
    page = section()
    MainMenu.objects.filter(locale__language_code="en").delete()
    request = rf.get("/en/")
    # act
    entries = menu_entries(request, Locale.objects.get(language_code="en"))
    # assert
    assert entries == [
        {"text": "Rubrique d’essai", "url": SECTION_URL, "path": Page.objects.get(pk=page.pk).path}
    ]
