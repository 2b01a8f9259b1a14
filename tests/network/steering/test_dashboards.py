"""The dashboards' filters and territory, the panels "hours" and "partners", the overview's
map and the drill-down to the maisons, on a few maisons of the Hérault and the Puy-de-Dôme."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Department, MaisonPage, Partner
from tests.factories import MaisonPageFactory, PartnerFactory, PartnerPresenceFactory

pytestmark = pytest.mark.django_db

OVERVIEW = "/espace-agents/pilotage/"
HOURS = "/espace-agents/pilotage/horaires/"
PARTNERS = "/espace-agents/pilotage/partenaires/"
MAISONS = "/espace-agents/pilotage/maisons/"
WEEKDAYS_9_TO_12_AND_1330_TO_17 = [
    row for day in range(5) for row in ((day, "09:00", "12:00"), (day, "13:30", "17:00"))
]


@pytest.fixture
def network(members):
    """Beside the members' two maisons (no hours, no partners): in the Hérault one maison
    open 32.5 h over 5 days, one 32 h over 4 days; in the Puy-de-Dôme one open 35 h."""
    puy_de_dome = Department.objects.get(code="63")
    return {
        "oui": MaisonPageFactory(
            title="Essai Lodève", source_id="fs-oui", hours=WEEKDAYS_9_TO_12_AND_1330_TO_17
        ),
        "non": MaisonPageFactory(
            title="Essai Pézenas",
            source_id="fs-non",
            hours=[(day, "09:00", "17:00") for day in range(4)],
        ),
        "ailleurs": MaisonPageFactory(
            title="Essai Thiers",
            source_id="fs-63",
            department=puy_de_dome,
            hours=[(day, "09:00", "16:00") for day in range(5)],
        ),
    }


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def table_rows(response) -> list[list[str]]:
    """The cells of the last table of the page, each row's text."""
    table = response.content.decode().rsplit("<table>", 1)[1].split("</table>")[0]
    body = table.split("<tbody>")[1]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_the_hours_csv_has_the_issues_columns_and_each_maisons_figures(
    members, member_client, network
):
    response = member_client(members.national).get(HOURS, {"format": "csv"})

    rows = csv_rows(response)
    assert rows[0] == [
        "id_fs",
        "nom",
        "departement",
        "heures_par_semaine",
        "jours_ouverts",
        "conforme",
    ]
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["fs-oui"] == ["fs-oui", "Essai Lodève", "34", "32.5", "5", "oui"]
    assert by_id["fs-non"] == ["fs-non", "Essai Pézenas", "34", "32.0", "4", "non"]
    assert by_id["fs-63"] == ["fs-63", "Essai Thiers", "63", "35.0", "5", "oui"]
    gignac = members.maison("34")
    assert by_id[gignac.source_id][3:] == ["", "0", "inconnu"]
    assert len(rows) - 1 == MaisonPage.objects.count()


def test_the_hours_csv_equals_the_table_shown(members, member_client, network):
    client = member_client(members.national)

    shown = table_rows(client.get(HOURS))
    downloaded = csv_rows(client.get(HOURS, {"format": "csv"}))[1:]

    as_csv = [[cell.replace(",", ".").replace("–", "") for cell in row] for row in shown]
    assert [row[:3] + row[4:] for row in as_csv] == [row[:3] + row[4:] for row in downloaded]
    assert [float(row[3] or 0) for row in as_csv] == [float(row[3] or 0) for row in downloaded]


def test_the_hours_page_counts_each_answer_of_the_rule_in_french(members, member_client, network):
    response = member_client(members.coordinator).get(HOURS)

    text = response.content.decode()
    assert "Maisons respectant le minimum d’ouverture du label" in text
    compliance = text.split("<tbody>")[1].split("</tbody>")[0]
    assert re.search(r"indicateur=conformes\">oui</a></th><td>1</td>", compliance)
    assert re.search(r"indicateur=non-conformes\">non</a></th><td>1</td>", compliance)
    assert re.search(r"indicateur=horaires-inconnus\">inconnu</a></th><td>1</td>", compliance)


@pytest.mark.parametrize("url", [OVERVIEW, HOURS, PARTNERS, MAISONS])
def test_every_page_has_its_charts_tables(members, member_client, network, url):
    text = member_client(members.national).get(url).content.decode()

    for figure in re.findall(r"<figure.*?</figure>", text, re.S):
        # A chart with no figure says so instead of drawing an empty table.
        assert ("<table>" in figure and "<caption" in figure) or "Aucune donnée" in figure
    assert '<th scope="col">' in text


def test_a_coordinator_sees_only_their_department(members, member_client, network):
    client = member_client(members.coordinator)

    hours = csv_rows(client.get(HOURS, {"format": "csv"}))
    listed = table_rows(client.get(MAISONS))

    assert {row[2] for row in hours[1:]} == {"34"}
    assert "fs-63" not in {row[0] for row in hours}
    assert {row[2] for row in listed} == {"34"}


@pytest.mark.parametrize("url", [OVERVIEW, HOURS, PARTNERS, MAISONS])
@pytest.mark.parametrize(
    "who, forged",
    [
        ("coordinator", {"department": "63"}),
        ("coordinator", {"region": "84"}),
        ("region_coordinator", {"department": "63"}),
        ("national", {"region": "84", "department": "34"}),
        ("national", {"department": "999"}),
    ],
)
def test_a_filter_outside_the_territory_is_refused(
    members, member_client, network, url, who, forged
):
    client = member_client(getattr(members, who))

    page = client.get(url, forged)
    download = client.get(url, {**forged, "format": "csv"})

    assert page.status_code == download.status_code == 400
    assert "Ces filtres ne peuvent pas être appliqués" in page.content.decode()
    assert "fs-63" not in page.content.decode()


