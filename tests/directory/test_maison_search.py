"""The maison search of /maisons/ and /maisons/embed/: places, filters, pagination,
permalinks, bad parameters, and the selector behind them.

Each test builds the communes (``CommuneFactory``, real INSEE codes, names, postcodes and
points) and the maisons (``MaisonPageFactory``) it searches, in the Lozère and the Finistère,
where the seeded demo has no maison within 60 km; partners are its own, not the demo's.
"""

from datetime import date, datetime, time
from unittest import mock
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.maisons.nearby import find_nearby, great_circle_km
from directory.models import Commune, Department, MaisonPage
from portal.content_version import bump_content_version
from tests.factories import (
    ClosureFactory,
    MaisonPageFactory,
    PartnerFactory,
    PartnerPresenceFactory,
    add_stops,
    communes_from_table,
)

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
MENDE = (44.53491, 3.49086)
BREST = (48.39, -4.49)  # no demo maison within hundreds of kilometres

# Communes as the 2024 commune file gives them: INSEE;name;official name;department;
# postcodes (space separated);latitude;longitude;population.
COMMUNES = """\
48095;Mende;Mende;48;48000;44.53491;3.49086;12316
48029;Born;Le Born;48;48000;44.58742;3.55688;153
48092;Marvejols;Marvejols;48;48100;44.55495;3.28783;4738
29235;Relecq-Kerhuon;Le Relecq-Kerhuon;29;29480;48.40318;-4.40144;11791
21546;Saint-Didier;Saint-Didier;21;21210;47.31749;4.17217;202
35264;Saint-Didier;Saint-Didier;35;35220;48.09133;-1.36056;2035
39480;Saint-Didier;Saint-Didier;39;39570;46.71018;5.50944;271
58237;Saint-Didier;Saint-Didier;58;58190;47.34754;3.61976;29
84108;Saint-Didier;Saint-Didier;84;84210;44.01082;5.10927;2126
"""

GEVAUDAN = "France Services du Gévaudan d’essai"
BUS = "Bus France Services du Gévaudan d’essai"
# Tuesday to Friday 09:00–12:30 and 14:00–17:30, Saturday 09:00–12:00; closed on Monday.
TUESDAY_TO_SATURDAY = [
    *[
        (weekday, opens, closes)
        for weekday in (1, 2, 3, 4)
        for opens, closes in (("09:00", "12:30"), ("14:00", "17:30"))
    ],
    (5, "09:00", "12:00"),
]
WEEKDAY_MORNINGS = [(weekday, "09:00", "12:00") for weekday in range(5)]
WEEKDAYS = [
    (weekday, opens, closes)
    for weekday in range(5)
    for opens, closes in (("09:00", "12:00"), ("14:00", "17:00"))
]
HOURS = {
    "mon-fri": WEEKDAYS,
    "mon-fri am": WEEKDAY_MORNINGS,
    "mon-sat am": [*WEEKDAY_MORNINGS, (5, "09:00", "12:00")],
    "mon-sat": [*WEEKDAYS, (5, "09:00", "12:00")],
    "mon wed fri am": [(weekday, "09:00", "12:00") for weekday in (0, 2, 4)],
    "tue thu am": [(weekday, "09:00", "12:00") for weekday in (1, 3)],
    "mon-thu am": [(weekday, "09:00", "12:00") for weekday in range(4)],
}
# The other fixed maisons within 50 km of Mende, "France Services" and then:
# name;commune;INSEE;postcode;latitude;longitude;hours;appointments;km from Mende.
LOZERE_MAISONS = """\
de Marvejols d’essai;Marvejols;48092;48100;44.55495;3.28783;mon-fri;no;16.2
de Randon d’essai;Châteauneuf-de-Randon;48043;48170;44.64791;3.68774;mon wed fri am;no;20.0
du Mont Lozère d’essai;Mont Lozère et Goulet;48027;48190;44.50994;3.749;tue thu am;no;20.7
de la Canourgue d’essai;La Canourgue;48034;48500;44.42527;3.25835;mon-sat am;no;22.1
de Florac d’essai;Florac Trois Rivières;48061;48400;44.3189;3.62681;mon-fri am;yes;26.3
de Langogne d’essai;Langogne;48080;48300;44.72112;3.83182;mon-sat;no;34.0
de l’Apcher d’essai;Saint-Chély-d’Apcher;48140;48200;44.81439;3.27833;mon-fri;no;35.3
de Villefort d’essai;Villefort;48198;48800;44.44291;3.92929;mon-thu am;no;36.3
"""
# The bus's tour around Mende: (place, commune, INSEE, latitude, longitude, weekday).
BUS_STOPS = [
    ("Place de l’Église d’essai", "Chastel-Nouvel", "48042", 44.56698, 3.4904, 0),
    ("Parking de la Mairie d’essai", "Badaroux", "48013", 44.54761, 3.56108, 1),
    ("Place du Foirail d’essai", "Balsièges", "48016", 44.47702, 3.44355, 2),
    ("Place du Village d’essai", "Lanuéjols", "48081", 44.48952, 3.58128, 3),
]
LOCAL_PARTNER = "mission-locale-dessai"
NATIONAL_PARTNER = "caisse-nationale-dessai"
# Finistère: maisons beyond 5 km of BREST, nearest first (km); the last two are too far
# to be among the five nearest.
# commune;INSEE;postcode;latitude;longitude;km.
FINISTERE_MAISONS = """\
Gouesnou;29061;29850;48.44711;-4.46136;6.7
Le Relecq-Kerhuon;29235;29480;48.40318;-4.40144;6.7
Plougastel-Daoulas;29189;29470;48.36286;-4.39114;7.9
Plouzané;29212;29280;48.3748;-4.5976;8.1
Guipavas;29075;29490;48.43054;-4.39433;8.4
Saint-Renan;29260;29290;48.42878;-4.62125;10.6
Crozon;29042;29160;48.2395;-4.4687;16.8
"""


