"""The results cache: a search asked again reads no index, and any change to what the
public sees shows in the next search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from directory.models import GuidePage
from tests.search.test_search_results import hits, kind_links, search, total

pytestmark = pytest.mark.django_db


def searched_with_queries(client, **params):
    with CaptureQueriesContext(connection) as queries:
        html = search(client, **params)
    reads_index = any("wagtailsearch_indexentry" in query["sql"] for query in queries)
    return html, reads_index


def facet_options(html) -> list[str]:
    """The theme and department choices, with their counts."""
    return [option.get_text(" ", strip=True) for option in html.select("select option")]


def answer(html) -> tuple:
    counts = {label: count for label, (count, _address) in kind_links(html).items()}
    return hits(html), counts, total(html)


def test_a_search_asked_again_reads_no_index_and_answers_the_same(demo_site, client):
    first, first_read_index = searched_with_queries(client, q="carte grise")
    again, again_read_index = searched_with_queries(client, q="Carte-Grise !")
    assert first_read_index and not again_read_index
    assert answer(again) == answer(first)
    assert hits(first)


def test_with_the_cache_off_every_search_reads_the_index(demo_site, client, settings):
    settings.SEARCH_RESULTS_CACHE_SECONDS = 0
    first, first_read_index = searched_with_queries(client, q="carte grise")
    again, again_read_index = searched_with_queries(client, q="carte grise")
    assert first_read_index and again_read_index
    assert answer(again) == answer(first)


def copy_of_prime_activite(slug: str) -> GuidePage:
    source = GuidePage.objects.get(slug="prime-activite", locale__language_code="fr")
    copy = source.copy(update_attrs={"slug": slug, "title": f"Prime d'activité ({slug})"})
    copy.save_revision().publish()
    return copy


def test_a_page_published_then_unpublished_shows_in_the_next_search(demo_site, client):
    before = total(search(client, q="prime activité"))
    copy = copy_of_prime_activite("copie")
    published = search(client, q="prime activité")
    assert total(published) == before + 1
    assert copy.url in [address for _, address, _ in hits(published)]
    copy.unpublish()
    assert total(search(client, q="prime activité")) == before


def test_a_page_made_private_leaves_the_next_search(demo_site, client):
    guide = GuidePage.objects.get(slug="prime-activite", locale__language_code="fr")
    assert guide.url in [address for _, address, _ in hits(search(client, q="prime activité"))]
    PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    found = search(client, q="prime activité")
    assert guide.url not in [address for _, address, _ in hits(found)]


def test_each_language_and_filter_has_its_own_answer(demo_site, client):
    french = hits(search(client, q="France Services"))
    english = hits(search(client, "/en/recherche/", q="France Services"))
    guides = hits(search(client, q="France Services", type="demarches"))
    assert french and english
    assert all(address.startswith("/en/") for _, address, _ in english)
    assert not any(address.startswith("/en/") for _, address, _ in french)
    assert guides and {kind for _, _, kind in guides} == {"Fiches démarches"}
    assert guides != french[: len(guides)]


def test_results_past_the_cached_first_pages_come_from_the_index(demo_site, client, settings):
    for number in range(35):
        copy_of_prime_activite(f"copie-{number}")

    def four_pages() -> list:
        return [
            answer(search(client, q="prime activité", type="demarches", page=number))
            for number in (1, 2, 3, 4)
        ]

    cached = four_pages()
    assert cached == four_pages()  # the first three from the cache
    count = cached[0][2]
    assert count > 30  # the cached window holds the first 30
    addresses = [address for page_hits, _, _ in cached for _, address, _ in page_hits]
    assert len(addresses) == len(set(addresses)) == min(count, 40)
    settings.SEARCH_RESULTS_CACHE_SECONDS = 0
    assert four_pages() == cached


@pytest.mark.parametrize(
    "params",
    [
        {"q": "caf", "type": "organismes"},
        {"q": "caf", "type": "demarches"},
        {"q": "aide", "type": "demarches"},  # the theme facet
        {"q": "aide", "theme": "famille"},
        {"q": "France Services", "type": "france-services"},  # the department facet
        {"q": "France Services", "department": "34"},
        {"q": "sécu"},
    ],
)
def test_a_filtered_search_from_the_cache_answers_as_without_it(
    demo_site, client, settings, params
):
    first, first_read_index = searched_with_queries(client, **params)
    again, again_read_index = searched_with_queries(client, **params)
    assert first_read_index and not again_read_index
    assert hits(first) and answer(again) == answer(first)
    if params.get("type") in ("demarches", "france-services"):
        assert facet_options(first)  # themes of the guides, departments of the maisons
    assert facet_options(again) == facet_options(first)
    settings.SEARCH_RESULTS_CACHE_SECONDS = 0
    assert answer(search(client, **params)) == answer(first)
