"""The public side of the directory: page tree, maison and department pages, .ics feed,
open/closed status at chosen instants."""

import json
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase

from directory.maisons.calendars import FEED_DAYS, maison_calendar
from directory.maisons.selectors import maison_details
from directory.models import (
    Closure,
    DirectoryIndexPage,
    ItineraryStop,
    MaisonPage,
    OpeningInterval,
    Partner,
    PartnerPresence,
)
from home.models import HomePage, StandardPage
from portal.demo.loader import content as demo_content

pytestmark = pytest.mark.django_db

DASH = "\u2013"  # the en dash the templates and the form messages write between times

PARIS = ZoneInfo("Europe/Paris")
LODEVE_URL = "/maisons/france-services-du-lodevois/"
BUS_URL = "/maisons/bus-france-services-des-hauts-cantons/"
ANTENNA_URL = "/maisons/france-services-minervois-caroux-antenne-dolargues/"


def paris(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=PARIS)


def lodeve() -> MaisonPage:
    return MaisonPage.objects.get(source_id="demo-34-02")


def bus() -> MaisonPage:
    return MaisonPage.objects.get(source_id="demo-34-bus")


def publish(page: MaisonPage) -> None:
    page.save_revision(log_action=False).publish(log_action=False)


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def json_ld(response) -> dict:
    scripts = soup(response).find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def paris_weekday() -> int:
    return timezone.now().astimezone(PARIS).weekday()


# Page tree -----------------------------------------------------------------------------


class DirectoryTreeRulesTests(WagtailPageTestCase):
    def test_the_directory_index_lives_only_under_a_home_page(self):
        # arrange / act / assert
        self.assertAllowedParentPageTypes(DirectoryIndexPage, {HomePage})
        self.assertCanCreateAt(HomePage, DirectoryIndexPage)
        self.assertCanNotCreateAt(StandardPage, DirectoryIndexPage)
        self.assertCanNotCreateAt(DirectoryIndexPage, DirectoryIndexPage)
        self.assertCanNotCreateAt(Page, DirectoryIndexPage)

    def test_the_directory_index_holds_only_maisons(self):
        # arrange / act / assert
        self.assertAllowedSubpageTypes(DirectoryIndexPage, {MaisonPage})
        self.assertCanNotCreateAt(DirectoryIndexPage, StandardPage)

    def test_a_home_page_holds_at_most_one_directory_index(self):
        # arrange: the French home has the demo index, the English home has none
        french_home = HomePage.objects.get(locale__language_code="fr")
        english_home = HomePage.objects.get(locale__language_code="en")
        # act
        under_french, under_english = (
            DirectoryIndexPage.can_create_at(french_home),
            DirectoryIndexPage.can_create_at(english_home),
        )
        # assert
        self.assertEqual(DirectoryIndexPage.max_count_per_parent, 1)
        self.assertTrue(DirectoryIndexPage.objects.child_of(french_home).exists())
        self.assertFalse(under_french)
        self.assertTrue(under_english)

    def test_maisons_live_only_under_the_directory_index_and_have_no_children(self):
        # arrange / act / assert
        self.assertAllowedParentPageTypes(MaisonPage, {DirectoryIndexPage})
        self.assertAllowedSubpageTypes(MaisonPage, set())
        self.assertCanNotCreateAt(HomePage, MaisonPage)
        self.assertCanNotCreateAt(StandardPage, MaisonPage)
        self.assertCanNotCreateAt(MaisonPage, MaisonPage)
        self.assertCanNotCreateAt(MaisonPage, StandardPage)


# Maison page ---------------------------------------------------------------------------