def build_communes(*insees: str) -> dict[str, Commune]:
    """The ``COMMUNES`` rows of these INSEE codes, built with their postcodes."""
    return communes_from_table(COMMUNES, *insees)


def maison(title, commune, insee, postcode, latitude, longitude, **fields) -> MaisonPage:
    department = insee[:2]
    return MaisonPageFactory(
        title=title,
        commune_name=commune,
        insee_commune=insee,
        postcode=postcode,
        department=Department.objects.get(code=department),
        latitude=latitude,
        longitude=longitude,
        **fields,
    )


@pytest.fixture
def lozere() -> dict[str, MaisonPage]:
    """Mende, Le Born and Marvejols in the commune table; around Mende, ten maisons within
    50 km: the Gévaudan's (closed on Monday, a local partner, a closure), a bus touring four
    stops, and the ``LOZERE_MAISONS``; a local partner and a national one."""
    build_communes("48095", "48029", "48092")
    local = PartnerFactory(name="Mission locale d’essai", slug=LOCAL_PARTNER, national=False)
    PartnerFactory(name="Caisse nationale d’essai", slug=NATIONAL_PARTNER, national=True)
    gevaudan = maison(
        GEVAUDAN, "Mende", "48095", "48000", *MENDE, hours=TUESDAY_TO_SATURDAY, booking=True
    )
    PartnerPresenceFactory(
        maison=gevaudan, partner=local, weekday=2, starts=time(14), ends=time(17)
    )
    ClosureFactory(
        maison=gevaudan,
        start_date=date(2026, 12, 24),
        end_date=date(2026, 12, 31),
        reason="Fermeture de fin d’année",
    )
    bus = maison(
        BUS,
        "Mende",
        "48095",
        "48000",
        *BUS_STOPS[0][3:5],
        format=MaisonPage.Format.BUS,
        hours=[(weekday, "09:30", "16:30") for weekday in range(5)],
    )
    add_stops(bus, BUS_STOPS)
    built = {GEVAUDAN: gevaudan, BUS: bus}
    for line in LOZERE_MAISONS.splitlines():
        name, commune, insee, postcode, lat, lon, hours, booking, _km = line.split(";")
        title = f"France Services {name}"
        built[title] = maison(
            title,
            commune,
            insee,
            postcode,
            float(lat),
            float(lon),
            hours=HOURS[hours],
            booking=booking == "yes",
        )
    return built


def search(client, **params):
    response = client.get("/maisons/", params)
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def result_names(soup) -> list[str]:
    return [item.h3.a.get_text(strip=True) for item in soup.select("li.maison-result")]


def result_ids(soup) -> list[int]:
    return [int(item["data-maison-id"]) for item in soup.select("li.maison-result")]


