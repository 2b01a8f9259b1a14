"""The public side of the directory: page tree, maison and department pages, .ics feed,
open/closed status at chosen instants.

Each test builds the maisons, partners and stops it reads with the factories of
``tests/factories.py`` and states the values it asserts; the demo seeded for the session
is left aside (the French home and the ``/maisons/`` index are the skeleton of the tree).
"""

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
    Department,
    DirectoryIndexPage,
    ItineraryStop,
    MaisonPage,
    OpeningInterval,
    Partner,
    PartnerPresence,
)
from home.models import HomePage, StandardPage
from tests.factories import (
    ClosureFactory,
    HomePageFactory,
    MaisonPageFactory,
    PartnerFactory,
    PartnerPresenceFactory,
    add_stops,
)

pytestmark = pytest.mark.django_db

DASH = "\u2013"  # the en dash the templates and the form messages write between times

PARIS = ZoneInfo("Europe/Paris")

# Tuesday to Friday 09:00–12:30 and 14:00–17:30, Saturday 09:00–12:00; closed on Monday.
TUESDAY_TO_SATURDAY = [
    *[
        (weekday, opens, closes)
        for weekday in (1, 2, 3, 4)
        for opens, closes in (("09:00", "12:30"), ("14:00", "17:30"))
    ],
    (5, "09:00", "12:00"),
]
# A bus's own hours: Monday to Friday 09:30–16:30.
BUS_HOURS = [(weekday, "09:30", "16:30") for weekday in range(5)]
# The bus's tour: its stops' fields, then one stop a row.
BUS_STOP_COLUMNS = (
    "place",
    "commune_name",
    "weekday",
    "frequency",
    "reference_date",
    "starts",
    "ends",
)
BUS_STOPS = [
    ("Place des Essais", "Le Caylar", 0, "weekly", None, "09:30", "12:00"),
    ("Parking des Essais", "Le Bousquet-d’Orb", 1, "weekly", None, "09:30", "16:30"),
    ("Allée des Essais", "Lamalou-les-Bains", 2, "biweekly", date(2026, 1, 7), "13:30", "16:30"),
    ("Cours des Essais", "Saint-Chinian", 3, "weekly", None, "09:30", "16:30"),
    ("Quai des Essais", "Olargues", 4, "weekly", None, "09:30", "12:00"),
]


def paris(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=PARIS)


def maison(**fields) -> MaisonPage:
    """A maison under ``/maisons/``, open as ``TUESDAY_TO_SATURDAY`` says unless told."""
    fields.setdefault("hours", TUESDAY_TO_SATURDAY)
    return MaisonPageFactory(**fields)


def with_year_end_closure(page: MaisonPage) -> MaisonPage:
    """Closed from Thursday 24 to Thursday 31 December 2026."""
    ClosureFactory(
        maison=page,
        start_date=date(2026, 12, 24),
        end_date=date(2026, 12, 31),
        reason="Fermeture de fin d’année",
    )
    return page


def bus(**fields) -> MaisonPage:
    """A bus open as ``BUS_HOURS`` says, touring the ``BUS_STOPS``."""
    fields.setdefault("title", "Bus France Services des Essais")
    page = MaisonPageFactory(format=MaisonPage.Format.BUS, hours=BUS_HOURS, **fields)
    add_stops(page, BUS_STOPS, columns=BUS_STOP_COLUMNS)
    return page


def fresh(page: MaisonPage) -> MaisonPage:
    """The page read again (its schedule and stops are kept on the instance)."""
    return MaisonPage.objects.get(pk=page.pk)