def test_the_region_coordinator_filters_a_department_of_their_region(
    members, member_client, network
):
    client = member_client(members.region_coordinator)

    rows = csv_rows(client.get(HOURS, {"department": "34", "format": "csv"}))

    assert {row[0] for row in rows[1:]} >= {"fs-oui", "fs-non"}
    assert "fs-63" not in {row[0] for row in rows}


def test_the_format_and_partner_filters_narrow_the_maisons(members, member_client, network):
    partner = PartnerFactory(name="Caisse d’essai")
    PartnerPresenceFactory(maison=network["non"], partner=partner)
    MaisonPage.objects.filter(pk=network["oui"].pk).update(format=MaisonPage.Format.BUS)
    client = member_client(members.national)

    buses = csv_rows(client.get(MAISONS, {"format": "csv", "indicateur": "horaires"}))
    by_bus = table_rows(client.get(MAISONS, {"format_fs": "bus"}))
    by_partner = table_rows(client.get(MAISONS, {"partner": partner.slug}))

    assert len(buses) - 1 == MaisonPage.objects.count()
    assert [row[0] for row in by_bus] == ["fs-oui"]
    assert by_bus[0][3] == "bus"
    assert [row[0] for row in by_partner] == ["fs-non"]


def test_the_drill_down_lists_the_maisons_behind_a_figure(members, member_client, network):
    client = member_client(members.national)

    below = table_rows(client.get(MAISONS, {"indicateur": "non-conformes"}))
    unknown = csv_rows(client.get(MAISONS, {"indicateur": "horaires-inconnus", "format": "csv"}))

    assert below == [["fs-non", "Essai Pézenas", "34", "fixe", "32"]]
    assert unknown[0] == ["id_fs", "nom", "departement", "format", "heures_par_semaine"]
    assert {row[0] for row in unknown[1:]} == {m.source_id for m in members.maisons.values()}
    assert client.get(MAISONS, {"indicateur": "inconnu"}).status_code == 404


def test_the_drill_down_is_refused_to_an_agent(members, member_client, network):
    assert member_client(members.agent).get(MAISONS).status_code == 404


def test_the_overview_maps_each_department_to_its_maisons(members, member_client, network):
    response = member_client(members.national).get(OVERVIEW)

    shown = response.context["map"]
    assert "Carte du réseau" in response.content.decode()
    assert shown.values == {"34": 33.3, "63": 50.0}
    assert shown.hrefs["34"] == f"{MAISONS}?department=34&indicateur=horaires"
    listed = table_rows(member_client(members.national).get(shown.hrefs["63"]))
    assert {row[0] for row in listed} == {"fs-63", members.maison("63").source_id}


@pytest.fixture
def national_partners(network):
    """Two national partners only: the first offered by the 32.5 h maison on site, the
    second by it and the 32 h one by video."""
    Partner.objects.update(national=False)
    caf = PartnerFactory(name="Caf d’essai", national=True)
    impots = PartnerFactory(name="Impôts d’essai", national=True)
    PartnerPresenceFactory(maison=network["oui"], partner=caf)
    PartnerPresenceFactory(maison=network["oui"], partner=impots, mode="visio")
    PartnerPresenceFactory(maison=network["non"], partner=impots, mode="visio")
    return caf, impots


def test_the_partners_panel_lists_the_missing_national_partners(
    members, member_client, national_partners
):
    client = member_client(members.coordinator)

    rows = csv_rows(client.get(PARTNERS, {"format": "csv"}))
    overview = client.get(OVERVIEW).content.decode()

    assert rows[0] == [
        "id_fs",
        "nom",
        "departement",
        "partenaires_nationaux",
        "partenaires_manquants",
    ]
    by_id = {row[0]: row[3:] for row in rows[1:]}
    assert by_id == {
        "fs-oui": ["2", ""],
        "fs-non": ["1", "Caf d’essai"],
        members.maison("34").source_id: ["0", "Caf d’essai ; Impôts d’essai"],
    }
    assert "2 maisons</a> n’offrent pas au moins un des 2 partenaires nationaux" in overview


def test_the_partners_chart_counts_maisons_per_partner(members, member_client, national_partners):
    text = member_client(members.national).get(PARTNERS).content.decode()

    assert re.search(r"partner=caf-dessai[^\"]*\">Caf d’essai</a></th><td>1</td>", text)
    assert re.search(r"partner=impots-dessai[^\"]*\">Impôts d’essai</a></th><td>2</td>", text)
    assert "n’a pas de colonne des partenaires" in text


def _queries(client, url) -> int:
    client.get(url)  # what a new page invalidates (the site's paths) cached again
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _add_maisons(count: int, partner: Partner) -> None:
    for number in range(count):
        maison = MaisonPageFactory(hours=WEEKDAYS_9_TO_12_AND_1330_TO_17)
        if number % 2:
            PartnerPresenceFactory(maison=maison, partner=partner)


@pytest.mark.parametrize("url", [OVERVIEW, HOURS, PARTNERS, MAISONS])
def test_the_pages_query_the_database_a_constant_number_of_times(
    members, member_client, national_partners, url
):
    client = member_client(members.national)
    _add_maisons(2, national_partners[0])
    few = _queries(client, url)

    _add_maisons(12, national_partners[0])

    assert _queries(client, url) == few
