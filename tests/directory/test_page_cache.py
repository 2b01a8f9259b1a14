"""Whole maison pages in the page cache: served without a query to anonymous visitors,
never past a change, never to signed-in users; how long an entry stays true.

Each test builds the maison it reads with the factories of ``tests/factories.py``, in the
Finistère (29), where the demo has no maison, and freezes the clock where the page
depends on it (its open/closed status, its coming permanences).
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.maisons.page_cache import MAX_SECONDS, seconds_valid
from directory.models import Department, MaisonPage, Partner
from home.models import StandardPage
from tests.factories import (
    MaisonPageFactory,
    PartnerFactory,
    PartnerPresenceFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# Tuesday 24 November 2026, 10:00 in Paris: the maison is open until 12:30.
TUESDAY_MORNING = datetime(2026, 11, 24, 10, tzinfo=PARIS)
# Tuesday to Friday 09:00–12:30 and 14:00–17:30, Saturday 09:00–12:00; closed on Monday.
TUESDAY_TO_SATURDAY = [
    *[
        (weekday, opens, closes)
        for weekday in (1, 2, 3, 4)
        for opens, closes in (("09:00", "12:30"), ("14:00", "17:30"))
    ],
    (5, "09:00", "12:00"),
]
TITLE = "France Services de Pont-l’Essai"
URL = "/maisons/france-services-de-pont-lessai/"


def maison() -> MaisonPage:
    """A maison of Quimper open as ``TUESDAY_TO_SATURDAY`` says, at ``URL``."""
    return MaisonPageFactory(
        title=TITLE,
        slug="france-services-de-pont-lessai",
        address="2 rue de l’Essai",
        postcode="29000",
        commune_name="Quimper",
        insee_commune="29232",
        department=Department.objects.get(code="29"),
        latitude=47.996,
        longitude=-4.1024,
        hours=TUESDAY_TO_SATURDAY,
    )


def queries_for(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_a_maison_page_is_served_from_the_cache_to_anonymous_visitors(client):
    # arrange
    page = maison()
    # act
    cold, first = queries_for(client, page.url)
    warm, second = queries_for(client, page.url)
    # assert
    assert page.url == URL
    assert TITLE in first
    assert cold > 5
    assert warm == 0
    assert first == second


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_publishing_the_maison_is_seen_at_once(client):
    # arrange: the page is in the cache
    page = maison()
    assert "France Services de Pont-l’Essai et du Glazik" not in client.get(URL).content.decode()
    # act
    page = MaisonPage.objects.get(pk=page.pk)
    page.title = "France Services de Pont-l’Essai et du Glazik"
    page.save_revision().publish()
    html = client.get(URL).content.decode()
    # assert
    assert "<h1>France Services de Pont-l’Essai et du Glazik</h1>" in html


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_saving_a_partner_is_seen_at_once(client):
    # arrange: a permanence every Thursday morning, the page in the cache
    page = maison()
    partner = PartnerFactory(name="Caisse d’essai", slug="caisse-dessai")
    PartnerPresenceFactory(maison=page, partner=partner, weekday=3)
    assert "Caisse d’essai</strong>" in client.get(URL).content.decode()
    # act
    partner = Partner.objects.get(pk=partner.pk)
    partner.name = "Caisse d’essai du Finistère"
    partner.save()
    html = client.get(URL).content.decode()
    # assert
    assert "Caisse d’essai du Finistère</strong>" in html
    assert "Caisse d’essai</strong>" not in html


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_signed_in_users_never_get_the_cached_page(client, django_user_model):
    # arrange: the page is in the cache
    maison()
    client.get(URL)
    client.force_login(django_user_model.objects.create_user("agent@example.org", "x" * 12))
    # act
    queries, html = queries_for(client, URL)
    # assert
    assert queries > 0
    assert TITLE in html


def test_pages_that_do_not_opt_in_are_not_cached(client):
    # arrange: a page the search finds by a word the demo does not use
    StandardPageFactory(title="Le guichet Kerbrestaouen", slug="guichet-kerbrestaouen")
    assert StandardPage.objects.filter(slug="guichet-kerbrestaouen").exists()
    _, first = queries_for(client, "/recherche/?q=kerbrestaouen")
    # act
    queries, _ = queries_for(client, "/recherche/?q=kerbrestaouen")
    # assert
    assert "Le guichet Kerbrestaouen" in first
    assert queries > 0


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # Tuesday 12:28, closes at 12:30: two minutes
        (datetime(2026, 11, 24, 12, 28, tzinfo=PARIS), 120),
        # Tuesday 13:59, opens at 14:00: one minute
        (datetime(2026, 11, 24, 13, 59, tzinfo=PARIS), 60),
        # Tuesday 10:00, closes at 12:30: the five-minute ceiling
        (datetime(2026, 11, 24, 10, 0, tzinfo=PARIS), MAX_SECONDS),
        # Sunday 23:58: local midnight comes first (the "today" row changes)
        (datetime(2026, 11, 29, 23, 58, tzinfo=PARIS), 120),
    ],
)
def test_the_cache_lasts_until_what_the_page_says_may_change(moment, expected):
    # arrange
    page = maison()
    # act
    seconds = seconds_valid(page, moment)
    # assert
    assert seconds == expected


@time_machine.travel(TUESDAY_MORNING, tick=False)
@pytest.mark.parametrize(
    "url", ["/maisons/departement/29/", f"{URL}calendrier.ics"], ids=["department", "calendar"]
)
def test_a_department_list_and_a_calendar_feed_come_from_the_page_cache(client, url):
    # arrange: the page is in the cache
    maison()
    cold, first = queries_for(client, url)
    # act
    warm, second = queries_for(client, url)
    # assert
    assert cold > 0
    assert warm == 0
    assert second == first


def test_a_department_list_shows_a_status_at_most_a_minute_old(client):
    # arrange: the list is cached at 12:29:30, the maison open until 12:30
    maison()
    with time_machine.travel(datetime(2026, 11, 24, 12, 29, 30, tzinfo=PARIS), tick=False):
        assert "Ouvert, ferme à 12:30" in client.get("/maisons/departement/29/").content.decode()
    # act: a minute and a quarter later
    with time_machine.travel(datetime(2026, 11, 24, 12, 30, 45, tzinfo=PARIS), tick=False):
        html = client.get("/maisons/departement/29/").content.decode()
    # assert
    assert "Ouvert, ferme à 12:30" not in html
    assert "Fermé, ouvre mardi à 14:00" in html