def publish(page: MaisonPage) -> None:
    page.save_revision(log_action=False).publish(log_action=False)


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def json_ld(response) -> dict:
    scripts = soup(response).find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


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
        # arrange: the French home holds the skeleton's index, a new home holds none
        french_home = HomePage.objects.get(locale__language_code="fr", depth=2, slug="accueil")
        new_home = HomePageFactory(title="Accueil d’essai", slug="accueil-dessai")
        # act
        under_french, under_new = (
            DirectoryIndexPage.can_create_at(french_home),
            DirectoryIndexPage.can_create_at(new_home),
        )
        # assert
        self.assertEqual(DirectoryIndexPage.max_count_per_parent, 1)
        self.assertTrue(DirectoryIndexPage.objects.child_of(french_home).exists())
        self.assertFalse(DirectoryIndexPage.objects.child_of(new_home).exists())
        self.assertFalse(under_french)
        self.assertTrue(under_new)

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
def test_maison_page_shows_title_address_phone_and_hours(client):
    # arrange
    page = maison(
        title="France Services de Saint-Essai",
        address="3 place de l’Essai",
        postcode="34150",
        commune_name="Gignac",
        phone="04 67 12 34 56",
    )
    # act
    response = client.get(page.url)
    # assert
    assert response.status_code == 200
    assert response.context["page"].pk == page.pk
    html = soup(response)
    assert html.find("h1").get_text(strip=True) == "France Services de Saint-Essai"
    address = html.find("address").get_text(" ", strip=True)
    assert "3 place de l’Essai" in address
    assert "34150 Gignac" in address
    phone_link = html.find("a", href="tel:0467123456")
    assert phone_link.get_text(strip=True) == "04 67 12 34 56"
    rows = html.find("table").find("tbody").find_all("tr")
    assert [row.find("td").get_text(strip=True) for row in rows][1:] == [
        f"09:00{DASH}12:30, 14:00{DASH}17:30",
        f"09:00{DASH}12:30, 14:00{DASH}17:30",
        f"09:00{DASH}12:30, 14:00{DASH}17:30",
        f"09:00{DASH}12:30, 14:00{DASH}17:30",
        f"09:00{DASH}12:00",
    ]


def fixed_maison_with_phone() -> MaisonPage:
    return maison(title="France Services de Saint-Essai", phone="04 13 57 50 33")


def bus_with_phone() -> MaisonPage:
    return bus(phone="04 04 87 09 19")


def antenna_with_phone() -> MaisonPage:
    principal = maison(
        title="France Services des Essais",
        format=MaisonPage.Format.FIXED_WITH_ANTENNAS,
        phone="04 61 64 76 06",
    )
    return maison(
        title="France Services des Essais – antenne de Saint-Essai",
        kind=MaisonPage.Kind.ANTENNA,
        format=MaisonPage.Format.FIXED_WITH_ANTENNAS,
        principal=principal,
        phone="04 54 58 33 18",
    )


@pytest.mark.parametrize(
    "build",
    [fixed_maison_with_phone, bus_with_phone, antenna_with_phone],
    ids=["fixed", "bus", "antenna"],
)
def test_the_phone_link_dials_digits_only(client, build):
    # arrange
    response = client.get(build().url)
    # act
    links = [a["href"] for a in soup(response).select('a[href^="tel:"]')]
    # assert
    assert len(links) == 1
    assert re.fullmatch(r"tel:\+?\d+", links[0]), links[0]


# Monday 16 to Sunday 22 November 2026, no public holiday among them.
@pytest.mark.parametrize("day", range(16, 23), ids=lambda day: f"2026-11-{day}")
def test_today_row_of_the_week_table_is_marked_as_current_date(client, day):
    # arrange: a Sunday interval gives the table all seven rows, so today always has one
    page = maison(hours=[*TUESDAY_TO_SATURDAY, (6, "10:00", "12:00")])
    moment = paris(2026, 11, day, 10)
    # act
    with time_machine.travel(moment, tick=False):
        response = client.get(page.url)
    # assert
    rows = soup(response).find("table").find("tbody").find_all("tr")
    assert len(rows) == 7
    current = [index for index, row in enumerate(rows) if row.get("aria-current") == "date"]
    assert current == [moment.weekday()]


def test_week_table_marks_the_day_of_the_chosen_moment():
    # arrange: Tuesday 17 November 2026
    page = maison()
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


