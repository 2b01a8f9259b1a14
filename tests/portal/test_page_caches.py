"""Sites, routes and the header and footer of public pages are remembered between
requests, never past a change.

Each test builds the pages, menu entries and maison it reads with the factories of
``tests/factories.py``, at addresses the demo does not use (the maison in the Finistère,
29, where the demo has none); the French home, the skeleton's indexes, the menu and the
default site are the skeleton of the tree.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from directory.models import Department, MaisonPage
from home.models import MainMenu, MainMenuItem, StandardPage
from portal import checks
from portal.content_version import VERSION_KEY, bump_content_version, content_version
from tests.factories import MaisonPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# Tuesday 24 November 2026, 10:00 in Paris: the maison is open.
TUESDAY_MORNING = datetime(2026, 11, 24, 10, tzinfo=PARIS)
TRIAL_URL = "/page-dessai-des-caches/"


def trial_page(title: str = "Page d’essai des caches", slug: str = "page-dessai-des-caches"):
    """A published standard page under the French home, at ``/<slug>/``."""
    return StandardPageFactory(title=title, slug=slug)


def in_french_menu(page: Page, label: str = "") -> MainMenuItem:
    """An entry of the French main menu (its label empty: the page's title is shown)."""
    menu = MainMenu.objects.get(locale__language_code="fr")
    return MainMenuItem.objects.create(menu=menu, page=page, label=label, sort_order=99)


def without_page_cache(settings) -> None:
    """Each request renders the page."""
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if not name.endswith("PublicPageCacheMiddleware")
    ]


