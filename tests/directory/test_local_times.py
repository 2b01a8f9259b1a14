"""Times are shown in the maison's own zone, whatever the server's (Europe/Paris)."""

from datetime import datetime, time
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from directory.maisons.hours import Interval, OpenStatus, WeeklySchedule
from directory.maisons.nearby import Card, Hit, MaisonSummary, Nearby
from directory.models import ItineraryStop
from directory.territories.geocoding import Place

REUNION = ZoneInfo("Indian/Reunion")  # UTC+4: 08:00 there is 05:00 in Paris in winter


def badge(status: OpenStatus) -> str:
    template = Template("{% load directory_tags %}{% status_badge status %}")
    with translation.override("fr"):
        return template.render(Context({"status": status}))


def test_the_next_opening_of_a_maison_in_reunion_is_in_reunion_time():
    opening = datetime(2026, 11, 24, 8, 0, tzinfo=REUNION)
    html = badge(OpenStatus(is_open=False, closes_at=None, next_opening=opening))
    assert "Fermé, ouvre mardi à 08:00" in html
    assert "fr-badge--warning" in html


def test_the_closing_time_of_an_open_maison_in_reunion_is_in_reunion_time():
    closing = datetime(2026, 11, 24, 16, 0, tzinfo=REUNION)
    html = badge(OpenStatus(is_open=True, closes_at=closing, next_opening=None))
    assert "Ouvert, ferme à 16:00" in html
    assert "fr-badge--success" in html


def test_a_closed_maison_without_a_next_opening_says_closed():
    html = badge(OpenStatus(is_open=False, closes_at=None, next_opening=None))
    assert ">Fermé<" in html


@pytest.mark.django_db
def test_a_bus_card_in_reunion_shows_its_next_passage_in_reunion_time():
    stop = ItineraryStop(pk=1, place="Place de la mairie", commune_name="Saint-Louis")
    maison = MaisonSummary(
        pk=1,
        title="France Services itinérante du Sud",
        url_path="/home/maisons/bus-sud/",
        source_id="",
        kind="principal",
        format="bus",
        address="",
        postcode="97450",
        commune_name="Saint-Louis",
        insee_commune="97414",
        latitude=-21.28,
        longitude=55.41,
        booking=False,
        department_code="974",
        timezone="Indian/Reunion",
        schedule=WeeklySchedule(
            intervals=(Interval(1, time(8), time(12)),), timezone="Indian/Reunion"
        ),
        stops=[stop],
    )
    card = Card(
        maison=maison,
        url="/maisons/bus-sud/",
        distance_km=2.0,
        status=OpenStatus(is_open=False, closes_at=None, next_opening=None),
        stop=stop,
        next_passage=datetime(2026, 11, 25, 9, 30, tzinfo=REUNION),
    )
    hit = Hit(maison.pk, 2.0, "bus", stop.pk)
    search = SimpleNamespace(
        choices=[],
        not_found=False,
        open_now=False,
        place=Place(label="Saint-Louis", latitude=-21.28, longitude=55.41),
        nearby=Nearby(latitude=-21.28, longitude=55.41, radius_km=20, hits=[hit]),
        cards=[card],
        page=Paginator([hit], 10).page(1),
        map_url="/maisons/carte/?lat=-21.28&lon=55.41",
    )
    with translation.override("fr"):
        html = render_to_string("directory/includes/maison_results.html", {"search": search})
    assert "mercredi 25 novembre à 09:30" in html
