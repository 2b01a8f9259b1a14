"""Queries whose words no page holds all of: pages holding part of them, ranked by how much
of the query they cover, said on the page; the demo's synonyms know today's acronyms.

Pages are built with the factories, with words the demo does not use ("passavant",
"quillevine"…); the synonyms are the demo's file, the one tested."""

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.demo.builders import search as demo_synonyms
from search.synonyms import rewrites
from tests.factories import GuidePageFactory

pytestmark = pytest.mark.django_db

SYNONYMS_FILE = Path(__file__).resolve().parents[2] / "portal/demo/content/search/synonyms.yaml"


def page(client, query: str) -> BeautifulSoup:
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(html: BeautifulSoup) -> list[str]:
    return [link.get_text(strip=True) for link in html.select("a.search-result__link")]


def missing_by_title(html: BeautifulSoup) -> dict[str, str]:
    """{title: its "does not contain" note} of the results that have one."""
    return {
        item.select_one("a.search-result__link").get_text(strip=True): note.get_text(strip=True)
        for item in html.select("ol.search-results > li")
        if (note := item.select_one(".search-result__missing"))
    }


def renewals() -> None:
    """ "Renouveler" is a word of the site, on pages that are not about a passavant."""
    for title in (
        "Renouveler sa vignette fluviale",
        "Renouveler son livret d’éclusier",
        "Renouveler la carte quillevine",
    ):
        GuidePageFactory(title=title)


@pytest.mark.parametrize("cache_seconds", [0, 300], ids=["cache off", "cache on"])
def test_a_word_no_page_holds_with_the_subject_finds_the_subject_first(
    client, settings, cache_seconds
):
    # arrange
    settings.SEARCH_RESULTS_CACHE_SECONDS = cache_seconds
    renewals()
    GuidePageFactory(title="Faire une pré-demande de passavant")
    page(client, "renouveler passavant")  # with the cache on: the next answer is the cached one

    # act
    html = page(client, "renouveler passavant")

    # assert
    found = titles(html)
    assert found[0] == "Faire une pré-demande de passavant", found
    assert set(found) >= {"Renouveler sa vignette fluviale", "Renouveler la carte quillevine"}
    assert "passavant" in html.select_one(".search-partial").get_text()
    notes = missing_by_title(html)
    assert "renouveler" in notes["Faire une pré-demande de passavant"]
    assert "passavant" in notes["Renouveler sa vignette fluviale"]


def test_pages_covering_every_word_come_before_those_covering_part(client):
    # arrange
    renewals()
    GuidePageFactory(title="Faire une pré-demande de passavant")
    GuidePageFactory(
        title="Naviguer sur les canaux",
        summary="Quand et comment renouveler son passavant avant la saison.",
    )

    # act
    html = page(client, "renouveler passavant")

    # assert
    found = titles(html)
    assert found[:2] == ["Naviguer sur les canaux", "Faire une pré-demande de passavant"], found
    assert "Naviguer sur les canaux" not in missing_by_title(html)
    assert not html.select(".search-partial")  # the first result holds every word


def test_a_misspelt_partial_query_suggests_the_correction_and_finds_the_subject(client):
    # arrange
    renewals()
    GuidePageFactory(title="Faire une pré-demande de passavant")

    # act
    html = page(client, "renouveler pasavant")

    # assert
    assert html.select_one(".search-suggestion a").get_text() == "renouveler passavant"
    assert titles(html)[0] == "Faire une pré-demande de passavant"


def test_a_partial_search_reads_no_more_than_a_single_word_one(client, settings):
    settings.SEARCH_RESULTS_CACHE_SECONDS = 0

    def count_queries(query: str) -> int:
        page(client, query)  # warm the per-process and shared caches
        with CaptureQueriesContext(connection) as queries:
            page(client, query)
        return len(queries)

    # arrange
    renewals()
    GuidePageFactory(title="Faire une pré-demande de passavant")

    # act
    single_word, partial = count_queries("passavant"), count_queries("renouveler passavant")

    # assert
    assert partial == single_word


@pytest.fixture
def demo_synonyms_loaded():
    synonyms = yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8"))["synonyms"]
    demo_synonyms.build(synonyms, log=lambda _message: None)
    cache.clear()  # synonym groups are cached by content version


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("css", "Demander la Complémentaire santé solidaire"),
        ("C2S", "Demander la Complémentaire santé solidaire"),
        ("cmu-c", "Demander la Complémentaire santé solidaire"),
        ("france travail", "S’inscrire à France Travail"),
        ("pole emploi", "S’inscrire à France Travail"),
        ("ppa", "Demander la prime d’activité"),
        ("dur", "Faire sa demande unique de retraite"),
        ("aj", "Demander l’aide juridictionnelle"),
        ("hlm", "Faire une demande de logement social"),
    ],
)
def test_the_demo_synonyms_know_todays_acronyms(client, demo_synonyms_loaded, query, expected):
    # arrange
    for title in (
        "Demander la Complémentaire santé solidaire",
        "S’inscrire à France Travail",
        "Demander la prime d’activité",
        "Faire sa demande unique de retraite",
        "Demander l’aide juridictionnelle",
        "Faire une demande de logement social",
    ):
        GuidePageFactory(title=title, summary="Les étapes, les pièces et les délais.")

    # act
    found = titles(page(client, query))

    # assert
    assert found and found[0] == expected, found


def test_a_query_is_rewritten_from_the_longest_expression_of_a_group_it_holds():
    # arrange
    group = [("cmu",), ("cmu", "c"), ("css",)]

    # act
    found = rewrites(["cmu", "c"], [group])

    # assert
    assert found == [["cmu"], ["css"]]