def test_maison_page_lists_the_national_partners(client):
    # arrange
    first = PartnerFactory(name="Caisse nationale d’essai", short_name="CNE", national=True)
    second = PartnerFactory(name="Agence nationale d’essai", national=True)
    local = PartnerFactory(name="Association locale d’essai", national=False)
    page = maison()
    national = Partner.objects.filter(national=True, locale=Locale.get_default())
    # act
    response = client.get(page.url)
    # assert
    listed = response.context["details"].national_partners
    assert {partner.pk for partner in listed} == set(national.values_list("pk", flat=True))
    assert {first.pk, second.pk} <= {partner.pk for partner in listed}
    assert local.pk not in {partner.pk for partner in listed}
    html = response.content.decode()
    assert "<li>Caisse nationale d’essai (CNE)</li>" in html
    assert "<li>Agence nationale d’essai</li>" in html
    assert "<li>Association locale d’essai</li>" not in html
    for partner in national:
        assert f"<li>{partner.display_name}</li>" in html


def with_three_permanences(page: MaisonPage) -> MaisonPage:
    """The second Tuesday of each month 14:00–17:00, every other Thursday from 8 January
    2026 09:00–12:00, every Wednesday 14:00–17:00."""
    PartnerPresenceFactory(
        maison=page,
        partner=PartnerFactory(name="Conciliateur d’essai"),
        frequency="monthly_nth",
        weekday=1,
        nth=2,
        starts=time(14),
        ends=time(17),
        notes="Sur rendez-vous à l’accueil.",
    )
    PartnerPresenceFactory(
        maison=page,
        partner=PartnerFactory(name="Caisse d’allocations d’essai", short_name="CAE"),
        frequency="biweekly",
        weekday=3,
        reference_date=date(2026, 1, 8),
        starts=time(9),
        ends=time(12),
    )
    PartnerPresenceFactory(
        maison=page,
        partner=PartnerFactory(name="Mission locale d’essai"),
        frequency="weekly",
        weekday=2,
        starts=time(14),
        ends=time(17),
    )
    return page


# Monday 16 November 2026, 08:00: the next four weeks hold each permanence.
@time_machine.travel(datetime(2026, 11, 16, 8, tzinfo=PARIS), tick=False)
def test_a_maison_page_lists_its_upcoming_permanences(client):
    # arrange: a permanence of another maison stays on that maison's page
    page = with_three_permanences(maison())
    PartnerPresenceFactory(
        maison=maison(), partner=PartnerFactory(name="Partenaire d’ailleurs"), weekday=0
    )
    # act
    response = client.get(page.url)
    # assert
    presences = response.context["details"].presences
    assert presences, "weekly and biweekly permanences always fall within four weeks"
    assert all(occurrence.item.maison_id == page.pk for occurrence in presences)
    assert [o.starts for o in presences] == sorted(o.starts for o in presences)
    html = response.content.decode()
    assert "<strong>Mission locale d’essai</strong>" in html
    assert "<strong>Caisse d’allocations d’essai (CAE)</strong>" in html
    assert "<strong>Partenaire d’ailleurs</strong>" not in html


# Monday 16 November 2026, 08:00: the next four weeks hold each stop of the tour.
@time_machine.travel(datetime(2026, 11, 16, 8, tzinfo=PARIS), tick=False)
def test_bus_page_lists_its_next_stops(client):
    # arrange
    page = bus()
    places = {(place, commune) for place, commune, *_ in BUS_STOPS}
    # act
    response = client.get(page.url)
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


def test_a_fixed_maison_has_no_stops_section(client):
    # arrange
    page = maison(format=MaisonPage.Format.FIXED)
    # act
    response = client.get(page.url)
    # assert
    assert soup(response).find("h2", id="arrets") is None


