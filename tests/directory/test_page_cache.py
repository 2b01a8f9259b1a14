from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.maisons.page_cache import MAX_SECONDS, seconds_valid
from directory.models import MaisonPage, Partner

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
LODEVE = "/maisons/france-services-du-lodevois/"


def lodeve() -> MaisonPage:
    return MaisonPage.objects.get(source_id="demo-34-02")


def queries_for(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_a_maison_page_is_served_from_the_cache_to_anonymous_visitors(demo_site, client):
    cold, first = queries_for(client, LODEVE)
    warm, second = queries_for(client, LODEVE)
    assert cold > 5
    assert warm == 0
    assert first == second


def test_publishing_the_maison_is_seen_at_once(demo_site, client):
    client.get(LODEVE)
    page = lodeve()
    page.title = "France Services du Lodévois et Larzac"
    page.save_revision().publish()
    assert "France Services du Lodévois et Larzac" in client.get(LODEVE).content.decode()


def test_saving_a_partner_is_seen_at_once(demo_site, client):
    client.get(LODEVE)
    caf = Partner.objects.get(slug="caf")
    caf.name = "Caisse d’allocations familiales de l’Hérault"
    caf.save()
    assert "Caisse d’allocations familiales de l’Hérault" in client.get(LODEVE).content.decode()


def test_signed_in_users_never_get_the_cached_page(demo_site, client, django_user_model):
    client.get(LODEVE)
    client.force_login(django_user_model.objects.create_user("agent@example.org", "x" * 12))
    queries, _ = queries_for(client, LODEVE)
    assert queries > 0


def test_pages_that_do_not_opt_in_are_not_cached(demo_site, client):
    client.get("/recherche/?q=lodeve")
    queries, _ = queries_for(client, "/recherche/?q=lodeve")
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
def test_the_cache_lasts_until_what_the_page_says_may_change(demo_site, moment, expected):
    assert seconds_valid(lodeve(), moment) == expected
