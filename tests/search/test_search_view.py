import pytest

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


def test_plain_terms_drop_backend_syntax():
    from search.selectors import plain_terms

    assert plain_terms('"carte grise') == "carte grise"
    assert plain_terms("title:(a AND b*)") == "title a AND b"
    assert plain_terms("l'APL, carte-grise") == "l APL carte grise"
