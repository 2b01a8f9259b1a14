"""The search page: languages, odd queries, typos, word forms, synonyms, places and
partners named.

Each test builds the pages, partners, synonyms, communes and maisons it searches with the
factories of ``tests/factories.py``, with words the demo does not use ("lamanage",
"passavant", "Quillevent"…); communes and maisons go in the Lozère (48), where the demo
has none."""

import pytest
from bs4 import BeautifulSoup

from directory.models import Department
from home.models import HomePage
from tests.factories import (
    CommuneFactory,
    CommunePostcodeFactory,
    GuidePageFactory,
    MaisonPageFactory,
    PartnerFactory,
    SearchSynonymFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


def test_search_finds_pages_of_the_current_language(client):
    # arrange
    french = StandardPageFactory(title="Le réseau des quartzites", slug="reseau-des-quartzites")
    english = StandardPageFactory(
        parent=HomePage.objects.get(locale__language_code="en"),
        title="The quartzite network",
        slug="quartzite-network",
    )

    # act
    found_in_french = client.get("/recherche/", {"q": "quartzites"}).content.decode()
    found_in_english = client.get("/en/recherche/", {"q": "quartzite"}).content.decode()

    # assert
    assert french.url == "/reseau-des-quartzites/" and english.url == "/en/quartzite-network/"
    assert 'href="/reseau-des-quartzites/"' in found_in_french
    assert 'href="/en/quartzite-network/"' in found_in_english
    assert 'href="/reseau-des-quartzites/"' not in found_in_english


@pytest.mark.parametrize(
    "query",
    ["", "x" * 1000, "!!!???", '"carte grise', "' OR 1=1 --", "title:(a AND", "%00"],
)
def test_odd_queries_give_a_normal_page(client, query):
    # arrange
    GuidePageFactory(title="Obtenir la carte grise d’une gabare", slug="carte-grise-gabare")

    # act
    response = client.get("/recherche/", {"q": query, "page": "abc"})

    # assert
    assert response.status_code == 200


# Words of nine letters, none the demo uses: "quorbabane", "quorbacane"…
CONSONANTS = "bcdfglmnprstv"
INVENTED_WORDS = [f"quor{a}a{b}ane" for a in CONSONANTS for b in CONSONANTS][:120]


def test_a_thousand_characters_of_words_the_site_uses_give_results(client):
    # arrange: each word another term of the rank's polynomial and of the backend query
    for number in range(12):
        words = INVENTED_WORDS[number * 10 : number * 10 + 10]
        StandardPageFactory(title=" ".join(words), slug=f"quor-{number}")
    query = " ".join(INVENTED_WORDS)[:1000]

    # act
    response = client.get("/recherche/", {"q": query})

    # assert
    assert len(query.split()) == 91
    assert response.status_code == 200
    assert b'class="search-result__link"' in response.content


def test_plain_terms_drop_backend_syntax():
    from portal.search_terms import plain_terms

    # act, assert
    assert plain_terms('"carte grise') == "carte grise"
    assert plain_terms("title:(a AND b*)") == "title a AND b"
    assert plain_terms("l'APL, carte-grise") == "l APL carte grise"


def result_titles(client, query: str, path: str = "/recherche/") -> list[str]:
    html = BeautifulSoup(client.get(path, {"q": query}).content, "html.parser")
    return [a.get_text(strip=True) for a in html.select("a.search-result__link")]


def small_corpus() -> None:
    """Guides with words the demo does not use, and synonyms of the kinds the site keeps
    (an acronym, a former name)."""
    GuidePageFactory(
        title="Demander son brevet de lamanage",
        summary="Quand et comment faire la demande du brevet de lamanage.",
    )
    for title in (
        "Renouveler son passavant",
        "Obtenir la vignette fluviale",
        "Rejoindre l’ordre des baliseurs",
        "S’inscrire à la Régie Quillevent",
        "Demander la carte quillevine solidaire",
        "Déclarer ses palots",
        "Remplacer le livret d’éclusier",
    ):
        GuidePageFactory(title=title)
    SearchSynonymFactory(expressions="QBL\nordre des baliseurs")
    SearchSynonymFactory(expressions="Bureau Morvandel\nRégie Quillevent")
    SearchSynonymFactory(expressions="CQS\ncarte quillevine solidaire")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lammanage", "Demander son brevet de lamanage"),
        ("pasavant", "Renouveler son passavant"),
        ("vignettes fluviales", "Obtenir la vignette fluviale"),
        ("l'QBL", "Rejoindre l’ordre des baliseurs"),  # an acronym, elided
        ("Bureau Morvandel", "S’inscrire à la Régie Quillevent"),  # a former name
        ("CQS", "Demander la carte quillevine solidaire"),
        ("palts", "Déclarer ses palots"),  # "palt", the stem, is short; "palts" is not
        ("comment refaire mon passavant", "Renouveler son passavant"),  # "refaire": no page
        ("j'ai perdu mon livret d'éclusier", "Remplacer le livret d’éclusier"),
        ("quand faire ma demande de lamanage", "Demander son brevet de lamanage"),
    ],
)
def test_typos_word_forms_accents_and_synonyms_find_the_guide(client, query, expected):
    # arrange
    small_corpus()

    # act
    titles = result_titles(client, query)

    # assert
    assert expected in titles[:5], titles


def test_a_misspelt_query_suggests_the_corrected_words(client):
    # arrange
    GuidePageFactory(title="Demander son brevet de lamanage")

    # act
    html = BeautifulSoup(client.get("/recherche/", {"q": "lammanage"}).content, "html.parser")
    exact = BeautifulSoup(client.get("/recherche/", {"q": "lamanage"}).content, "html.parser")

    # assert
    link = html.select_one(".search-suggestion a")
    assert link.get_text() == "lamanage" and link["href"] == "?q=lamanage"
    assert not exact.select(".search-suggestion")


