"""The directory in the Wagtail admin: maison edit form, report, partner snippets.

Each test builds the maisons (with their hours, permanences, closure and stops) and the
partners it reads with the factories of ``tests/factories.py``, in the Lozère.
"""

from datetime import date, time

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.test.utils.form_data import querydict_from_html

from directory.models import Department, MaisonPage
from portal.models import User
from tests.auth import login_with_second_factor
from tests.factories import (
    ClosureFactory,
    MaisonPageFactory,
    PartnerFactory,
    PartnerPresenceFactory,
    add_stops,
)

pytestmark = pytest.mark.django_db

DASH = "\u2013"  # the en dash the templates and the form messages write between times

REPORT_URL = "/admin/reports/maisons-a-completer/"
PARTNERS_URL = "/admin/snippets/directory/partner/"


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(
        "editrice@france-services.example", "mot-de-passe", first_name="Ada", last_name="Lovelace"
    )


@pytest.fixture
def admin_client(client, superuser):
    login_with_second_factor(client, superuser)
    return client


def french(message: str) -> str:
    """A message as the admin shows it (the site's default language is French)."""
    with translation.override("fr"):
        return gettext(message)


def overlap(first: str, second: str) -> str:
    """The form's message for two overlapping intervals, e.g. ``("09:00-12:30", …)``."""
    times = {"a": first.replace("-", DASH), "b": second.replace("-", DASH)}
    return french("%(a)s and %(b)s overlap.") % times


# Tuesday to Friday 09:00–12:30 and 14:00–17:30, Saturday 09:00–12:00: nine intervals.
TUESDAY_TO_SATURDAY = [
    *[
        (weekday, opens, closes)
        for weekday in (1, 2, 3, 4)
        for opens, closes in (("09:00", "12:30"), ("14:00", "17:30"))
    ],
    (5, "09:00", "12:00"),
]
# The bus's five stops: (place, commune, INSEE, latitude, longitude, weekday).
BUS_STOPS = [
    ("Place de l’Église d’essai", "Chastel-Nouvel", "48042", 44.56698, 3.4904, 0),
    ("Parking de la Mairie d’essai", "Badaroux", "48013", 44.54761, 3.56108, 1),
    ("Place du Foirail d’essai", "Balsièges", "48016", 44.47702, 3.44355, 2),
    ("Place du Village d’essai", "Lanuéjols", "48081", 44.48952, 3.58128, 3),
    ("Cours de l’Esplanade d’essai", "Marvejols", "48092", 44.55495, 3.28783, 4),
]


def in_lozere(**fields) -> MaisonPage:
    return MaisonPageFactory(
        postcode="48000",
        commune_name="Mende",
        insee_commune="48095",
        department=Department.objects.get(code="48"),
        latitude=44.53491,
        longitude=3.49086,
        phone="04 66 00 00 00",
        **fields,
    )


def gevaudan(**fields) -> MaisonPage:
    """A maison with nine opening intervals, three partner permanences (Tuesday morning,
    Wednesday and Thursday afternoons) and a closure, and no stop."""
    page = in_lozere(
        title="France Services du Gévaudan d’essai", hours=TUESDAY_TO_SATURDAY, **fields
    )
    for weekday, starts, ends in (
        (1, time(9), time(12)),
        (2, time(14), time(17)),
        (3, time(14), time(17)),
    ):
        PartnerPresenceFactory(maison=page, weekday=weekday, starts=starts, ends=ends)
    ClosureFactory(
        maison=page,
        start_date=date(2026, 12, 24),
        end_date=date(2026, 12, 31),
        reason="Fermeture de fin d’année",
    )
    return page


def bus() -> MaisonPage:
    """A bus open Monday to Friday, touring ``BUS_STOPS``."""
    page = in_lozere(
        title="Bus France Services du Gévaudan d’essai",
        format=MaisonPage.Format.BUS,
        hours=[(weekday, "09:30", "16:30") for weekday in range(5)],
    )
    add_stops(page, BUS_STOPS)
    return page


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form_data(client, page):
    """What a browser would post back from the edit form, unchanged, to publish it."""
    html = client.get(edit_url(page)).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")
    for box in form.find_all("input", type="checkbox", checked=True):
        if "value" not in box.attrs:  # browsers send "on" for a checked box without value
            data.setlist(box["name"], ["on"])
    for key in [key for key in data if "__prefix__" in key]:
        del data[key]
    data["action-publish"] = "action-publish"
    return data