def map_data(client, soup) -> dict:
    """What the results page's map script loads: its ``data-map-url``."""
    response = client.get(soup.find(id="maison-map")["data-map-url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def distances(soup) -> list[float]:
    return [
        float(item.strong.get_text().split()[0].replace(",", "."))
        for item in soup.select("li.maison-result")
    ]


def test_great_circle_distance_paris_lyon():
    # arrange / act / assert
    assert great_circle_km(48.8566, 2.3522, 45.7640, 4.8357) == pytest.approx(391.5, abs=1)
    assert great_circle_km(*MENDE, *MENDE) == 0


@pytest.mark.parametrize("query", ["mende", "Mende", "MENDE", "48000", "Mende 48000"])
def test_a_commune_or_postcode_finds_the_gevaudan_first(client, lozere, query):
    # arrange: the Gévaudan's maison stands at Mende's point
    # act
    _response, soup = search(client, q=query)
    # assert
    assert result_names(soup)[0] == GEVAUDAN
    assert distances(soup)[0] == 0
    assert distances(soup) == sorted(distances(soup))
    assert "Mende" in soup.title.get_text()


def test_article_hyphens_and_accents_are_ignored(client):
    # arrange
    build_communes("29235")
    kerhuon = maison(
        "France Services de l’Élorn d’essai",
        "Le Relecq-Kerhuon",
        "29235",
        "29480",
        48.40318,
        -4.40144,
    )
    # act
    _, soup = search(client, q="Le Relecq Kerhuon")
    # assert
    heading = soup.find(id="maison-results-heading").get_text()
    assert "du Relecq-Kerhuon (29)" in heading  # "de" + "Le" contracted
    assert result_ids(soup)[0] == kerhuon.pk


def test_namesakes_offer_a_choice_with_their_departments(client, lozere):
    # arrange: five Saint-Didier (Côte-d’Or, Ille-et-Vilaine, Jura, Nièvre, Vaucluse)
    build_communes("21546", "35264", "39480", "58237", "84108")
    # act
    _response, soup = search(client, q="saint didier", partner=LOCAL_PARTNER)
    # assert
    choices = soup.select(".fr-alert--info li a")
    assert len(choices) == 5
    labels = [choice.get_text(" ", strip=True) for choice in choices]
    assert any("Ille-et-Vilaine" in label for label in labels)
    assert any("Vaucluse" in label for label in labels)
    assert not soup.select("li.maison-result")
    # A choice keeps the filters and names the commune by its INSEE code.
    params = parse_qs(urlsplit(choices[0]["href"]).query)
    assert params["partner"] == [LOCAL_PARTNER]
    assert params["commune"][0] in {"21546", "35264", "39480", "58237", "84108"}
    _, chosen = search(client, **{k: v[0] for k, v in params.items()})
    assert chosen.find(id="maison-results-heading")


def test_unknown_place_says_so(client, lozere):
    # arrange / act
    _, soup = search(client, q="Xyzzyville")
    # assert
    assert "Xyzzyville" in soup.select_one(".fr-alert--warning").get_text()
    assert not soup.select("li.maison-result")


def test_radius_limits_the_results_and_counts_by_format(client, lozere):
    # arrange: within 5 km of Mende, the Gévaudan (0 km) and the bus's stop at
    # Chastel-Nouvel (3.6 km); within 50 km, all ten
    # act
    _, narrow = search(client, q="Mende", radius="5")
    _, wide = search(client, q="Mende", radius="50")
    # assert
    assert all(distance <= 5 for distance in distances(narrow))
    assert set(result_ids(narrow)) == {lozere[GEVAUDAN].pk, lozere[BUS].pk}
    assert set(result_ids(wide)) == {page.pk for page in lozere.values()}
    assert "1 bus" in wide.get_text()


def test_nothing_within_the_radius_offers_the_nearest_beyond(client):
    # arrange
    built = []
    for line in FINISTERE_MAISONS.splitlines():
        commune, insee, postcode, lat, lon, _km = line.split(";")
        title = f"France Services de {commune} d’essai"
        built.append(maison(title, commune, insee, postcode, float(lat), float(lon)))
    # act
    _, soup = search(client, lat=str(BREST[0]), lon=str(BREST[1]), radius="5")
    # assert
    heading = soup.find(id="maison-results-heading").get_text(" ", strip=True)
    assert "5 km" in heading
    assert set(result_ids(soup)) == {page.pk for page in built[:5]}
    assert min(distances(soup)) > 5
    assert distances(soup) == sorted(distances(soup))


def test_pagination_keeps_the_search_in_the_address(client, lozere, monkeypatch):
    # arrange: ten maisons within 50 km, five a page
    monkeypatch.setattr("directory.maisons.finder.RESULTS_PER_PAGE", 5)
    # act
    _, first = search(client, q="Mende", radius="50")
    _, second = search(client, q="Mende", radius="50", page="2")
    _, beyond_last = search(client, q="Mende", radius="50", page="999")
    # assert
    assert len(result_ids(first)) == 5
    next_link = first.select_one(".fr-pagination a.fr-pagination__link--next")["href"]
    params = parse_qs(urlsplit(next_link).query)
    assert params["q"] == ["Mende"] and params["radius"] == ["50"] and params["page"] == ["2"]
    assert set(result_ids(first)).isdisjoint(result_ids(second))
    assert set(result_ids(first)) | set(result_ids(second)) == {
        page.pk for page in lozere.values()
    }
    assert min(distances(second)) >= max(distances(first))
    assert second.select_one("ol.maison-results")["start"] == "6"
    assert result_ids(beyond_last) == result_ids(second)


def test_the_form_shows_the_current_state(client, lozere):
    # arrange / act
    _, soup = search(client, q="Mende", radius="10", partner=NATIONAL_PARTNER, saturday="true")
    # assert
    assert soup.find(id="maison-search-q")["value"] == "Mende"
    assert soup.select_one("#maison-search-radius option[selected]")["value"] == "10"
    assert soup.select_one("#maison-search-partner option[selected]")["value"] == NATIONAL_PARTNER
    assert soup.find(id="maison-search-saturday").has_attr("checked")


def test_each_search_shows_its_own_filters_whatever_was_shown_before(client, lozere):
    # arrange: the filters' part of the form is cached per combination of valid values
    filters = {"partner": NATIONAL_PARTNER, "saturday": "true", "services": "printer"}
    # act
    _, first = search(client, q="Mende", **filters)
    _, plain = search(client, q="Mende")
    _, again = search(client, q="Mende", **filters)
    _, wrong = search(client, q="Mende", partner="unknown-partner", saturday="true")
    # assert
    for soup in (first, again):
        selected = soup.select_one("#maison-search-partner option[selected]")
        assert selected["value"] == NATIONAL_PARTNER
        assert soup.find(id="maison-search-saturday").has_attr("checked")
        assert soup.find(id="maison-search-services-printer").has_attr("checked")
    assert plain.select_one("#maison-search-partner option[selected]") is None
    assert not plain.find(id="maison-search-saturday").has_attr("checked")
    assert not plain.find(id="maison-search-services-printer").has_attr("checked")
    assert wrong.find(id="maison-search-partner-error") is not None
    assert wrong.find(id="maison-search-saturday").has_attr("checked")


def test_a_local_partner_keeps_only_maisons_where_it_is_present(client, lozere):
    # arrange: the local partner holds a permanence at the Gévaudan's only
    # act
    _, local = search(client, q="Mende", radius="50", partner=LOCAL_PARTNER)
    _, national = search(client, q="Mende", radius="50", partner=NATIONAL_PARTNER)
    _, everything = search(client, q="Mende", radius="50")
    # assert
    assert result_names(local) == [GEVAUDAN]
    assert (
        national.find(id="maison-results-heading").get_text()
        == everything.find(id="maison-results-heading").get_text()
    )
    assert result_ids(national) == result_ids(everything)


@pytest.mark.parametrize(
    ("params", "keeps"),
    [
        ({"saturday": "true"}, lambda m: m.opening_intervals.filter(weekday=5).exists()),
        ({"booking": "true"}, lambda m: m.booking),
        ({"itinerant": "only"}, lambda m: m.is_itinerant),
        ({"itinerant": "exclude"}, lambda m: not m.is_itinerant),
    ],
)
def test_filters(client, lozere, params, keeps):
    # arrange: some of the ten open on Saturday, two take appointments, one is a bus
    # act
    _, everything = search(client, q="Mende", radius="50")
    _, filtered = search(client, q="Mende", radius="50", **params)
    # assert
    kept = result_ids(filtered)
    assert kept
    assert len(result_ids(everything)) == 10
    for page in MaisonPage.objects.filter(pk__in=result_ids(everything)):
        assert (page.pk in kept) == bool(keeps(page)), page.title


@pytest.mark.parametrize(
    ("field", "value", "params"),
    [
        ("access", MaisonPage.Access.YES, {"accessible": "true"}),
        ("has_visio", True, {"services": "visio"}),
    ],
)
def test_accessibility_and_services_filters(client, lozere, field, value, params):
    # arrange: only Marvejols's maison gets the feature, published
    page = lozere["France Services de Marvejols d’essai"]
    setattr(page, field, value)
    page.save_revision().publish()
    # act
    _, soup = search(client, q="Mende", radius="50", **params)
    # assert
    assert result_names(soup) == ["France Services de Marvejols d’essai"]


def test_open_now_at_chosen_instants(lozere):
    # arrange: the Gévaudan is closed on Mondays; the others open at 09:00 or 09:30 on
    # weekdays, but the Mont Lozère's (Tuesday and Thursday only)
    maisons = MaisonPage.objects.live()
    monday_ten = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)
    sunday_night = datetime(2026, 11, 29, 3, 0, tzinfo=PARIS)
    # act
    all_near = find_nearby(maisons, latitude=MENDE[0], longitude=MENDE[1], radius_km=50)
    open_monday = find_nearby(
        maisons,
        latitude=MENDE[0],
        longitude=MENDE[1],
        radius_km=50,
        open_now=True,
        moment=monday_ten,
    )
    at_night = find_nearby(
        maisons,
        latitude=MENDE[0],
        longitude=MENDE[1],
        radius_km=50,
        open_now=True,
        moment=sunday_night,
    )
    # assert
    assert {hit.maison_id for hit in all_near.hits} == {page.pk for page in lozere.values()}
    pages = {page.pk: page for page in maisons.filter(pk__in=[h.maison_id for h in all_near.hits])}
    expected = [
        hit.maison_id
        for hit in all_near.hits
        if pages[hit.maison_id].status_at(monday_ten).is_open
    ]
    assert [hit.maison_id for hit in open_monday.hits] == expected
    closed_on_monday = {
        lozere[GEVAUDAN].pk,
        lozere["France Services du Mont Lozère d’essai"].pk,
    }
    assert set(expected) == {page.pk for page in lozere.values()} - closed_on_monday
    # Nothing open: say so, rather than sending the visitor beyond the radius.
    assert at_night.hits == [] and not at_night.beyond_radius


def test_open_now_with_nothing_open_offers_to_drop_the_filter(client, lozere):
    # arrange
    sunday_night = datetime(2026, 11, 29, 3, 0, tzinfo=PARIS)
    # act
    with mock.patch("directory.maisons.finder.timezone.now", return_value=sunday_night):
        _, soup = search(client, q="Mende", open_now="true")
    # assert
    assert not soup.select("li.maison-result")
    link = soup.find("a", string="Show them all, open or closed") or soup.find(
        "a", href=lambda href: href and "open_now" not in href and "q=" in href
    )
    assert link is not None and "open_now" not in link["href"]


def test_a_bus_is_at_its_nearest_stop_with_its_next_passage(client, lozere):
    # arrange: the bus's stop at Badaroux
    bus = lozere[BUS]
    stop = bus.stops.get(commune_name="Badaroux")
    # act
    _, soup = search(client, lat=str(stop.latitude), lon=str(stop.longitude), radius="5")
    # assert
    card = soup.find(id=f"maison-result-{bus.pk}")
    assert card is not None
    assert card.strong.get_text().startswith("0")
    assert "Parking de la Mairie d’essai" in card.get_text()
    assert "Next passage" in card.get_text() or "Prochain passage" in card.get_text()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"lat": "abc", "lon": "3"}, "maison-search-errors"),
        ({"lat": "43.7"}, "maison-search-errors"),
        ({"lat": "95", "lon": "3"}, "maison-search-errors"),
        ({"commune": "<script>"}, "maison-search-errors"),
        ({"q": "Mende", "radius": "-5"}, "maison-search-radius-error"),
        ({"q": "Mende", "partner": "unknown-partner"}, "maison-search-partner-error"),
        ({"q": "a" * 300}, "maison-search-q-error"),
        ({"q": "Mende", "itinerant": "sometimes"}, "maison-search-itinerant-error"),
        ({"q": "Mende", "services": "sauna"}, "maison-search-services-error"),
    ],
)
def test_bad_parameters_give_a_form_error_not_a_500(client, lozere, params, field):
    # arrange / act
    _response, soup = search(client, **params)
    # assert
    assert soup.find(id=field) is not None
    assert not soup.select("li.maison-result")
    assert soup.title.get_text().startswith(("Erreur", "Error"))