# A Wednesday: the week table shows Sunday only on a Sunday, as "closed".
@time_machine.travel(datetime(2026, 11, 18, 10, tzinfo=PARIS), tick=False)
def test_maison_page_shows_title_address_phone_and_hours(demo_site, client):
    # arrange
    page = lodeve()
    # act
    response = client.get(LODEVE_URL)
    # assert
    assert response.status_code == 200
    assert response.context["page"].pk == page.pk
    html = soup(response)
    assert html.find("h1").get_text(strip=True) == "France Services du Lodévois"
    address = html.find("address").get_text(" ", strip=True)
    assert "1 place de l’Hôtel de Ville" in address
    assert "34700 Lodève" in address
    phone_link = html.find("a", href=f"tel:{page.phone.replace(' ', '')}")
    assert phone_link.get_text(strip=True) == page.phone
    rows = html.find("table").find("tbody").find_all("tr")
    assert [row.find("td").get_text(strip=True) for row in rows][1:] == [
        f"09:00{DASH}12:30, 14:00{DASH}17:30",
        f"09:00{DASH}12:30, 14:00{DASH}17:30",
        f"09:00{DASH}12:30, 14:00{DASH}17:30",
        f"09:00{DASH}12:30, 14:00{DASH}17:30",
        f"09:00{DASH}12:00",
    ]


@pytest.mark.parametrize("url", [LODEVE_URL, BUS_URL, ANTENNA_URL])
def test_the_phone_link_dials_digits_only(demo_site, client, url):
    # arrange
    response = client.get(url)
    # act
    links = [a["href"] for a in soup(response).select('a[href^="tel:"]')]
    # assert
    assert len(links) == 1
    assert re.fullmatch(r"tel:\+?\d+", links[0]), links[0]


def test_today_row_of_the_week_table_is_marked_as_current_date(demo_site, client):
    # arrange: a Sunday interval gives the table all seven rows, so today always has one
    page = lodeve()
    page.opening_intervals.add(OpeningInterval(weekday=6, opens=time(10), closes=time(12)))
    publish(page)
    before = paris_weekday()
    # act
    response = client.get(LODEVE_URL)
    after = paris_weekday()
    # assert
    rows = soup(response).find("table").find("tbody").find_all("tr")
    assert len(rows) == 7
    current = [index for index, row in enumerate(rows) if row.get("aria-current") == "date"]
    assert len(current) == 1
    assert current[0] in {before, after}


def test_week_table_marks_the_day_of_the_chosen_moment(demo_site):
    # arrange: Tuesday 17 November 2026
    page = lodeve()
    details = maison_details(page, locale=Locale.get_default(), moment=paris(2026, 11, 17, 10))
    # act
    html = BeautifulSoup(
        render_to_string("directory/includes/week_table.html", {"week": details.week}),
        "html.parser",
    )
    # assert
    assert [row.weekday for row in details.week] == [0, 1, 2, 3, 4, 5]
    assert [row.is_today for row in details.week] == [False, True, False, False, False, False]
    marked = html.find_all("tr", attrs={"aria-current": "date"})
    assert len(marked) == 1
    assert marked[0].find("td").get_text(strip=True) == f"09:00{DASH}12:30, 14:00{DASH}17:30"


def test_maison_page_lists_the_national_partners(demo_site, client):
    # arrange
    national = Partner.objects.filter(national=True, locale=Locale.get_default())
    # act
    response = client.get(LODEVE_URL)
    # assert
    listed = response.context["details"].national_partners
    assert {partner.slug for partner in listed} == {
        row[0] for row in demo_content().national_partners
    }
    assert len(listed) == national.count() == 9
    html = response.content.decode()
    for partner in national:
        assert f"<li>{partner.display_name}</li>" in html


def test_lodeve_page_lists_its_upcoming_permanences(demo_site, client):
    # arrange
    page = lodeve()
    # act
    response = client.get(LODEVE_URL)
    # assert
    presences = response.context["details"].presences
    assert presences, "weekly and biweekly permanences always fall within four weeks"
    assert all(occurrence.item.maison_id == page.pk for occurrence in presences)
    assert [o.starts for o in presences] == sorted(o.starts for o in presences)
    html = response.content.decode()
    assert "<strong>Mission locale</strong>" in html
    assert "<strong>Caisse d’allocations familiales (CAF)</strong>" in html