def add_form(data, prefix: str, values: dict) -> None:
    """Append a new form to the ``prefix`` inline formset of the posted data."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in {"id": "", "DELETE": "", **values}.items():
        data[f"{prefix}-{index}-{name}"] = value


def snapshot(page) -> tuple:
    """What the database holds for a maison: its latest revision and its rows."""
    page = MaisonPage.objects.get(pk=page.pk)
    return (
        page.latest_revision_id,
        page.title,
        list(page.opening_intervals.values_list("weekday", "opens", "closes")),
        list(page.presences.order_by("pk").values_list("partner_id", "weekday", "starts")),
        list(page.stops.values_list("place", "weekday", "starts", "ends")),
    )


def formset_errors(response, name: str) -> list[dict]:
    return [form.errors for form in response.context["form"].formsets[name].forms]


# Edit view -----------------------------------------------------------------------------


def test_maison_edit_view_shows_its_tabs_and_formsets(admin_client):
    # arrange
    page = gevaudan()
    # act
    response = admin_client.get(edit_url(page))
    # assert
    assert response.status_code == 200
    html = BeautifulSoup(response.content.decode(), "html.parser")
    tabs = [tab.find(string=True).strip() for tab in html.select('[role="tab"]')]
    assert tabs[:5] == [
        french(label) for label in ("Identity", "Hours", "Partners", "Itinerary", "Accessibility")
    ]
    form = html.find("form", id="page-edit-form")
    assert form.find("input", attrs={"name": "opening_intervals-TOTAL_FORMS"})["value"] == "9"
    assert form.find("input", attrs={"name": "presences-TOTAL_FORMS"})["value"] == "3"
    assert form.find("input", attrs={"name": "closures-TOTAL_FORMS"})["value"] == "1"
    assert form.find("input", attrs={"name": "stops-TOTAL_FORMS"})["value"] == "0"


def test_publishing_valid_hours_changes_the_maison(admin_client):
    # arrange: replace Tuesday 14:00-17:30 by 14:00-18:00; the deleted row would overlap it
    page = gevaudan()
    before = snapshot(page)
    data = edit_form_data(admin_client, page)
    assert (data["opening_intervals-1-weekday"], data["opening_intervals-1-opens"]) == (
        "1",
        "14:00",
    )
    data["opening_intervals-1-DELETE"] = "on"
    add_form(data, "opening_intervals", {"weekday": "1", "opens": "14:00", "closes": "18:00"})
    # act
    response = admin_client.post(edit_url(page), data)
    # assert
    assert response.status_code == 302
    after = snapshot(page)
    assert after[0] != before[0]
    tuesday = [(opens, closes) for weekday, opens, closes in after[2] if weekday == 1]
    assert tuesday == [(time(9), time(12, 30)), (time(14), time(18))]
    assert after[3:] == before[3:]


def test_overlapping_intervals_of_a_day_are_refused(admin_client):
    # arrange: a new Tuesday interval inside the morning one
    page = gevaudan()
    before = snapshot(page)
    data = edit_form_data(admin_client, page)
    add_form(data, "opening_intervals", {"weekday": "1", "opens": "10:00", "closes": "11:00"})
    # act
    response = admin_client.post(edit_url(page), data)
    # assert
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert french("Opening hours: two intervals of the same day overlap.") in errors
    assert overlap("09:00-12:30", "10:00-11:00") in errors
    assert escape(overlap("09:00-12:30", "10:00-11:00")) in response.content.decode()
    assert snapshot(page) == before


def test_an_interval_edited_to_overlap_its_neighbour_is_refused(admin_client):
    # arrange: Tuesday 14:00-17:30 becomes 12:00-17:30, over the morning 09:00-12:30
    page = gevaudan()
    before = snapshot(page)
    data = edit_form_data(admin_client, page)
    data["opening_intervals-1-opens"] = "12:00"
    # act
    response = admin_client.post(edit_url(page), data)
    # assert
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert overlap("09:00-12:30", "12:00-17:30") in errors
    assert snapshot(page) == before


def test_closing_before_opening_is_refused(admin_client):
    # arrange: Tuesday 09:00-12:30 becomes 09:00-08:00
    page = gevaudan()
    before = snapshot(page)
    data = edit_form_data(admin_client, page)
    data["opening_intervals-0-closes"] = "08:00"
    # act
    response = admin_client.post(edit_url(page), data)
    # assert
    assert response.status_code == 200
    errors = formset_errors(response, "opening_intervals")
    assert errors[0]["closes"] == [french("The closing time must be after the opening time.")]
    assert not any(errors[1:])
    assert snapshot(page) == before


def test_a_partner_presence_without_start_time_is_refused(admin_client):
    # arrange
    page = gevaudan()
    before = snapshot(page)
    data = edit_form_data(admin_client, page)
    data["presences-0-starts"] = ""
    # act
    response = admin_client.post(edit_url(page), data)
    # assert
    assert response.status_code == 200
    errors = formset_errors(response, "presences")
    assert "starts" in errors[0]
    assert not any(errors[1:])
    assert snapshot(page) == before


def test_a_new_stop_without_start_time_is_refused(admin_client):
    # arrange
    page = bus()
    before = snapshot(page)
    data = edit_form_data(admin_client, page)
    assert data["stops-TOTAL_FORMS"] == "5"
    add_form(
        data,
        "stops",
        {
            "place": "Place du Marché",
            "commune_name": "Mende",
            "frequency": "weekly",
            "weekday": "5",
            "starts": "",
            "ends": "12:00",
            "ORDER": "5",
        },
    )
    # act
    response = admin_client.post(edit_url(page), data)
    # assert
    assert response.status_code == 200
    errors = formset_errors(response, "stops")
    assert "starts" in errors[5]
    assert not any(errors[:5])
    assert snapshot(page) == before
    assert before[4][-1][0] != "Place du Marché"


# Report --------------------------------------------------------------------------------


def test_report_lists_unreadable_hours_and_tours_without_stops(admin_client):
    # arrange: unreadable hours, a bus and an itinerant maison without stops, and two
    # maisons with nothing to complete (readable hours; a bus with its stops)
    unreadable = gevaudan(hours_problems="lundi « 9h-midi » : illisible")
    created = [
        in_lozere(title=f"France Services {slug}", slug=slug, format=format)
        for slug, format in (("bus-sans-arret", "bus"), ("tournee-sans-arret", "itinerante"))
    ]
    complete = [in_lozere(title="France Services complète d’essai"), bus()]
    # act
    response = admin_client.get(REPORT_URL)
    # assert
    assert response.status_code == 200
    mine = {page.pk for page in [unreadable, *created, *complete]}
    problems = {
        maison.pk: maison.problem
        for maison in response.context["object_list"]
        if maison.pk in mine
    }
    assert problems == {
        unreadable.pk: "horaires illisibles",
        created[0].pk: "tournée sans arrêt structuré",
        created[1].pk: "tournée sans arrêt structuré",
    }
    html = response.content.decode()
    assert escape("lundi « 9h-midi » : illisible") in html
    for page in [unreadable, *created]:
        assert f'href="{edit_url(page)}"' in html
    for page in complete:
        assert f'href="{edit_url(page)}"' not in html


def test_report_leaves_out_a_bus_which_has_stops(admin_client):
    # arrange
    page = bus()
    assert page.stops.count() == 5
    # act
    response = admin_client.get(REPORT_URL)
    # assert
    assert response.status_code == 200
    assert page.pk not in {maison.pk for maison in response.context["object_list"]}
    assert f'href="{edit_url(page)}"' not in response.content.decode()


def test_report_sends_anonymous_visitors_to_the_login_page(client):
    # arrange / act
    response = client.get(REPORT_URL)
    # assert
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_report_is_refused_to_a_user_without_admin_access(client):
    # arrange
    user = User.objects.create_user("usager@example.org", "mot-de-passe")
    login_with_second_factor(client, user)
    # act
    response = client.get(REPORT_URL)
    # assert
    assert response.status_code in {302, 403}
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


# Partner snippets ----------------------------------------------------------------------


def test_partner_snippet_listing_shows_the_partners(admin_client):
    # arrange: names the listing must escape
    partners = [
        PartnerFactory(name="Caisse d’essai des Causses"),
        PartnerFactory(name="Mission « essai » du Gévaudan"),
        PartnerFactory(name="Point justice d’essai & associés"),
    ]
    # act
    response = admin_client.get(PARTNERS_URL)
    # assert
    assert response.status_code == 200
    html = response.content.decode()
    for partner in partners:
        assert escape(partner.name) in html
