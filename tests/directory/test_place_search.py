"""Places as visitors type them: misspelt commune names ("Marseile", "Sant-Etienne"), Paris,
Lyon and Marseille as whole cities and by arrondissement, in the commune table, the
autocomplete (``/api/v1/communes/``) and the results page without JavaScript (``/maisons/``).

Each test imports the rows it reads from the 2024 commune file (``../shared/data``, with
``communes_from_file``: real names, kinds, postcodes, points and populations), with whole
departments as the namesakes and near names a search must not be fooled by, and builds the
maisons a page search shows with ``MaisonPageFactory`` at points of the official list.
"""

from pathlib import Path
from urllib.parse import parse_qs

import pytest
from bs4 import BeautifulSoup

from directory.models import Department
from directory.territories.geocoding import CommuneTableGeocoder
from tests.factories import MaisonPageFactory, communes_from_file

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
COMMUNES = DATA / "communes" / "communes-2024.csv"

# The Bouches-du-Rhône (Marseille and its 16 arrondissements), the Loire (Saint-Étienne among
# 300 communes, many of them "Saint-…"), Montpellier and near names: Marseillan (three),
# Marseillette, Montélier, Saint-Étienne-du-Rouvray, Lille, Lillebonne and two Lisle.
TYPO_COMMUNES = (
    "13*",
    "42*",
    "34150",
    "32238",
    "65301",
    "11220",
    "34172",
    "26197",
    "76575",
    "59350",
    "76384",
    "24243",
    "41116",
)
# The arrondissements: (INSEE code, city, number, postcode).
ARRONDISSEMENTS = [
    *[(f"751{n:02d}", "Paris", n, f"750{n:02d}") for n in range(1, 21)],
    *[(f"6938{n}", "Lyon", n, f"6900{n}") for n in range(1, 10)],
    *[(f"132{n:02d}", "Marseille", n, f"130{n:02d}") for n in range(1, 17)],
]
CITIES = {"Paris": ("75056", 48.8567, 2.3519), "Lyon": ("69123", 45.7597, 4.8422)}
CITIES["Marseille"] = ("13055", 43.2964, 5.37)
# Maisons of the official list in each city: (title, arrondissement INSEE, postcode, point).
CITY_MAISONS = {
    "Marseille": [
        ("Marseille - Noailles", "13201", "13001", 43.3012931, 5.376212),
        ("Marseille 9e - Les Hauts de Mazargues", "13209", "13009", 43.244627, 5.40311),
        ("Marseille 11e - Huveaune", "13211", "13011", 43.287235, 5.455742),
        ("Marseille 15e - La Savine", "13215", "13015", 43.3680334, 5.3696265),
        ("Marseille 16e - La Castellane", "13216", "13016", 43.3670752, 5.3402609),
    ],
    "Paris": [
        ("Mairie Mobile de Paris", "75104", "75004", 48.856463, 2.353744),
        ("Paris 14e - Plaisance", "75114", "75014", 48.8295272, 2.3083197),
        ("Paris 15e - Sud", "75115", "75015", 48.83183, 2.295756),
        ("Paris 18e - Nord-Est", "75118", "75018", 48.88612, 2.362548),
        ("Paris 20e - Est", "75120", "75020", 48.86229, 2.399418),
    ],
    "Lyon": [
        ("Lyon 8e - Etats-Unis", "69388", "69008", 45.730309, 4.865149),
        ("Lyon 9e - Vaise", "69389", "69009", 45.77267, 4.805198),
    ],
}


def typo_communes() -> None:
    communes_from_file(COMMUNES, *TYPO_COMMUNES, reference=True)


def cities() -> None:
    """The three cities, their arrondissements and their departments' other communes."""
    communes_from_file(COMMUNES, "75*", "69*", "13*", reference=True)


def results_page(client, **params) -> BeautifulSoup:
    response = client.get("/maisons/", params)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


# Typos -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "insee", "name"),
    [
        ("Marseile", "13055", "Marseille"),
        ("Sant-Etienne", "42218", "Saint-Étienne"),
        ("Montpelier", "34172", "Montpellier"),
        ("St Etiene", "42218", "Saint-Étienne"),
        ("saint etiene", "42218", "Saint-Étienne"),
        ("Marsielle", "13055", "Marseille"),  # two letters swapped
    ],
)
def test_a_misspelt_name_suggests_the_commune_first(query, insee, name):
    # arrange
    typo_communes()
    # act
    suggested = CommuneTableGeocoder().suggest(query)
    similar = CommuneTableGeocoder().similar(query)
    # assert: the most populous of the nearest names
    assert (suggested[0][0].insee, suggested[0][0].name) == (insee, name)
    assert similar[0].insee == insee
    assert len(similar) <= 5


def test_exact_names_then_names_starting_alike_come_before_typos():
    # arrange: Lille (236,710 inhabitants), Lillebonne (8,729), the Lisle (823 and 190)
    typo_communes()
    # act
    suggested = CommuneTableGeocoder().suggest("Lille")
    # assert
    assert [commune.name for commune, _postcodes in suggested] == [
        "Lille",
        "Lillebonne",
        "Lisle",
        "Lisle",
    ]
    assert [commune.insee for commune, _postcodes in suggested[2:]] == ["24243", "41116"]