def test_bus_page_lists_its_next_stops(demo_site, client):
    # arrange
    places = {(row[0], row[1]) for row in demo_content().bus_stops}
    # act
    response = client.get(BUS_URL)
    # assert
    assert response.status_code == 200
    html = soup(response)
    assert html.find("h2", id="arrets") is not None
    stops = response.context["details"].stops
    assert {(o.item.place, o.item.commune_name) for o in stops} == places
    items = html.find("h2", id="arrets").find_next("ul").find_all("li")
    assert len(items) == len(stops)
    text = " ".join(item.get_text(" ", strip=True) for item in items)
    for place, commune in places:
        assert f"{place}, {commune}" in text


def test_a_fixed_maison_has_no_stops_section(demo_site, client):
    # arrange / act
    response = client.get(LODEVE_URL)
    # assert
    assert soup(response).find("h2", id="arrets") is None


def test_antenna_page_renders_as_an_antenna(demo_site, client):
    # arrange
    antenna = MaisonPage.objects.get(source_id="demo-34-07a")
    # act
    response = client.get(ANTENNA_URL)
    # assert
    assert response.status_code == 200
    assert antenna.kind == MaisonPage.Kind.ANTENNA
    assert antenna.principal.source_id == "demo-34-07"
    html = soup(response)
    assert html.find("h1").get_text(strip=True) == antenna.title
    with translation.override("fr"):
        badge = str(MaisonPage.Kind.ANTENNA.label)
    badges = [span.get_text(strip=True) for span in html.select("span.fr-badge")]
    assert badge in badges


def test_json_ld_describes_a_government_office(demo_site, client):
    # arrange
    page = lodeve()
    # act
    data = json_ld(client.get(LODEVE_URL))
    # assert
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOffice"
    assert data["name"] == page.title
    assert data["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": page.latitude,
        "longitude": page.longitude,
    }
    assert data["address"]["postalCode"] == "34700"
    assert data["telephone"] == page.phone
    specs = data["openingHoursSpecification"]
    assert isinstance(specs, list)
    assert specs[0]["dayOfWeek"] == [
        f"https://schema.org/{day}" for day in ("Tuesday", "Wednesday", "Thursday", "Friday")
    ]
    assert (specs[0]["opens"], specs[0]["closes"]) == ("09:00", "12:30")
    assert {"validFrom": "2026-12-24", "validThrough": "2026-12-31"}.items() <= specs[-1].items()


def test_json_ld_stays_inside_its_script_element(demo_site, client):
    # arrange: a title that would close the script element if it were not escaped
    page = lodeve()
    page.title = "Lodève </script><script>alert(1)</script> & co"
    publish(page)
    # act
    response = client.get(LODEVE_URL)
    # assert
    assert "</script><script>alert(1)" not in response.content.decode()
    assert json_ld(response)["name"] == page.title


def test_breadcrumb_names_the_region_and_the_department(demo_site, client):
    # arrange / act
    response = client.get(LODEVE_URL)
    # assert
    crumbs = soup(response).select("ol.fr-breadcrumb__list a")
    texts = [crumb.get_text(" ", strip=True) for crumb in crumbs]
    assert texts[-1] == "France Services du Lodévois"
    department = next(crumb for crumb in crumbs if "Hérault" in crumb.get_text())
    assert "Occitanie" in department.get_text()
    assert department["href"] == "/maisons/departement/34/"