def test_antenna_page_renders_as_an_antenna(client):
    # arrange
    antenna = antenna_with_phone()
    # act
    response = client.get(antenna.url)
    # assert
    assert response.status_code == 200
    antenna = fresh(antenna)
    assert antenna.kind == MaisonPage.Kind.ANTENNA
    assert antenna.principal.title == "France Services des Essais"
    html = soup(response)
    assert (
        html.find("h1").get_text(strip=True)
        == "France Services des Essais – antenne de Saint-Essai"
    )
    with translation.override("fr"):
        badge = str(MaisonPage.Kind.ANTENNA.label)
    badges = [span.get_text(strip=True) for span in html.select("span.fr-badge")]
    assert badge in badges


def test_json_ld_describes_a_government_office(client):
    # arrange
    page = with_year_end_closure(
        maison(
            title="France Services de Saint-Essai",
            postcode="34150",
            latitude=43.6501,
            longitude=3.5502,
            phone="04 67 12 34 56",
        )
    )
    # act
    data = json_ld(client.get(page.url))
    # assert
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOffice"
    assert data["name"] == "France Services de Saint-Essai"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 43.6501, "longitude": 3.5502}
    assert data["address"]["postalCode"] == "34150"
    assert data["telephone"] == "04 67 12 34 56"
    specs = data["openingHoursSpecification"]
    assert isinstance(specs, list)
    assert specs[0]["dayOfWeek"] == [
        f"https://schema.org/{day}" for day in ("Tuesday", "Wednesday", "Thursday", "Friday")
    ]
    assert (specs[0]["opens"], specs[0]["closes"]) == ("09:00", "12:30")
    assert {"validFrom": "2026-12-24", "validThrough": "2026-12-31"}.items() <= specs[-1].items()


def test_a_maison_page_links_to_its_public_address(client, public_base_url):
    # arrange
    page = maison(title="France Services de Saint-Essai")
    # act: a request naming another host of the server
    html = soup(client.get(page.url, HTTP_HOST="localhost"))
    # assert: the JSON-LD and the printed sheet
    url = f"https://france-services.example{page.url}"
    data = json.loads(html.find("script", type="application/ld+json").string)
    assert data["url"] == url
    assert html.select_one(".portal-print-only").get_text().endswith(url)


def test_json_ld_stays_inside_its_script_element(client):
    # arrange: a title that would close the script element if it were not escaped
    page = maison(title="France Services de Saint-Essai")
    url = page.url
    page.title = "Saint-Essai </script><script>alert(1)</script> & co"
    publish(page)
    # act
    response = client.get(url)
    # assert
    assert "</script><script>alert(1)" not in response.content.decode()
    assert json_ld(response)["name"] == "Saint-Essai </script><script>alert(1)</script> & co"


def test_breadcrumb_names_the_region_and_the_department(client):
    # arrange: a maison of the Hérault (34), in Occitanie
    page = maison(title="France Services de Saint-Essai")
    # act
    response = client.get(page.url)
    # assert
    crumbs = soup(response).select("ol.fr-breadcrumb__list a")
    texts = [crumb.get_text(" ", strip=True) for crumb in crumbs]
    assert texts[-1] == "France Services de Saint-Essai"
    department = next(crumb for crumb in crumbs if "Hérault" in crumb.get_text())
    assert "Occitanie" in department.get_text()
    assert department["href"] == "/maisons/departement/34/"