def test_the_autocomplete_endpoint_suggests_the_commune_of_a_misspelt_name(client):
    # arrange
    typo_communes()
    # act
    response = client.get("/api/v1/communes/", {"q": "Montpelier"})
    # assert
    assert response.status_code == 200
    first = response.json()["results"][0]
    assert (first["insee"], first["name"], first["label"]) == (
        "34172",
        "Montpellier",
        "Montpellier (34)",
    )
    assert first["postcodes"] == ["34000", "34070", "34080", "34090"]


def test_the_results_page_asks_did_you_mean_with_links_that_search_there(client):
    # arrange
    typo_communes()
    noailles = MaisonPageFactory(
        title="France services Marseille - Noailles",
        department=Department.objects.get(code="13"),
        insee_commune="13201",
        postcode="13001",
        commune_name="Marseille 1er",
        latitude=43.3012931,
        longitude=5.376212,
    )
    # act
    html = results_page(client, q="Marseile")
    nothing_near = results_page(client, q="Xyzzyq")
    # assert: the first near name, and its link searching around it (filters kept)
    alert = html.select_one(".fr-alert--warning")
    assert "Aucune commune ni aucun code postal ne correspond à « Marseile »" in alert.text
    assert "Vouliez-vous dire :" in alert.text
    link = alert.select_one("li a")
    assert link.get_text(strip=True) == "Marseille (13) — Bouches-du-Rhône"
    assert parse_qs(link["href"].lstrip("?")) == {
        "q": ["Marseille (13)"],
        "commune": ["13055"],
    }
    followed = results_page(client, **{k: v[0] for k, v in parse_qs(link["href"][1:]).items()})
    ids = [int(item["data-maison-id"]) for item in followed.select("li.maison-result")]
    assert ids == [noailles.pk]
    # a name near no commune asks nothing
    alert = nothing_near.select_one(".fr-alert--warning")
    assert "Vouliez-vous dire" not in alert.text
    assert "Vérifiez l’orthographe" in alert.text


@pytest.mark.parametrize(
    "query",
    ["a" * 200, "é" * 200, "Marseile " * 22, "x", "''--", "Sant-Etienne 42000", "Marseile 99999"],
)
def test_odd_queries_never_fail_and_a_postcode_binds_the_near_names(client, query):
    # arrange
    typo_communes()
    # act
    html = results_page(client, q=query[:200])
    similar = CommuneTableGeocoder().similar(query)
    # assert: "Sant-Etienne 42000" is Saint-Étienne; 99999 serves no commune
    assert html.find("main") is not None
    assert [place.insee for place in similar] == (
        ["42218"] if query == "Sant-Etienne 42000" else []
    )


# Paris, Lyon and Marseille ----------------------------------------------------------------


@pytest.mark.parametrize(("insee", "city", "number", "postcode"), ARRONDISSEMENTS)
def test_every_arrondissement_is_found_by_its_number_and_its_postcode(
    insee, city, number, postcode
):
    # arrange
    cities()
    geocoder = CommuneTableGeocoder()
    ordinal = "1er" if number == 1 else f"{number}e"
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    roman += [f"X{numeral}" for numeral in roman[:9]] + ["XX"]
    typed = [
        f"{city} {ordinal} Arrondissement",  # the official name
        f"{city} {ordinal}",
        f"{city} {number}",
        f"{city.upper()} {number}ème",
        f"{ordinal} arrondissement de {city}",
        f"{city} {roman[number - 1]}e",
    ]
    # act: the whole query must name it (as the site search's place block asks)
    found = {query: geocoder.locate(query, by_prefix=False) for query in typed}
    by_postcode = geocoder.locate(postcode)
    # assert
    for query, places in found.items():
        assert [place.insee for place in places] == [insee], query
    assert [(place.insee, place.postcode) for place in by_postcode] == [(insee, postcode)]


@pytest.mark.parametrize("city", ["Paris", "Lyon", "Marseille"])
def test_a_city_is_one_place_at_its_centre_before_its_arrondissements(city):
    # arrange
    cities()
    insee, latitude, longitude = CITIES[city]
    geocoder = CommuneTableGeocoder()
    # act
    places = geocoder.locate(city)
    suggested = geocoder.suggest(city, limit=20)
    # assert
    assert [(place.insee, place.latitude, place.longitude) for place in places] == [
        (insee, latitude, longitude)
    ]
    assert suggested[0][0].insee == insee
    assert {commune.kind for commune, _postcodes in suggested[1:]} == {"ARM"}
    assert {commune.parent_insee for commune, _postcodes in suggested[1:]} == {insee}


@pytest.mark.parametrize("city", ["Paris", "Lyon", "Marseille"])
def test_a_whole_city_search_finds_the_maisons_of_every_arrondissement(client, city):
    # arrange
    cities()
    built = {
        MaisonPageFactory(
            title=f"France services {title}",
            department=Department.objects.get(code=arrondissement[:2]),
            insee_commune=arrondissement,
            postcode=postcode,
            commune_name=city,
            latitude=latitude,
            longitude=longitude,
        ).pk
        for title, arrondissement, postcode, latitude, longitude in CITY_MAISONS[city]
    }
    # act
    html = results_page(client, q=city)
    # assert: around the city's centre, at the default 20 km
    heading = html.find("h2", id="maison-results-heading").get_text(" ", strip=True)
    department = CITIES[city][0][:2]
    assert f"{len(built)} France Services à moins de 20 km de {city} ({department})" in heading
    ids = {int(item["data-maison-id"]) for item in html.select("li.maison-result")}
    assert ids == built