def test_maison_page_queries_do_not_grow_with_its_rows(demo_site, client, settings):
    # arrange: a warm request on the demo page, rendered each time (no whole-page cache)
    settings.MIDDLEWARE = [
        name
        for name in settings.MIDDLEWARE
        if name != "portal.middleware.PublicPageCacheMiddleware"
    ]
    page = lodeve()
    client.get(LODEVE_URL)
    with CaptureQueriesContext(connection) as before:
        assert client.get(LODEVE_URL).status_code == 200
    # 10 intervals in free slots (Monday, Sunday, evenings), 5 presences, 5 stops
    slots = [(0, 8), (0, 10), (0, 14), (0, 16), (6, 9), (6, 11), (1, 18), (2, 18), (3, 18)]
    slots.append((4, 18))
    for weekday, hour in slots:
        page.opening_intervals.add(
            OpeningInterval(weekday=weekday, opens=time(hour), closes=time(hour, 45))
        )
    for weekday, slug in enumerate(["adil", "ccas", "mdph", "msa", "dgfip"]):
        page.presences.add(
            PartnerPresence(
                partner=Partner.objects.get(slug=slug, locale=page.locale),
                weekday=weekday,
                starts=time(9),
                ends=time(11),
            )
        )
    for weekday in range(5):
        page.stops.add(
            ItineraryStop(
                place=f"Arrêt {weekday}",
                commune_name="Lodève",
                weekday=weekday,
                starts=time(13),
                ends=time(14),
            )
        )
    publish(page)
    assert page.opening_intervals.count() == 19
    client.get(LODEVE_URL)
    # act
    with CaptureQueriesContext(connection) as after:
        response = client.get(LODEVE_URL)
    # assert
    assert response.status_code == 200
    assert len(response.context["details"].presences) > 3
    assert len(after.captured_queries) == len(before.captured_queries), "\n".join(
        query["sql"] for query in after.captured_queries
    )


def test_a_published_change_is_served_at_once(demo_site, client):
    # arrange: a first visit renders the page (and may keep it in the page cache)
    page = lodeve()
    first = client.get(LODEVE_URL)
    page.title = "France Services du Lodévois et du Larzac"
    page.opening_intervals.add(OpeningInterval(weekday=0, opens=time(9), closes=time(12)))
    publish(page)
    # act
    second = client.get(LODEVE_URL)
    # assert
    assert soup(first).find("h1").get_text(strip=True) == "France Services du Lodévois"
    html = soup(second)
    assert html.find("h1").get_text(strip=True) == page.title
    monday = html.find("table").find("tbody").find("tr")
    assert monday.find("td").get_text(strip=True) == f"09:00{DASH}12:00"


def test_a_renamed_partner_is_served_at_once(demo_site, client):
    # arrange
    client.get(LODEVE_URL)
    partner = Partner.objects.get(slug="la-poste")
    partner.name = "La Poste, groupe"
    partner.save()
    # act
    html = client.get(LODEVE_URL).content.decode()
    # assert
    assert f"<li>{partner.name}</li>" in html


# Department page -----------------------------------------------------------------------


def test_department_page_lists_its_maisons_only_with_counts_by_format(demo_site, client):
    # arrange
    expected = set(
        MaisonPage.objects.live().filter(department__code="34").values_list("pk", flat=True)
    )
    with translation.override("fr"):
        labels = {value: str(label) for value, label in MaisonPage.Format.choices}
    # act
    response = client.get("/maisons/departement/34/")
    # assert
    assert response.status_code == 200
    assert response.context["department"].code == "34"
    maisons = response.context["maisons"]
    assert {maison.pk for maison in maisons} == expected
    assert len(maisons) == 12
    assert dict(response.context["format_counts"]) == {
        labels["fixe"]: 9,
        labels["fixe_antennes"]: 2,
        labels["bus"]: 1,
    }
    links = {a["href"] for a in soup(response).select("main h2 a")}
    assert LODEVE_URL in links and BUS_URL in links
    others = MaisonPage.objects.exclude(department__code="34")
    assert others.exists()
    assert not links & {maison.url for maison in others}


def test_department_page_leaves_out_unpublished_maisons(demo_site, client):
    # arrange
    lodeve().unpublish()
    # act
    response = client.get("/maisons/departement/34/")
    # assert
    assert len(response.context["maisons"]) == 11
    assert LODEVE_URL not in response.content.decode()


def test_unknown_department_is_not_found(demo_site, client):
    # arrange / act
    response = client.get("/maisons/departement/99/")
    # assert
    assert response.status_code == 404


@pytest.mark.parametrize("code", ["2a", "2A"])
def test_department_code_with_a_letter_is_case_insensitive(demo_site, client, code):
    # arrange / act
    response = client.get(f"/maisons/departement/{code}/")
    # assert
    assert response.status_code == 200
    assert response.context["department"].code == "2A"
    assert response.context["department"].name == "Corse-du-Sud"
    assert response.context["maisons"] == []


