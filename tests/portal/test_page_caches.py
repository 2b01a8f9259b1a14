"""Sites, routes and the header and footer of public pages are remembered between
requests, never past a change."""

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from directory.models import MaisonPage
from home.models import StandardPage
from portal import checks
from portal.content_version import VERSION_KEY, bump_content_version, content_version

pytestmark = pytest.mark.django_db


def legal_page() -> StandardPage:
    return StandardPage.objects.get(slug="mentions-legales", locale__language_code="fr")


def queries_of(client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, len(captured.captured_queries)


def test_a_second_request_skips_the_site_and_route_lookups(demo_site, client, settings):
    # Without the whole-page cache, so that each request renders the page.
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if not name.endswith("PublicPageCacheMiddleware")
    ]
    url = legal_page().url
    first_status, first = queries_of(client, url)
    second_status, second = queries_of(client, url)
    assert first_status == second_status == 200
    # Site by host (1), the localized root and its specific page (2), the page by slug
    # and its specific page (2), the locale, the translations, the breadcrumb...
    assert second <= first - 5


def test_a_renamed_page_answers_at_its_new_address_only(demo_site, client):
    page = legal_page()
    old_url = page.url
    assert client.get(old_url).status_code == 200
    page.slug = "informations-legales"
    page.save_revision().publish()
    assert client.get(old_url).status_code == 404
    assert client.get("/informations-legales/").status_code == 200


def test_an_unpublished_page_is_not_served_from_a_remembered_route(demo_site, client):
    page = legal_page()
    assert client.get(page.url).status_code == 200
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_a_page_made_private_after_its_route_was_remembered_is_refused(demo_site, client):
    page = legal_page()
    url = page.url
    assert client.get(url).status_code == 200
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_site_given_another_root_serves_the_new_tree_at_once(demo_site, client):
    site = Site.objects.get(is_default_site=True)
    assert client.get("/").status_code == 200
    legal = Page.objects.get(pk=legal_page().pk)
    site.root_page = legal
    site.save()
    # The legal notice is now the site's root: its own children (none) only.
    response = client.get("/")
    assert response.status_code == 200
    assert legal.title in response.content.decode()
    assert client.get("/accessibilite/").status_code == 404


def test_a_host_no_site_serves_is_not_found_until_a_site_takes_it(demo_site, client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    site = Site.objects.get(is_default_site=True)
    site.is_default_site = False
    site.save()
    assert client.get("/", HTTP_HOST="autre.localhost").status_code == 404
    assert client.get("/", HTTP_HOST="autre.localhost").status_code == 404  # remembered
    site.is_default_site = True
    site.save()
    assert client.get("/", HTTP_HOST="autre.localhost").status_code == 200


def test_each_page_marks_its_own_menu_entry_in_the_cached_header(demo_site, client):
    network = client.get("/le-reseau/").content.decode()
    news = client.get("/actualites/").content.decode()
    again = client.get("/le-reseau/").content.decode()
    assert 'href="/le-reseau/" aria-current="page"' in network
    assert 'href="/actualites/" aria-current="page"' in news
    assert 'href="/le-reseau/" aria-current="page"' not in news
    assert again.count('aria-current="page"') == network.count('aria-current="page"')


def test_a_renamed_menu_page_is_renamed_in_the_header_at_once(demo_site, client, settings):
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if not name.endswith("PublicPageCacheMiddleware")
    ]
    assert "Le réseau France Services</a>" in client.get("/mentions-legales/").content.decode()
    network = StandardPage.objects.get(slug="le-reseau", locale__language_code="fr")
    network.title = "Notre réseau"
    network.save_revision().publish()
    html = client.get("/mentions-legales/").content.decode()
    assert "Le réseau France Services</a>" not in html
    assert "Notre réseau</a>" in html


def test_private_pages_are_known_only_once_one_exists(demo_site, client):
    page = legal_page()
    assert not page.get_view_restrictions().exists()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert list(legal_page().get_view_restrictions()) == list(
        PageViewRestriction.objects.filter(page=page)
    )


def cached_keys(part: str) -> list[str]:
    return [key for key in cache._cache if f":{part}:" in key]  # local-memory cache


def test_routes_with_arguments_from_the_address_are_not_kept(demo_site, client):
    for code in ("zz1", "zz2", "zz3"):
        assert client.get(f"/maisons/departement/{code}/").status_code == 404
    assert client.get("/maisons/departement/34/").status_code == 200
    assert client.get("/maisons/").status_code == 200
    # Only /maisons/ itself: made-up department codes would fill the cache.
    assert len(cached_keys("portal:route")) == 1


def test_made_up_hosts_share_one_cached_site(demo_site, client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    for host in ("a.localhost", "b.localhost", "c.localhost"):
        assert client.get("/", HTTP_HOST=host).status_code == 200
    assert len(cached_keys("portal:site")) == 1


def test_a_password_protected_page_is_never_served_from_the_page_cache(demo_site):
    page = MaisonPage.objects.get(source_id="demo-34-02")  # maison pages opt in
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-mot"
    )
    insider, outsider = Client(), Client()
    form = insider.get(page.url)
    assert "password" in form.content.decode()
    restriction = PageViewRestriction.objects.get(page=page)
    insider.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": "s3cret-mot", "return_url": page.url},
    )
    seen = insider.get(page.url).content.decode()
    assert page.title in seen and 'name="password"' not in seen
    assert 'name="password"' in outsider.get(page.url).content.decode()
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