def test_query_count_does_not_grow_with_the_results(client, lozere):
    # arrange: 20 km: the Gévaudan (closure, local partner) and the bus (stops), every kind
    # of row, and Marvejols's (Randon's is 20.02 km away); 50 km: the ten maisons
    build_communes("29235")
    maison(
        "France Services de l’Élorn d’essai",
        "Le Relecq-Kerhuon",
        "29235",
        "29480",
        48.40318,
        -4.40144,
    )
    counts = []
    for radius, found in (("20", 3), ("50", 10)):
        bump_content_version()  # no result card in the cache, as after a publish
        search(client, q="Le Relecq-Kerhuon", radius="50")  # the site-wide lists read again
        # act
        with CaptureQueriesContext(connection) as queries:
            _, soup = search(client, q="Mende", radius=radius)
        # assert
        assert len(result_ids(soup)) == found
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with CaptureQueriesContext(connection) as again:
        search(client, q="Mende", radius="50", partner=NATIONAL_PARTNER)
    assert len(again) < counts[1]  # the cards come from the shared cache


def test_the_map_data_lists_the_cards(client, lozere):
    """Loaded apart from the page: the page's cost does not grow with its results."""
    # arrange / act
    _, soup = search(client, q="Mende", radius="50")
    # assert
    data = map_data(client, soup)
    assert [item["id"] for item in data["maisons"]] == result_ids(soup)
    assert len(result_ids(soup)) == 10
    assert data["origin"]["label"] == "Mende (48)"
    assert soup.find(id="maison-map").has_attr("hidden")  # shown by the script only


