"""The security headers: on every response, the copies served by the page cache included;
the Content-Security-Policy, its nonce and the pages it must let work."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import path

from tests.factories import (
    GuidePageFactory,
    MaisonPageFactory,
    NewsPageFactory,
    PartnerFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db

# Tuesday 24 November 2026, 10:00 in Paris: a maison page is kept for a few minutes.
TUESDAY_MORNING = datetime(2026, 11, 24, 10, tzinfo=ZoneInfo("Europe/Paris"))
SAME_FOR_ALL = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def from_the_page_cache(client, url: str):
    """The second answer to ``url``, checked to come from the page cache (no query)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert len(queries) == 0, "expected a copy from the page cache"
    return response


def assert_security_headers(response, *, framed: bool = False) -> None:
    for name, value in SAME_FOR_ALL.items():
        assert response.get(name) == value, name
    assert response.get("X-Frame-Options") == (None if framed else "DENY")
    assert "geolocation=(self)" in response["Permissions-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_a_page_from_the_page_cache_carries_the_security_headers(client):
    # arrange
    page = MaisonPageFactory(hours=[(1, "09:00", "17:00")])
    # act
    response = from_the_page_cache(client, page.url)
    # assert
    assert_security_headers(response)


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_the_embedded_search_from_the_page_cache_may_still_be_framed(client):
    # arrange
    MaisonPageFactory()
    # act
    response = from_the_page_cache(client, "/maisons/embed/?q=34000")
    # assert
    assert_security_headers(response, framed=True)


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("/api/v1/communes/?q=mont", id="api"),
        pytest.param("/robots.txt", id="robots"),
        pytest.param("/page-inexistante/", id="not-found"),
        pytest.param("/espace-agents/connexion/", id="login"),
        pytest.param("/static/portal/js/combobox.js", id="static-file"),
    ],
)
def test_every_response_carries_the_security_headers(client, url):
    # arrange
    StandardPageFactory()
    # act
    response = client.get(url)
    # assert
    assert response.status_code in {200, 404}
    assert_security_headers(response)


# Content-Security-Policy ---------------------------------------------------------------


def policy(response) -> dict[str, list[str]]:
    """The directives of the response's Content-Security-Policy, by name."""
    directives = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {name: sources for name, *sources in directives}


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_pages_allow_only_the_sites_own_scripts_cached_copies_too(client):
    # arrange
    page = MaisonPageFactory()
    # act
    fresh = client.get(page.url)
    cached = from_the_page_cache(client, page.url)
    # assert
    for response in (fresh, cached):
        directives = policy(response)
        assert directives["script-src"] == ["'self'"]
        assert directives["style-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'none'"]


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_any_site_may_frame_the_embedded_search_cached_copies_too(client):
    # arrange
    MaisonPageFactory()
    # act
    fresh = client.get("/maisons/embed/?q=34000")
    cached = from_the_page_cache(client, "/maisons/embed/?q=34000")
    # assert
    for response in (fresh, cached):
        assert "frame-ancestors" not in policy(response)
        assert policy(response)["script-src"] == ["'self'"]


def test_the_wagtail_admin_keeps_its_inline_scripts_and_nothing_more(client):
    # arrange / act
    response = client.get("/admin/login/")
    # assert
    directives = policy(response)
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]


def test_a_preview_framed_by_the_admin_gets_the_admins_policy():
    # arrange
    page = StandardPageFactory()
    # act
    response = page.make_preview_request()
    # assert
    assert policy(response)["frame-ancestors"] == ["'self'"]


def public_pages() -> list[str]:
    """One address of each kind of public page, built with the factories."""
    partner = PartnerFactory(name="Caisse d’essai", slug="caisse-essai")
    maison = MaisonPageFactory(hours=[(1, "09:00", "17:00")])
    guide = GuidePageFactory(partners=[partner])
    news = NewsPageFactory()
    return [
        "/",
        StandardPageFactory().url,
        maison.url,
        "/maisons/",
        "/maisons/?q=34000",
        "/maisons/embed/?q=34000",
        "/maisons/departement/34/",
        "/maisons/donnees-ouvertes/",
        guide.url,
        "/demarches/",
        news.url,
        "/actualites/",
        "/partenaires/",
        "/partenaires/caisse-essai/",
        "/recherche/?q=essai",
        "/espace-agents/connexion/",
        "/page-inexistante/",
        "/en/",
    ]


EXECUTABLE = {"", "text/javascript", "module", "application/javascript"}


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_no_public_page_has_an_inline_script_or_a_nonce(client):
    """What makes the cached pages and fragments safe to replay: every script is a
    static file; JSON-LD and map data are data blocks, which no policy runs."""
    # arrange
    addresses = public_pages()
    for address in addresses:
        # act
        response = client.get(address)
        # assert
        assert response.status_code in {200, 404}, address
        html = BeautifulSoup(response.content, "html.parser")
        for script in html.find_all("script"):
            executable = script.get("type", "").lower() in EXECUTABLE
            assert script.get("src") or not executable, f"{address}: {script}"
            assert not script.get("nonce"), f"{address}: {script}"
        assert "csp_nonce" not in response.content.decode(), address
        assert not html.select("[style], style"), address


def page_with_an_inline_script(request):
    response = HttpResponse(f'<script nonce="{request.csp_nonce}">document.title = 1</script>')
    response.public_cache_seconds = 60
    return response


urlpatterns = [path("nonce/", page_with_an_inline_script)]
NONCE = re.compile(r'nonce="([^"]+)"')


def test_a_page_holding_a_nonce_is_never_replayed_from_the_page_cache(client, settings):
    # arrange
    settings.ROOT_URLCONF = __name__
    # act
    responses = [client.get("/nonce/") for _ in range(2)]
    # assert
    nonces = []
    for response in responses:
        nonce = NONCE.search(response.content.decode()).group(1)
        assert f"'nonce-{nonce}'" in policy(response)["script-src"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]