def queries_of(client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, len(captured.captured_queries)


def test_a_second_request_skips_the_site_and_route_lookups(client, settings):
    # arrange: without the whole-page cache, so that each request renders the page
    without_page_cache(settings)
    url = trial_page().url
    # act
    first_status, first = queries_of(client, url)
    second_status, second = queries_of(client, url)
    # assert
    assert url == TRIAL_URL
    assert first_status == second_status == 200
    # Site by host (1), the localized root and its specific page (2), the page by slug
    # and its specific page (2), the locale, the translations, the breadcrumb...
    assert second <= first - 5


def test_a_renamed_page_answers_at_its_new_address_only(client):
    # arrange: the route of the old address is remembered
    page = trial_page()
    assert client.get(TRIAL_URL).status_code == 200
    # act
    page.slug = "page-dessai-renommee"
    page.save_revision().publish()
    # assert
    assert client.get(TRIAL_URL).status_code == 404
    assert client.get("/page-dessai-renommee/").status_code == 200


def test_an_unpublished_page_is_not_served_from_a_remembered_route(client):
    # arrange
    page = trial_page()
    assert client.get(TRIAL_URL).status_code == 200
    # act
    page.unpublish()
    # assert
    assert client.get(TRIAL_URL).status_code == 404


def test_a_page_made_private_after_its_route_was_remembered_is_refused(client):
    # arrange
    page = trial_page()
    assert client.get(TRIAL_URL).status_code == 200
    # act
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(TRIAL_URL)
    # assert
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_site_given_another_root_serves_the_new_tree_at_once(client):
    # arrange: the skeleton's home is served at /, its accessibility statement beneath
    page = trial_page(title="Racine d’essai", slug="racine-dessai")
    site = Site.objects.get(is_default_site=True)
    assert client.get("/").status_code == 200
    assert client.get("/accessibilite/").status_code == 200
    # act
    site.root_page = Page.objects.get(pk=page.pk)
    site.save()
    response = client.get("/")
    # assert: the trial page is now the site's root: its own children (none) only
    assert response.status_code == 200
    assert "Racine d’essai" in response.content.decode()
    assert response.context["page"].pk == page.pk
    assert client.get("/accessibilite/").status_code == 404


def test_a_host_no_site_serves_is_not_found_until_a_site_takes_it(client, settings):
    # arrange
    settings.ALLOWED_HOSTS = ["*"]
    site = Site.objects.get(is_default_site=True)
    site.is_default_site = False
    site.save()
    # act / assert
    assert client.get("/", HTTP_HOST="autre.localhost").status_code == 404
    assert client.get("/", HTTP_HOST="autre.localhost").status_code == 404  # remembered
    site.is_default_site = True
    site.save()
    assert client.get("/", HTTP_HOST="autre.localhost").status_code == 200


def test_each_page_marks_its_own_menu_entry_in_the_cached_header(client):
    # arrange: two trial pages in the French menu
    in_french_menu(trial_page(title="Rubrique d’essai", slug="rubrique-dessai"))
    in_french_menu(trial_page(title="Autre rubrique d’essai", slug="autre-rubrique-dessai"))
    # act
    first = client.get("/rubrique-dessai/").content.decode()
    other = client.get("/autre-rubrique-dessai/").content.decode()
    again = client.get("/rubrique-dessai/").content.decode()
    # assert
    assert 'href="/rubrique-dessai/" aria-current="page">Rubrique d’essai</a>' in first
    assert 'href="/autre-rubrique-dessai/" aria-current="page">Autre rubrique d’essai</a>' in (
        other
    )
    assert 'href="/rubrique-dessai/" aria-current="page"' not in other
    assert 'href="/autre-rubrique-dessai/" aria-current="page"' not in first
    assert again.count('aria-current="page"') == first.count('aria-current="page"')


def test_a_renamed_menu_page_is_renamed_in_the_header_at_once(client, settings):
    # arrange: a menu entry showing its page's title, seen from another page
    without_page_cache(settings)
    section = trial_page(title="Rubrique d’essai", slug="rubrique-dessai")
    in_french_menu(section)
    trial_page()
    assert "Rubrique d’essai</a>" in client.get(TRIAL_URL).content.decode()
    # act
    section = StandardPage.objects.get(pk=section.pk)
    section.title = "Notre rubrique d’essai"
    section.save_revision().publish()
    html = client.get(TRIAL_URL).content.decode()
    # assert
    assert ">Rubrique d’essai</a>" not in html
    assert ">Notre rubrique d’essai</a>" in html


def test_private_pages_are_known_only_once_one_exists():
    # arrange
    page = trial_page()
    assert not page.get_view_restrictions().exists()
    # act
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    # assert
    restrictions = StandardPage.objects.get(pk=page.pk).get_view_restrictions()
    assert list(restrictions) == list(PageViewRestriction.objects.filter(page=page))
    assert len(restrictions) == 1


def cached_keys(part: str) -> list[str]:
    return [key for key in cache._cache if f":{part}:" in key]  # local-memory cache


def test_routes_with_arguments_from_the_address_are_kept_only_once_answered(client):
    # arrange: a maison of the Finistère, so that its department page lists one
    MaisonPageFactory(
        title="France Services de Kerlouan-Essai",
        department=Department.objects.get(code="29"),
        postcode="29890",
        commune_name="Kerlouan",
        insee_commune="29091",
        latitude=48.6447,
        longitude=-4.3664,
    )
    # act
    made_up = [
        client.get(f"/maisons/departement/{code}/").status_code for code in ("zz1", "zz2", "zz3")
    ]
    department = client.get("/maisons/departement/29/")
    directory = client.get("/maisons/")
    # assert
    assert made_up == [404, 404, 404]
    assert department.status_code == 200
    assert "France Services de Kerlouan-Essai" in department.content.decode()
    assert directory.status_code == 200
    # /maisons/ and the Finistère's page: made-up department codes would fill the cache.
    assert len(cached_keys("portal:route")) == 2


def test_made_up_hosts_share_one_cached_site(client, settings):
    # arrange
    settings.ALLOWED_HOSTS = ["*"]
    # act
    statuses = [
        client.get("/", HTTP_HOST=host).status_code
        for host in ("a.localhost", "b.localhost", "c.localhost")
    ]
    # assert
    assert statuses == [200, 200, 200]
    assert len(cached_keys("portal:site")) == 1


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_a_password_protected_page_is_never_served_from_the_page_cache():
    # arrange: maison pages opt in to the page cache
    page = MaisonPageFactory(
        title="France Services de Plouessai",
        slug="france-services-de-plouessai",
        department=Department.objects.get(code="29"),
        postcode="29200",
        commune_name="Brest",
        insee_commune="29019",
        latitude=48.3904,
        longitude=-4.4861,
        hours=[(1, "09:00", "12:00")],
    )
    page = MaisonPage.objects.get(pk=page.pk)
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-mot"
    )
    insider, outsider = Client(), Client()
    form = insider.get(page.url)
    assert "password" in form.content.decode()
    restriction = PageViewRestriction.objects.get(page=page)
    # act
    insider.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": "s3cret-mot", "return_url": page.url},
    )
    seen = insider.get(page.url).content.decode()
    refused = outsider.get(page.url).content.decode()
    # assert
    assert page.url == "/maisons/france-services-de-plouessai/"
    assert "France Services de Plouessai" in seen and 'name="password"' not in seen
    assert 'name="password"' in refused
    assert "France Services de Plouessai</h1>" not in refused
    assert not [key for key in caches["pages"]._cache if ":portal:page:" in key]