def test_the_map_shows_every_result_numbered_as_in_the_list(client, lozere, monkeypatch):
    # arrange: four results a page, ten in all
    monkeypatch.setattr("directory.maisons.finder.RESULTS_PER_PAGE", 4)
    # act
    _, first = search(client, q="Mende", radius="50")
    _, second = search(client, q="Mende", radius="50", page="2")
    # assert: the whole result set on the map of any page, numbered 1 to 10
    data = map_data(client, second)
    assert data == map_data(client, first)
    assert (
        second.find(id="maison-map")["data-map-url"]
        == (first.find(id="maison-map")["data-map-url"])
    )
    assert [item["number"] for item in data["maisons"]] == list(range(1, 11))
    numbers = {item["id"]: item["number"] for item in data["maisons"]}
    # the list's numbering continues across pages, like the markers'
    shown = [int(item["data-number"]) for item in second.select("li.maison-result")]
    assert shown == [5, 6, 7, 8]
    assert [numbers[pk] for pk in result_ids(second)] == shown
    assert second.select_one("ol.maison-results")["start"] == "5"
    assert second.select_one("li.maison-result .maison-result__number").get_text() == "5."
    # each point holds what a marker and its popup show, and no more
    gevaudan = data["maisons"][0]
    assert gevaudan["name"] == GEVAUDAN and gevaudan["number"] == 1
    assert gevaudan["url"] == first.select_one("li.maison-result h3 a")["href"]
    assert set(gevaudan) == {
        "id",
        "number",
        "name",
        "url",
        "lat",
        "lon",
        "distance_km",
        "state",
        "status",
    }
    assert gevaudan["state"] in {"open", "closed", "unknown"}


