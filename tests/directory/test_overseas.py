"""The overseas collectivities: Saint-Martin, Saint-Barthélemy and Saint-Pierre-et-Miquelon
have communes the commune file lacks (``geography.REFERENCE_COMMUNES``, added by the commune
import), and their maisons open on their own time and close on their own public holidays.

The maisons are built with ``MaisonPageFactory`` at the points and hours of the official
list (Sandy Ground, Saint-Martin: 08:30–13:30 on weekdays); the reference communes through
the import service, metropolitan namesakes with ``communes_from_table``.
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup

from directory.maisons.hours import holiday_subdivision_for_department
from directory.models import Commune, Department, MaisonPage
from directory.territories import geography
from directory.territories.geocoding import CommuneTableGeocoder
from directory.territories.services import import_communes, reference_commune_records
from tests.factories import MaisonPageFactory, communes_from_table

pytestmark = pytest.mark.django_db

# Namesakes in metropolitan France, as the 2024 commune file gives them.
NAMESAKES = """\
32389;Saint-Martin;Saint-Martin;32;32300;43.50955;0.37577;450
67426;Saint-Martin;Saint-Martin;67;67220;48.35064;7.28458;367
56207;Saint-Barthélemy;Saint-Barthélemy;56;56150;47.92766;-3.0413;1168
"""
# Monday to Friday 08:30–13:30, as the official list gives Sandy Ground's hours.
MORNINGS = [(weekday, "08:30", "13:30") for weekday in range(5)]
# (code, time zone, holiday subdivision, a commune's INSEE code and postcode, point)
COLLECTIVITIES = [
    ("975", "America/Miquelon", "PM", "97502", "97500", (46.7778, -56.1778)),
    ("977", "America/St_Barthelemy", "BL", "97701", "97133", (17.8978, -62.8342)),
    ("978", "America/Marigot", "MF", "97801", "97150", (18.0580423, -63.1008308)),
]


def overseas_maison(code="978", insee="97801", postcode="97150", point=None, **fields):
    latitude, longitude = point or (18.0580423, -63.1008308)  # Sandy Ground
    fields.setdefault("hours", MORNINGS)
    return MaisonPageFactory(
        department=Department.objects.get(code=code),
        insee_commune=insee,
        postcode=postcode,
        commune_name="Saint-Martin",
        latitude=latitude,
        longitude=longitude,
        **fields,
    )


def page_html(client, page: MaisonPage) -> BeautifulSoup:
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def badge(html: BeautifulSoup) -> str:
    return html.select_one(".fr-badge--success, .fr-badge--warning").get_text(strip=True)


def week_rows(html: BeautifulSoup) -> dict[str, str]:
    rows = html.find("table").find("tbody").find_all("tr")
    return {
        row.find("th").get_text(" ", strip=True): row.find("td").get_text(" ", strip=True)
        for row in rows
    }


# Reference data ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "zone", "subdivision", "_insee", "_postcode", "_point"), COLLECTIVITIES
)
def test_each_collectivity_has_its_time_zone_and_its_holidays(
    code, zone, subdivision, _insee, _postcode, _point
):
    # act
    department = Department.objects.get(code=code)
    # assert
    assert department.timezone == zone
    assert department.region.name == "Collectivités d'outre-mer"
    assert holiday_subdivision_for_department(code) == subdivision


def test_the_reference_communes_lie_in_france_in_known_territories():
    # act / assert
    for commune in geography.REFERENCE_COMMUNES:
        assert geography.is_in_france(commune.latitude, commune.longitude), commune
        assert geography.department_from_insee_commune(commune.insee) == commune.department_code


def test_the_commune_import_adds_the_collectivities_communes():
    # act
    summary = import_communes(reference_commune_records())
    again = import_communes(reference_commune_records())
    # assert
    assert summary.line() == "created=7 updated=0 unchanged=0 rejected=0"
    assert again.line() == "created=0 updated=0 unchanged=7 rejected=0"
    saint_martin = Commune.objects.get(insee="97801")
    assert (saint_martin.name, saint_martin.department.code) == ("Saint-Martin", "978")
    assert sorted(
        Commune.objects.filter(department__code="975").values_list("name", flat=True)
    ) == [
        "Miquelon-Langlade",
        "Saint-Pierre",
    ]


# Found by name and postcode --------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "insee", "label"),
    [
        ("97150", "97801", "97150 Saint-Martin"),
        ("97133", "97701", "97133 Saint-Barthélemy"),
        ("97500", "97502", "97500 Saint-Pierre"),  # the more populous of its two communes
        ("Miquelon", "97501", "Miquelon-Langlade (975)"),
    ],
)
def test_a_collectivity_is_found_by_postcode_or_name(query, insee, label):
    # arrange
    import_communes(reference_commune_records())
    # act
    places = CommuneTableGeocoder().locate(query)
    # assert
    assert [(place.insee, place.label) for place in places] == [(insee, label)]


@pytest.mark.parametrize(
    ("query", "insee", "department"),
    [("Saint-Martin", "97801", "978"), ("Saint-Barthélemy", "97701", "977")],
)
def test_a_collectivity_comes_first_among_its_namesakes(query, insee, department):
    # arrange
    import_communes(reference_commune_records())
    communes_from_table(NAMESAKES, "32389", "67426", "56207")
    # act
    places = CommuneTableGeocoder().locate(query)
    suggested = CommuneTableGeocoder().suggest(query)
    # assert: the most populous first
    assert (places[0].insee, places[0].department_code) == (insee, department)
    assert len(places) > 1
    assert suggested[0][0].insee == insee


@time_machine.travel(datetime(2025, 5, 27, 16, tzinfo=UTC), tick=False)  # 12:00 in Marigot
def test_the_search_page_finds_the_maisons_of_saint_martin_by_its_postcode(client):
    # arrange
    import_communes(reference_commune_records())
    sandy_ground = overseas_maison(title="France services de Sandy Ground")
    orleans = overseas_maison(
        title="France services de Quartier d'Orléans", point=(18.0668309, -63.0335802)
    )
    # act
    response = client.get("/maisons/", {"q": "97150"})
    # assert
    html = BeautifulSoup(response.content.decode(), "html.parser")
    ids = [int(item["data-maison-id"]) for item in html.select("li.maison-result")]
    assert set(ids) == {sandy_ground.pk, orleans.pk}
    assert "97150 Saint-Martin" in html.find("h2", id="maison-results-heading").get_text()
    assert "Ouvert, ferme à 13:30" in html.select_one("li.maison-result").get_text(" ")


# Open now and holidays, at their own time ---------------------------------------------


@pytest.mark.parametrize(
    ("code", "zone", "subdivision", "insee", "postcode", "point"), COLLECTIVITIES
)
def test_a_maison_of_a_collectivity_is_open_at_its_local_hours(
    client, code, zone, subdivision, insee, postcode, point
):
    # arrange: Tuesday 27 May 2025 at noon there (16:00 or 14:00 UTC; 18:00 or 16:00 in
    # Paris, when a maison open 08:30–13:30 in Paris time would be closed)
    noon = datetime(2025, 5, 27, 12, tzinfo=ZoneInfo(zone))
    page = overseas_maison(code, insee, postcode, point)
    # act
    with time_machine.travel(noon.astimezone(UTC), tick=False):
        html = page_html(client, page)
        status = page.status_at()
    # assert
    assert status.is_open
    assert status.closes_at == noon.replace(hour=13, minute=30)
    assert badge(html) == "Ouvert, ferme à 13:30"


@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        # 28 May, the Abolition of Slavery in Saint-Martin (holidays.France, subdiv "MF")
        (datetime(2025, 5, 28, 13, tzinfo=UTC), False),  # Wednesday 09:00 in Marigot
        # 27 May is Guadeloupe's date, not Saint-Martin's
        (datetime(2025, 5, 27, 13, tzinfo=UTC), True),
    ],
)
def test_a_saint_martin_maison_is_closed_on_its_own_public_holiday(client, moment, open_):
    # arrange
    page = overseas_maison()
    # act
    with time_machine.travel(moment, tick=False):
        html = page_html(client, page)
    # assert
    if open_:
        assert badge(html) == "Ouvert, ferme à 13:30"
    else:
        assert badge(html) == "Fermé, ouvre vendredi à 08:30"  # Thursday: Ascension Day


@time_machine.travel(datetime(2025, 10, 9, 14, tzinfo=UTC), tick=False)  # 10:00 there
def test_a_saint_barthelemy_maison_is_closed_on_its_abolition_day_9_october(client):
    # arrange
    page = overseas_maison("977", "97701", "97133", (17.8978, -62.8342))
    # act
    html = page_html(client, page)
    # assert
    assert badge(html) == "Fermé, ouvre vendredi à 08:30"


# Monday 26 May 2025, 22:30 in Marigot: already Tuesday 27 in Paris and in UTC.
@time_machine.travel(datetime(2025, 5, 27, 2, 30, tzinfo=UTC), tick=False)
def test_the_week_table_of_a_saint_martin_maison_is_on_its_own_date_and_holidays(client):
    # arrange
    page = overseas_maison()
    # act
    rows = week_rows(page_html(client, page))
    # assert: today is Monday there; Wednesday 28 May is a holiday there, Tuesday 27 not
    assert [day for day in rows if "aujourd’hui" in day] == ["Lundi aujourd’hui"]
    assert rows["Mercredi"] == "08:30–13:30 Jour férié le 28 mai : fermé"
    assert rows["Mardi"] == "08:30–13:30"