# iCalendar feed ------------------------------------------------------------------------


def calendar_events(response) -> list:
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def test_bus_calendar_holds_its_stops_of_the_next_90_days(demo_site, client):
    # arrange
    locations = {f"{row[0]}, {row[1]}" for row in demo_content().bus_stops}
    start = timezone.now() - timedelta(days=1)
    # act
    response = client.get(f"{BUS_URL}calendrier.ics")
    # assert
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = calendar_events(response)
    assert {str(event["location"]) for event in events} == locations
    end = timezone.now() + timedelta(days=FEED_DAYS)
    assert all(start < event.decoded("dtstart") < end for event in events)
    assert all(event.decoded("dtend") > event.decoded("dtstart") for event in events)


def test_bus_calendar_leaves_out_public_holidays(demo_site, rf):
    # arrange: from Monday 15 March 2027, 13 weeks with Easter Monday, Ascension Thursday
    # and Whit Monday; 4 weekly stops (Monday, Tuesday, Thursday, Friday) and one every
    # other Wednesday
    moment = paris(2027, 3, 15, 8)
    # act
    feed = maison_calendar(bus(), rf.get(BUS_URL), now=moment)
    # assert
    days = [
        event.decoded("dtstart").date()
        for event in icalendar.Calendar.from_ical(feed).walk("VEVENT")
    ]
    holidays = {date(2027, 3, 29), date(2027, 5, 6), date(2027, 5, 17)}
    assert not holidays & set(days)
    assert min(days) == date(2027, 3, 15) and max(days) <= date(2027, 6, 13)
    assert len(days) == 4 * 13 + 7 - len(holidays)


def test_lodeve_calendar_holds_its_permanences(demo_site, client):
    # arrange
    page = lodeve()
    # act
    response = client.get(f"{LODEVE_URL}calendrier.ics")
    # assert
    assert response.status_code == 200
    events = calendar_events(response)
    assert events
    assert {str(event["location"]) for event in events} == {page.title}
    partners = {str(event["summary"]).split(" : ")[0] for event in events}
    assert partners == {"Conciliateur de justice", "CAF", "Mission locale"}


def test_calendar_of_an_unknown_or_unpublished_maison_is_not_found(demo_site, client):
    # arrange
    lodeve().unpublish()
    # act
    unknown = client.get("/maisons/pas-une-maison/calendrier.ics")
    unpublished = client.get(f"{LODEVE_URL}calendrier.ics")
    # assert
    assert unknown.status_code == 404
    assert unpublished.status_code == 404


# Open or closed at chosen instants ----------------------------------------------------


def test_lodeve_is_open_on_a_tuesday_morning_until_12_30(demo_site):
    # arrange
    page = lodeve()
    # act
    status = page.status_at(paris(2026, 11, 17, 10))
    # assert
    assert status.is_open
    assert status.closes_at == paris(2026, 11, 17, 12, 30)


def test_lodeve_is_closed_at_lunch_time_and_reopens_at_14_00(demo_site):
    # arrange
    page = lodeve()
    # act
    status = page.status_at(paris(2026, 11, 17, 13))
    # assert
    assert not status.is_open
    assert status.next_opening == paris(2026, 11, 17, 14)


def test_lodeve_is_closed_on_mondays_and_opens_on_tuesday_morning(demo_site):
    # arrange
    page = lodeve()
    # act
    status = page.status_at(paris(2026, 11, 16, 10))
    # assert
    assert not status.is_open
    assert status.next_opening == paris(2026, 11, 17, 9)


def test_lodeve_is_closed_on_14_july(demo_site):
    # arrange: 14 July 2026 is a Tuesday, normally open at 10:00
    page = lodeve()
    moment = paris(2026, 7, 14, 10)
    # act
    status = page.status_at(moment)
    # assert
    assert moment.weekday() == 1
    assert not status.is_open
    assert status.next_opening == paris(2026, 7, 15, 9)


