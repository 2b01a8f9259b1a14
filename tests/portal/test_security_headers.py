"""The security headers: on every response, the copies served by the page cache included."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import MaisonPageFactory, StandardPageFactory

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