# Monday 16 November 2026, 08:00: the next four weeks hold the weekly permanences.
@time_machine.travel(datetime(2026, 11, 16, 8, tzinfo=PARIS), tick=False)
def test_maison_page_queries_do_not_grow_with_its_rows(client, settings):
    # arrange: a warm request on a page with 9 intervals, 3 permanences and a closure,
    # rendered each time (no whole-page cache)
    settings.MIDDLEWARE = [
        name
        for name in settings.MIDDLEWARE
        if name != "portal.middleware.PublicPageCacheMiddleware"
    ]
    page = with_year_end_closure(with_three_permanences(maison()))
    partners = [PartnerFactory(name=f"Partenaire d’essai n° {n}") for n in range(5)]
    url = page.url
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    # 10 intervals in free slots (Monday, Sunday, evenings), 5 presences, 5 stops
    slots = [(0, 8), (0, 10), (0, 14), (0, 16), (6, 9), (6, 11), (1, 18), (2, 18), (3, 18)]
    slots.append((4, 18))
    for weekday, hour in slots:
        page.opening_intervals.add(
            OpeningInterval(weekday=weekday, opens=time(hour), closes=time(hour, 45))
        )
    for weekday, partner in enumerate(partners):
        page.presences.add(
            PartnerPresence(partner=partner, weekday=weekday, starts=time(9), ends=time(11))
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
    client.get(url)
    # act
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    # assert
    assert response.status_code == 200
    assert len(response.context["details"].presences) > 3
    assert len(after.captured_queries) == len(before.captured_queries), "\n".join(
        query["sql"] for query in after.captured_queries
    )


def test_a_published_change_is_served_at_once(client):
    # arrange: a first visit renders the page (and may keep it in the page cache)
    page = maison(title="France Services de Saint-Essai")
    first = client.get(page.url)
    page.title = "France Services de Saint-Essai et du Larzac"
    page.opening_intervals.add(OpeningInterval(weekday=0, opens=time(9), closes=time(12)))
    publish(page)
    # act
    second = client.get(page.url)
    # assert
    assert soup(first).find("h1").get_text(strip=True) == "France Services de Saint-Essai"
    html = soup(second)
    assert html.find("h1").get_text(strip=True) == "France Services de Saint-Essai et du Larzac"
    monday = html.find("table").find("tbody").find("tr")
    assert monday.find("td").get_text(strip=True) == f"09:00{DASH}12:00"


def test_a_renamed_partner_is_served_at_once(client):
    # arrange
    partner = PartnerFactory(name="Poste d’essai", national=True)
    page = maison()
    client.get(page.url)
    partner.name = "Poste d’essai, groupe"
    partner.save()
    # act
    html = client.get(page.url).content.decode()
    # assert
    assert "<li>Poste d’essai, groupe</li>" in html


# Department page -----------------------------------------------------------------------

# Lozère (48): a department where the demo has no maison.
LOZERE = "48"


def test_department_page_lists_its_maisons_only_with_counts_by_format(client):
    # arrange
    assert not MaisonPage.objects.filter(department__code=LOZERE).exists()
    department = {"department": Department.objects.get(code=LOZERE)}
    fixed = [maison(title=f"France Services d’essai de Lozère {n}", **department) for n in (1, 2)]
    with_antennas = [
        maison(
            title=f"France Services d’essai à antennes {n}",
            format=MaisonPage.Format.FIXED_WITH_ANTENNAS,
            **department,
        )
        for n in (1, 2)
    ]
    tour = bus(title="Bus France Services d’essai de Lozère", **department)
    elsewhere = maison(
        title="France Services d’essai de l’Aveyron", department=Department.objects.get(code="12")
    )
    # act
    response = client.get(f"/maisons/departement/{LOZERE}/")
    # assert
    assert response.status_code == 200
    assert response.context["department"].code == LOZERE
    maisons = response.context["maisons"]
    assert {maison.pk for maison in maisons} == {
        page.pk for page in [*fixed, *with_antennas, tour]
    }
    assert len(maisons) == 5
    assert response.context["format_counts"] == ["2 fixes", "1 bus", "2 fixes avec antennes"]
    links = {a["href"] for a in soup(response).select("main h2 a")}
    assert fixed[0].url in links and tour.url in links
    assert elsewhere.url not in links
    others = MaisonPage.objects.exclude(department__code=LOZERE)
    assert others.exists()
    assert not links & {maison.url for maison in others}


def test_department_page_leaves_out_unpublished_maisons(client):
    # arrange
    department = Department.objects.get(code=LOZERE)
    kept = maison(title="France Services d’essai de Mende", department=department)
    unpublished = maison(title="France Services d’essai de Florac", department=department)
    unpublished_url = unpublished.url
    unpublished.unpublish()
    # act
    response = client.get(f"/maisons/departement/{LOZERE}/")
    # assert
    assert [maison.pk for maison in response.context["maisons"]] == [kept.pk]
    assert len(response.context["maisons"]) == 1
    assert unpublished_url not in response.content.decode()


def test_unknown_department_is_not_found(client):
    # arrange / act
    response = client.get("/maisons/departement/99/")
    # assert
    assert response.status_code == 404


@pytest.mark.parametrize("code", ["2a", "2A"])
def test_department_code_with_a_letter_is_case_insensitive(client, code):
    # arrange: no maison in Corse-du-Sud (reference data only)
    assert not MaisonPage.objects.filter(department__code="2A").exists()
    # act
    response = client.get(f"/maisons/departement/{code}/")
    # assert
    assert response.status_code == 200
    assert response.context["department"].code == "2A"
    assert response.context["department"].name == "Corse-du-Sud"
    assert response.context["maisons"] == []


# iCalendar feed ------------------------------------------------------------------------


def calendar_events(response) -> list:
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


# Monday 16 November 2026, 08:00: the next 90 days hold each stop of the tour.
@time_machine.travel(datetime(2026, 11, 16, 8, tzinfo=PARIS), tick=False)
def test_bus_calendar_holds_its_stops_of_the_next_90_days(client):
    # arrange
    page = bus()
    locations = {f"{place}, {commune}" for place, commune, *_ in BUS_STOPS}
    start = timezone.now() - timedelta(days=1)
    # act
    response = client.get(f"{page.url}calendrier.ics")
    # assert
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = calendar_events(response)
    assert {str(event["location"]) for event in events} == locations
    end = timezone.now() + timedelta(days=FEED_DAYS)
    assert all(start < event.decoded("dtstart") < end for event in events)
    assert all(event.decoded("dtend") > event.decoded("dtstart") for event in events)


def test_calendar_events_are_named_after_the_public_host(client, public_base_url):
    # arrange
    page = bus()
    # act
    response = client.get(f"{page.url}calendrier.ics", HTTP_HOST="localhost")
    # assert
    uids = [str(event["uid"]) for event in calendar_events(response)]
    assert uids
    assert all(uid.endswith("@france-services.example") for uid in uids)
    assert b"localhost" not in response.content


def test_bus_calendar_leaves_out_public_holidays():
    # arrange: from Monday 15 March 2027, 13 weeks with Easter Monday, Ascension Thursday
    # and Whit Monday; 4 weekly stops (Monday, Tuesday, Thursday, Friday) and one every
    # other Wednesday
    page = bus()
    moment = paris(2027, 3, 15, 8)
    # act
    feed = maison_calendar(page, now=moment)
    # assert
    days = [
        event.decoded("dtstart").date()
        for event in icalendar.Calendar.from_ical(feed).walk("VEVENT")
    ]
    holidays = {date(2027, 3, 29), date(2027, 5, 6), date(2027, 5, 17)}
    assert not holidays & set(days)
    assert min(days) == date(2027, 3, 15) and max(days) <= date(2027, 6, 13)
    assert len(days) == 4 * 13 + 7 - len(holidays)


# Monday 16 November 2026, 08:00: the next 90 days hold each permanence.
@time_machine.travel(datetime(2026, 11, 16, 8, tzinfo=PARIS), tick=False)
def test_a_maison_calendar_holds_its_permanences(client):
    # arrange
    page = with_three_permanences(maison(title="France Services de Saint-Essai"))
    # act
    response = client.get(f"{page.url}calendrier.ics")
    # assert
    assert response.status_code == 200
    events = calendar_events(response)
    assert events
    assert {str(event["location"]) for event in events} == {"France Services de Saint-Essai"}
    partners = {str(event["summary"]).split(" : ")[0] for event in events}
    assert partners == {"Conciliateur d’essai", "CAE", "Mission locale d’essai"}


def test_calendar_of_an_unknown_or_unpublished_maison_is_not_found(client):
    # arrange
    page = maison()
    url = f"{page.url}calendrier.ics"
    page.unpublish()
    # act
    unknown = client.get("/maisons/pas-une-maison/calendrier.ics")
    unpublished = client.get(url)
    # assert
    assert unknown.status_code == 404
    assert unpublished.status_code == 404


# Open or closed at chosen instants ----------------------------------------------------
# The maison is open as TUESDAY_TO_SATURDAY says, in the Hérault (Paris time).


def test_a_maison_is_open_on_a_tuesday_morning_until_12_30():
    # arrange
    page = maison()
    # act
    status = page.status_at(paris(2026, 11, 17, 10))
    # assert
    assert status.is_open
    assert status.closes_at == paris(2026, 11, 17, 12, 30)


def test_a_maison_is_closed_at_lunch_time_and_reopens_at_14_00():
    # arrange
    page = maison()
    # act
    status = page.status_at(paris(2026, 11, 17, 13))
    # assert
    assert not status.is_open
    assert status.next_opening == paris(2026, 11, 17, 14)


def test_a_maison_is_closed_on_mondays_and_opens_on_tuesday_morning():
    # arrange
    page = maison()
    # act
    status = page.status_at(paris(2026, 11, 16, 10))
    # assert
    assert not status.is_open
    assert status.next_opening == paris(2026, 11, 17, 9)


def test_a_maison_is_closed_on_14_july():
    # arrange: 14 July 2026 is a Tuesday, normally open at 10:00
    page = maison()
    moment = paris(2026, 7, 14, 10)
    # act
    status = page.status_at(moment)
    # assert
    assert moment.weekday() == 1
    assert not status.is_open
    assert status.next_opening == paris(2026, 7, 15, 9)


def test_a_maison_is_open_the_day_before_its_year_end_closure():
    # arrange
    page = with_year_end_closure(maison())
    # act
    status = page.status_at(paris(2026, 12, 23, 10))
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
def test_a_maison_is_closed_during_its_year_end_closure(moment):
    # arrange
    page = with_year_end_closure(maison())
    # act
    status = page.status_at(moment)
    # assert
    assert not status.is_open
    # 1 January 2027 is a public holiday: next opening on Saturday 2 January
    assert status.next_opening == paris(2027, 1, 2, 9)


def test_bus_is_open_on_monday_morning_at_le_caylar():
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


def test_bus_is_open_at_a_stop_outside_its_own_hours():
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
    page = fresh(page)
    # act
    status = page.status_at(moment)
    # assert
    assert not closed_before.is_open
    assert status.is_open
    assert status.closes_at == paris(2026, 11, 21, 11)


def test_bus_is_closed_on_sunday_between_two_stops():
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
def test_bus_is_closed_when_its_schedule_is_closed_for_the_day(moment, closure):
    # arrange
    page = bus()
    if closure is not None:
        page.closures.add(Closure(start_date=closure[0], end_date=closure[1], reason="Panne"))
        publish(page)
        page = fresh(page)
    assert page.schedule().is_closed_on(moment.date())
    assert any(stop.is_active_at(moment, page.timezone) for stop in page.stops.all())
    # act
    status = page.status_at(moment)
    # assert
    assert not status.is_open


def test_upcoming_permanences_leave_out_the_year_end_closure():
    # arrange: from Monday 21 December 2026; the maison is closed 24-31 December and has
    # a permanence every Wednesday
    page = with_year_end_closure(with_three_permanences(maison()))
    moment = paris(2026, 12, 21, 9)
    # act
    details = maison_details(page, locale=Locale.get_default(), moment=moment)
    # assert
    days = [occurrence.starts.date() for occurrence in details.presences]
    assert date(2026, 12, 23) in days  # the Wednesday permanence, the day before the closure
    assert not [day for day in days if date(2026, 12, 24) <= day <= date(2026, 12, 31)]