def test_a_change_bumps_the_version_again_when_its_transaction_commits(
    django_capture_on_commit_callbacks,
):
    before = content_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        bump_content_version()
    during = content_version()
    for callback in callbacks:
        callback()
    assert len({before, during, content_version()}) == 3


def test_an_evicted_version_does_not_bring_back_older_entries():
    bump_content_version()
    older = content_version()
    cache.delete(VERSION_KEY)
    newer = content_version()
    assert newer != older
    assert int(newer.rpartition("-")[2]) > int(older.rpartition("-")[2])


def test_the_deploy_check_warns_about_caches_in_process_memory(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache"},
    }
    warnings = checks.shared_cache(None)
    assert [warning.id for warning in warnings] == ["portal.W001"]
    assert "default" in warnings[0].msg and "pages" not in warnings[0].msg
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    assert checks.shared_cache(None) == []


def test_a_page_holding_a_csrf_token_is_never_kept_for_others(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from portal.middleware import PublicPageCacheMiddleware

    rendered = []

    def page_with_a_form(request):
        rendered.append(get_token(request))
        response = HttpResponse(f'<input name="csrfmiddlewaretoken" value="{rendered[-1]}">')
        response.public_cache_seconds = 60
        return response

    middleware = PublicPageCacheMiddleware(page_with_a_form)
    for _ in range(2):
        request = rf.get("/formulaire/")
        request.user = AnonymousUser()
        middleware(request)
    assert len(rendered) == 2


@pytest.mark.parametrize(
    "url",
    ["/", "/en/", "/mentions-legales/", "/accessibilite/", "/plan-du-site/", "/sitemap.xml"],
)
def test_pages_that_change_only_when_something_is_published_come_from_the_page_cache(client, url):
    # arrange: a first visitor's request renders the page
    first = client.get(url)
    # act
    with CaptureQueriesContext(connection) as captured:
        second = Client().get(url)
    # assert
    assert first.status_code == second.status_code == 200
    assert len(captured.captured_queries) == 0
    assert second.content == first.content


def test_a_page_published_is_listed_at_once_by_the_cached_site_map_and_sitemap(client):
    # arrange: both maps are in the page cache, the page a draft
    assert "Page d’essai des caches" not in client.get("/plan-du-site/").content.decode()
    assert TRIAL_URL not in client.get("/sitemap.xml").content.decode()
    draft = StandardPageFactory(
        title="Page d’essai des caches", slug="page-dessai-des-caches", live=False
    )
    # act
    draft.save_revision().publish()
    # assert
    assert "Page d’essai des caches" in client.get("/plan-du-site/").content.decode()
    assert TRIAL_URL in client.get("/sitemap.xml").content.decode()