def test_embed_page_can_be_framed_and_opens_maisons_in_a_new_window(client, lozere):
    # arrange / act
    response = client.get("/maisons/embed/", {"q": "48000"})
    # assert
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.select_one("li.maison-result h3 a")
    assert link.get_text(strip=True) == GEVAUDAN
    assert link["target"] == "_blank"
    assert soup.find(id="maison-search")["action"] == "/maisons/embed/"
    assert client.get("/maisons/").get("X-Frame-Options") == "DENY"


def test_home_page_form_searches_the_directory(client):
    # arrange / act: the skeleton's French home page
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    # assert
    form = soup.find(id="maison-search")
    assert form["action"] == "/maisons/"
    assert form.find(id="maison-search-q")["data-autocomplete-url"] == "/api/v1/communes/"


def test_the_map_data_of_a_bad_search_is_a_400_not_a_500(client, lozere):
    # act
    response = client.get("/maisons/carte/", {"lat": "91", "lon": "3.5"})
    # assert
    assert response.status_code == 400
    assert response.json() == {"error": "invalid search"}


def test_the_map_data_of_no_search_is_empty(client, lozere):
    # act
    response = client.get("/maisons/carte/")
    # assert
    assert response.status_code == 200
    assert response.json() == {"origin": None, "radius_km": None, "maisons": []}