def test_lodeve_is_open_the_day_before_its_year_end_closure(demo_site):
    # arrange / act
    status = lodeve().status_at(paris(2026, 12, 23, 10))
    # assert
    assert status.is_open


@pytest.mark.parametrize(
    "moment",
    [
        paris(2026, 12, 24, 10),  # Thursday, first day
        paris(2026, 12, 28, 10),  # Monday
        paris(2026, 12, 29, 10),  # Tuesday, normally open
        paris(2026, 12, 31, 16),  # Thursday, last day
    ],
)
def test_lodeve_is_closed_during_its_year_end_closure(demo_site, moment):
    # arrange
    page = lodeve()
    # act
    status = page.status_at(moment)
    # assert
    assert not status.is_open
    # 1 January 2027 is a public holiday: next opening on Saturday 2 January
    assert status.next_opening == paris(2027, 1, 2, 9)


def test_bus_is_open_on_monday_morning_at_le_caylar(demo_site):
    # arrange: Monday 10:00, the Le Caylar stop runs 09:30-12:00 and the bus hours 09:30-16:30
    page = bus()
    moment = paris(2026, 11, 16, 10)
    caylar = page.stops.get(commune_name="Le Caylar")
    # act
    status = page.status_at(moment)
    # assert
    assert caylar.is_active_at(moment, page.timezone)
    assert status.is_open
    assert status.closes_at == paris(2026, 11, 16, 16, 30)


def test_bus_is_open_at_a_stop_outside_its_own_hours(demo_site):
    # arrange: a Saturday stop, while the bus hours are Monday to Friday
    page = bus()
    moment = paris(2026, 11, 21, 10)
    closed_before = page.status_at(moment)
    page.stops.add(
        ItineraryStop(
            place="Marché", commune_name="Lodève", weekday=5, starts=time(9), ends=time(11)
        )
    )
    publish(page)
    page = bus()
    # act
    status = page.status_at(moment)
    # assert
    assert not closed_before.is_open
    assert status.is_open
    assert status.closes_at == paris(2026, 11, 21, 11)


def test_bus_is_closed_on_sunday_between_two_stops(demo_site):
    # arrange
    page = bus()
    moment = paris(2026, 11, 22, 10)
    # act
    status = page.status_at(moment)
    # assert
    assert not any(stop.is_active_at(moment, page.timezone) for stop in page.stops.all())
    assert not status.is_open
    assert status.next_opening == paris(2026, 11, 23, 9, 30)


@pytest.mark.parametrize(
    ("moment", "closure"),
    [
        # Monday 10:00 during the bus's own exceptional closure (Le Caylar stop)
        (paris(2026, 11, 16, 10), (date(2026, 11, 16), date(2026, 11, 20))),
        # 11 November 2026, a public holiday: the biweekly Lamalou stop falls on it
        (paris(2026, 11, 11, 14), None),
    ],
    ids=["exceptional-closure", "public-holiday"],
)
def test_bus_is_closed_when_its_schedule_is_closed_for_the_day(demo_site, moment, closure):
    # arrange
    page = bus()
    if closure is not None:
        page.closures.add(Closure(start_date=closure[0], end_date=closure[1], reason="Panne"))
        publish(page)
        page = bus()
    assert page.schedule().is_closed_on(moment.date())
    assert any(stop.is_active_at(moment, page.timezone) for stop in page.stops.all())
    # act
    status = page.status_at(moment)
    # assert
    assert not status.is_open


def test_upcoming_permanences_leave_out_the_year_end_closure(demo_site):
    # arrange: from Monday 21 December 2026, Lodève is closed 24-31 December
    page = lodeve()
    moment = paris(2026, 12, 21, 9)
    # act
    details = maison_details(page, locale=Locale.get_default(), moment=moment)
    # assert
    days = [occurrence.starts.date() for occurrence in details.presences]
    assert date(2026, 12, 23) in days  # Mission locale, the day before the closure
    assert not [day for day in days if date(2026, 12, 24) <= day <= date(2026, 12, 31)]