def test_case_and_accents_do_not_matter(client):
    # arrange
    GuidePageFactory(title="Éclusage nocturne réglementé")

    # act
    accented = result_titles(client, "Éclusage réglementé")
    plain = result_titles(client, "eclusage REGLEMENTE")

    # assert
    assert accented == ["Éclusage nocturne réglementé"]
    assert plain == accented


def place_section(client, query: str):
    html = BeautifulSoup(client.get("/recherche/", {"q": query}).content, "html.parser")
    return html.select_one("section[aria-labelledby=search-place-heading]")


def lozere_commune(name: str, insee: str, postcode: str, latitude: float, longitude: float):
    commune = CommuneFactory(
        name=name,
        insee=insee,
        department=Department.objects.get(code="48"),
        latitude=latitude,
        longitude=longitude,
    )
    CommunePostcodeFactory(commune=commune, postcode=postcode)
    return commune


# Maisons of the Lozère: (commune, INSEE, postcode, latitude, longitude); their distance
# from Marvejols in the comment.
LOZERE = [
    ("Marvejols", "48092", "48100", 44.5536, 3.2914),  # 0
    ("Mende", "48095", "48000", 44.5181, 3.5006),  # 17
    ("Saint-Chély-d’Apcher", "48140", "48200", 44.8017, 3.2750),  # 28
    ("Florac", "48061", "48400", 44.3244, 3.5933),  # 34
]


def lozere_maisons() -> list:
    return [
        MaisonPageFactory(
            title=f"France Services de {commune}",
            source_id=f"test-48-{insee}",
            commune_name=commune,
            insee_commune=insee,
            postcode=postcode,
            department=Department.objects.get(code="48"),
            latitude=latitude,
            longitude=longitude,
        )
        for commune, insee, postcode, latitude, longitude in LOZERE
    ]


@pytest.mark.parametrize("query", ["Marvejols", "marvejols", "48100"])
def test_a_place_shows_the_nearest_france_services_on_top(client, query):
    # arrange
    lozere_commune("Marvejols", "48092", "48100", 44.5536, 3.2914)
    marvejols, mende, saint_chely, _florac = lozere_maisons()

    # act
    section = place_section(client, query)

    # assert
    assert "Marvejols" in section.find("h2").get_text()
    links = [a["href"] for a in section.select("ol a")]
    assert links == [marvejols.url, mende.url, saint_chely.url]
    assert section.select_one("a.fr-link")["href"].startswith("/maisons/?q=")


def test_namesakes_offer_a_choice_and_other_words_no_place(client):
    # arrange
    lozere_commune("Saint-Quillevent", "48950", "48150", 44.40, 3.40)
    CommuneFactory(
        name="Saint-Quillevent",
        insee="29950",
        department=Department.objects.get(code="29"),
        latitude=48.20,
        longitude=-4.10,
    )
    GuidePageFactory(title="Obtenir la vignette fluviale")

    # act
    choices = place_section(client, "saint quillevent").select("ul a")

    # assert
    assert len(choices) == 2 and all("commune=" in a["href"] for a in choices)
    assert {a["href"].rpartition("commune=")[2] for a in choices} == {"48950", "29950"}
    assert place_section(client, "vignette fluviale") is None
    assert place_section(client, "") is None


def test_only_a_whole_commune_name_is_a_place(client):
    from directory.territories.geocoding import CommuneTableGeocoder

    # arrange
    lozere_commune("Marvejols", "48092", "48100", 44.5536, 3.2914)

    # act, assert
    assert CommuneTableGeocoder().locate("marvej")  # the directory search takes a prefix
    assert place_section(client, "marvej") is None  # a prefix is not a place


def result_links(client, query: str) -> list[str]:
    html = BeautifulSoup(client.get("/recherche/", {"q": query}).content, "html.parser")
    return [a["href"] for a in html.select("a.search-result__link")]


@pytest.mark.parametrize(
    ("query", "rank"),
    [
        ("Régie Quillevent", 0),  # named: first
        ("bureau morvandel", 1),  # named by a former name: after the first page
        ("RQV", 1),  # named by an acronym
    ],
)
def test_a_partner_named_comes_first_and_one_a_synonym_names_second(client, query, rank):
    # arrange
    partner = PartnerFactory(name="Régie Quillevent", slug="regie-quillevent")
    GuidePageFactory(title="S’inscrire à la Régie Quillevent")
    GuidePageFactory(title="Payer la Régie Quillevent en ligne")
    SearchSynonymFactory(expressions="Bureau Morvandel\nRégie Quillevent")
    SearchSynonymFactory(expressions="RQV\nRégie Quillevent")

    # act
    links = result_links(client, query)

    # assert
    assert links.index(f"/partenaires/{partner.slug}/") == rank, links


def test_a_word_of_a_partner_name_does_not_put_it_before_the_pages(client):
    from search.selectors import PARTNERS_AFTER

    # arrange: a word of the partner's name, no synonym
    partner = PartnerFactory(name="Office des baliseurs fluviaux", slug="office-baliseurs")
    for number in range(PARTNERS_AFTER + 1):
        GuidePageFactory(title=f"Baliseurs, démarche {number}", slug=f"baliseurs-{number}")

    # act
    links = result_links(client, "baliseurs")

    # assert
    assert links[0].startswith("/demarches/baliseurs-")
    assert links.index(f"/partenaires/{partner.slug}/") == PARTNERS_AFTER
