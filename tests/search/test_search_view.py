import pytest
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def test_search_finds_pages_of_the_current_language(demo_site, client):
    french = client.get("/recherche/", {"q": "réseau"}).content.decode()
    english = client.get("/en/recherche/", {"q": "network"}).content.decode()
    assert 'href="/le-reseau/"' in french
    assert 'href="/en/network/"' in english
    assert 'href="/le-reseau/"' not in english


@pytest.mark.parametrize(
    "query",
    ["", "x" * 1000, "!!!???", '"carte grise', "' OR 1=1 --", "title:(a AND", "%00"],
)
def test_odd_queries_give_a_normal_page(demo_site, client, query):
    response = client.get("/recherche/", {"q": query, "page": "abc"})
    assert response.status_code == 200


def test_a_thousand_characters_of_words_the_site_uses_give_results(demo_site, client):
    # Each word another term of the rank's polynomial and of the backend query.
    titles = " ".join(Page.objects.live().values_list("title", flat=True))
    distinct = list(dict.fromkeys(word for word in titles.split() if len(word) > 3))
    query = " ".join(distinct)[:1000]
    assert len(query.split()) > 60
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    assert b'class="search-result__link"' in response.content


def test_plain_terms_drop_backend_syntax():
    from portal.search_terms import plain_terms

    assert plain_terms('"carte grise') == "carte grise"
    assert plain_terms("title:(a AND b*)") == "title a AND b"
    assert plain_terms("l'APL, carte-grise") == "l APL carte grise"


def result_titles(client, query: str, path: str = "/recherche/") -> list[str]:
    from bs4 import BeautifulSoup

    html = BeautifulSoup(client.get(path, {"q": query}).content, "html.parser")
    return [a.get_text(strip=True) for a in html.select("a.search-result__link")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("retraitte", "Demander sa retraite"),
        ("pasport", "passeport"),
        ("cartes grises", "carte grise"),
        ("l'APL", "aide au logement"),
        ("Pôle emploi", "France Travail"),
        ("CMU", "Complémentaire santé solidaire"),
        ("imots", "DGFiP"),  # "imot", the stem, is short; "imots", the word typed, is not
        ("comment refaire ma carte vitale", "carte Vitale"),  # "refaire": not on the site
        ("j'ai perdu ma carte d'identité", "carte d’identité"),
        ("quand faire ma demande de retraite", "Demander sa retraite"),
    ],
)
def test_typos_word_forms_accents_and_synonyms_find_the_guide(demo_site, client, query, expected):
    titles = result_titles(client, query)
    assert any(expected.casefold() in title.casefold() for title in titles[:5]), titles


def test_a_misspelt_query_suggests_the_corrected_words(demo_site, client):
    from bs4 import BeautifulSoup

    html = BeautifulSoup(client.get("/recherche/", {"q": "retraitte"}).content, "html.parser")
    link = html.select_one(".search-suggestion a")
    assert link.get_text() == "retraite" and link["href"] == "?q=retraite"
    exact = BeautifulSoup(client.get("/recherche/", {"q": "retraite"}).content, "html.parser")
    assert not exact.select(".search-suggestion")


def test_case_and_accents_do_not_matter(demo_site, client):
    accented = result_titles(client, "Sécurité sociale")
    assert accented
    assert result_titles(client, "securite SOCIALE") == accented


def place_section(client, query: str):
    from bs4 import BeautifulSoup

    html = BeautifulSoup(client.get("/recherche/", {"q": query}).content, "html.parser")
    return html.select_one("section[aria-labelledby=search-place-heading]")


@pytest.mark.parametrize("query", ["Lodève", "lodeve", "34700"])
def test_a_place_shows_the_nearest_france_services_on_top(demo_site, client, query):
    from directory.models import MaisonPage

    section = place_section(client, query)
    assert "Lodève" in section.find("h2").get_text()
    links = [a["href"] for a in section.select("ol a")]
    assert len(links) == 3
    assert MaisonPage.objects.get(source_id="demo-34-02").url in links
    assert section.select_one("a.fr-link")["href"].startswith("/maisons/?q=")


def test_namesakes_offer_a_choice_and_other_words_no_place(demo_site, client):
    choices = place_section(client, "saint gervais").select("ul a")
    assert len(choices) >= 2 and all("commune=" in a["href"] for a in choices)
    assert place_section(client, "carte grise") is None
    assert place_section(client, "") is None


def test_only_a_whole_commune_name_is_a_place(demo_site, client):
    from directory.territories.geocoding import CommuneTableGeocoder

    assert CommuneTableGeocoder().locate("lodev")  # the directory search takes a prefix
    assert place_section(client, "lodev") is None  # "carte" is not "Cartelègue" either


def result_links(client, query: str) -> list[str]:
    from bs4 import BeautifulSoup

    html = BeautifulSoup(client.get("/recherche/", {"q": query}).content, "html.parser")
    return [a["href"] for a in html.select("a.search-result__link")]


@pytest.mark.parametrize(
    ("query", "partner", "rank"),
    [
        ("France Travail", "france-travail", 0),  # named: first
        ("pole emploi", "france-travail", 1),  # named by a synonym: after the first page
        ("sécu", "assurance-maladie", 1),
    ],
)
def test_a_partner_named_comes_first_and_one_a_synonym_names_second(
    demo_site, client, query, partner, rank
):
    links = result_links(client, query)
    assert links.index(f"/partenaires/{partner}/") == rank, links


def test_a_word_of_a_partner_name_does_not_put_it_before_the_pages(demo_site, client):
    from search.selectors import PARTNERS_AFTER

    links = result_links(client, "maladie")  # a word of "Assurance Maladie", no synonym
    assert links[0].startswith("/demarches/")
    assert links.index("/partenaires/assurance-maladie/") == PARTNERS_AFTER
