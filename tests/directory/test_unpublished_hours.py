"""A maison that publishes no hours is neither open nor closed, and a bus's week follows
its stops."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup

from directory.maisons.hours import WeeklySchedule
from directory.models import MaisonPage
from tests.factories import ItineraryStopFactory, MaisonPageFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# A Monday, 10:00 in Paris.
MONDAY_MORNING = datetime(2026, 11, 16, 10, tzinfo=PARIS)
UNPUBLISHED = "Horaires non publiés, appelez avant de venir"


def text_of(response) -> str:
    return BeautifulSoup(response.content.decode(), "html.parser").get_text(" ", strip=True)


def week_rows(response) -> dict[str, str]:
    table = BeautifulSoup(response.content.decode(), "html.parser").find("table")
    return {
        " ".join(row.th.get_text(" ").split()): " ".join(row.td.get_text().split())
        for row in table.tbody.find_all("tr")
    }


def test_a_schedule_without_hours_is_unknown_not_closed():
    schedule = WeeklySchedule(())

    status = schedule.status_at(MONDAY_MORNING)

    assert status.hours_published is False
    assert status.is_open is False and status.next_opening is None
    assert schedule.osm_opening_hours() == ""


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_the_page_of_a_maison_without_hours_says_to_call_before_coming(client):
    maison = MaisonPageFactory(title="France Services de Sans-Horaires")

    response = client.get(maison.url)

    text = text_of(response)
    assert UNPUBLISHED in text
    assert "Horaires non publiés : appelez avant de venir." in text
    assert "Fermé" not in text and "fermé" not in text
    assert BeautifulSoup(response.content.decode(), "html.parser").find("table") is None


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_the_department_list_does_not_call_it_closed(client):
    MaisonPageFactory(title="France Services de Sans-Horaires")
    MaisonPageFactory(title="France Services d’Horaires", hours=[(0, "14:00", "17:00")])

    text = text_of(client.get("/maisons/departement/34/"))

    assert text.count(UNPUBLISHED) == 1
    assert "Fermé, ouvre lundi à 14:00" in text


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_the_api_says_unknown_and_exports_no_osm_hours(client):
    maison = MaisonPageFactory(title="France Services de Sans-Horaires")

    found = client.get("/api/v1/maisons/").json()["results"]

    result = next(item for item in found if item["id"] == maison.pk)
    assert result["open_now"] is None
    assert result["opening_hours"] == ""


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_a_bus_week_table_shows_its_stops_and_it_opens_at_the_next_one(client):
    # arrange: a bus with no opening hours, at the market on Tuesdays and Thursdays
    bus = MaisonPageFactory(title="Bus France Services d’essai", format=MaisonPage.Format.BUS)
    ItineraryStopFactory(maison=bus, place="Place du marché", weekday=1, starts="09:30")
    ItineraryStopFactory(maison=bus, place="Mairie", weekday=3, starts="14:00", ends="16:30")

    # act
    response = client.get(bus.url)

    # assert
    assert week_rows(response) == {
        "Lundi aujourd’hui": "fermé",
        "Mardi": "09:30–12:00 (Place du marché)",
        "Mercredi": "fermé",
        "Jeudi": "14:00–16:30 (Mairie)",
        "Vendredi": "fermé",
        "Samedi": "fermé",
    }
    assert "Fermé, ouvre mardi à 09:30" in text_of(response)
    assert UNPUBLISHED not in text_of(response)


@time_machine.travel(datetime(2026, 11, 17, 10, tzinfo=PARIS), tick=False)
def test_a_bus_is_open_at_its_stop():
    bus = MaisonPageFactory(format=MaisonPage.Format.BUS)
    ItineraryStopFactory(maison=bus, weekday=1, starts="09:30")

    status = MaisonPage.objects.get(pk=bus.pk).status_at()

    assert status.is_open and status.closes_at.hour == 12
