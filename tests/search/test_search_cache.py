"""The results cache: a search asked again reads no index, and any change to what the
public sees shows in the next search.

Each test builds the guides, pages, partners and maisons it searches with the factories
of ``tests/factories.py``, with words the demo does not use ("gabare", "quillevine",
"Quillevent"); maisons go in the Lozère (48) and the Finistère (29)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from directory.models import Department, GuidePage
from home.models import HomePage
from portal.content_version import bump_content_version
from tests.factories import (
    GuidePageFactory,
    GuideThemeFactory,
    MaisonPageFactory,
    PartnerFactory,
    SearchSynonymFactory,
    StandardPageFactory,
)
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


def test_a_search_asked_again_reads_no_index_and_answers_the_same(client):
    # arrange
    guide = GuidePageFactory(title="Immatriculer sa gabare fluviale")

    # act
    first, first_read_index = searched_with_queries(client, q="gabare fluviale")
    again, again_read_index = searched_with_queries(client, q="Gabare-Fluviale !")

    # assert
    assert first_read_index and not again_read_index
    assert answer(again) == answer(first)
    assert hits(first) == [(guide.title, guide.url, "Fiches démarches")]


def test_with_the_cache_off_every_search_reads_the_index(client, settings):
    # arrange
    settings.SEARCH_RESULTS_CACHE_SECONDS = 0
    guide = GuidePageFactory(title="Immatriculer sa gabare fluviale")

    # act
    first, first_read_index = searched_with_queries(client, q="gabare fluviale")
    again, again_read_index = searched_with_queries(client, q="gabare fluviale")

    # assert
    assert first_read_index and again_read_index
    assert answer(again) == answer(first)
    assert hits(first) == [(guide.title, guide.url, "Fiches démarches")]


def prime_quillevine(slug: str) -> GuidePage:
    return GuidePageFactory(slug=slug, title=f"Prime quillevine ({slug})")


def test_a_page_published_then_unpublished_shows_in_the_next_search(client):
    # arrange
    prime_quillevine("prime-quillevine")
    before = total(search(client, q="prime quillevine"))

    # act
    copy = prime_quillevine("copie")
    bump_content_version()  # built, not published through Wagtail: no signal bumps it
    published = search(client, q="prime quillevine")
    copy.unpublish()
    unpublished = search(client, q="prime quillevine")

    # assert
    assert before == 1
    assert total(published) == 2
    assert copy.url in [address for _, address, _ in hits(published)]
    assert total(unpublished) == 1


def test_a_page_made_private_leaves_the_next_search(client):
    # arrange: a page stays public, so that "quillevine" stays a word the site uses
    guide = prime_quillevine("prime-quillevine")
    other = StandardPageFactory(title="Quillevine, le pays", slug="quillevine-le-pays")
    shown = hits(search(client, q="quillevine"))

    # act
    PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    found = hits(search(client, q="quillevine"))

    # assert
    assert sorted(address for _, address, _ in shown) == sorted([guide.url, other.url])
    assert found == [(other.title, other.url, "Autres pages")]


def test_each_language_and_filter_has_its_own_answer(client):
    # arrange
    guide = GuidePageFactory(title="S’inscrire à la Régie Quillevent")
    page = StandardPageFactory(title="Quillevent, le pays")
    english_page = StandardPageFactory(
        parent=HomePage.objects.get(locale__language_code="en"),
        title="Quillevent, the country",
        slug="quillevent-country",
    )

    # act
    french = hits(search(client, q="Quillevent"))
    english = hits(search(client, "/en/recherche/", q="Quillevent"))
    guides = hits(search(client, q="Quillevent", type="demarches"))

    # assert
    assert sorted(french) == sorted(
        [(guide.title, guide.url, "Fiches démarches"), (page.title, page.url, "Autres pages")]
    )
    assert english == [(english_page.title, "/en/quillevent-country/", "Other pages")]
    assert guides == [(guide.title, guide.url, "Fiches démarches")]


def test_results_past_the_cached_first_pages_come_from_the_index(client, settings):
    # arrange: 35 guides, more than the 30 the cache keeps
    for number in range(35):
        prime_quillevine(f"copie-{number}")

    def four_pages() -> list:
        return [
            answer(search(client, q="prime quillevine", type="demarches", page=number))
            for number in (1, 2, 3, 4)
        ]

    # act
    cached = four_pages()
    again = four_pages()  # the first three from the cache
    settings.SEARCH_RESULTS_CACHE_SECONDS = 0
    uncached = four_pages()

    # assert
    assert again == cached
    assert cached[0][2] == 35
    addresses = [address for page_hits, _, _ in cached for _, address, _ in page_hits]
    assert sorted(addresses) == sorted(f"/demarches/copie-{n}/" for n in range(35))
    assert uncached == cached


def quillevent_corpus() -> None:
    """A partner, guides of two themes and maisons of two departments, all "Quillevent",
    and a synonym naming the partner."""
    PartnerFactory(name="Régie Quillevent", slug="regie-quillevent")
    SearchSynonymFactory(expressions="RQV\nRégie Quillevent")
    boats = GuideThemeFactory(name="Bateaux", slug="bateaux-quillevent")
    ports = GuideThemeFactory(name="Ports", slug="ports-quillevent")
    GuidePageFactory(title="Aide à la gabare de Quillevent", themes=[boats])
    GuidePageFactory(title="Aide au port de Quillevent", themes=[ports])
    GuidePageFactory(title="S’inscrire à la Régie Quillevent", themes=[boats, ports])
    for code, latitude, longitude in (("48", 44.5, 3.4), ("29", 48.2, -4.1)):
        MaisonPageFactory(
            title=f"France Services de Quillevent ({code})",
            department=Department.objects.get(code=code),
            latitude=latitude,
            longitude=longitude,
        )


@pytest.mark.parametrize(
    "params",
    [
        {"q": "quillevent", "type": "organismes"},
        {"q": "quillevent", "type": "demarches"},
        {"q": "aide quillevent", "type": "demarches"},  # the theme facet
        {"q": "aide quillevent", "theme": "bateaux-quillevent"},
        {"q": "quillevent", "type": "france-services"},  # the department facet
        {"q": "quillevent", "department": "48"},
        {"q": "RQV"},  # a synonym
    ],
)
def test_a_filtered_search_from_the_cache_answers_as_without_it(client, settings, params):
    # arrange
    quillevent_corpus()

    # act
    first, first_read_index = searched_with_queries(client, **params)
    again, again_read_index = searched_with_queries(client, **params)
    settings.SEARCH_RESULTS_CACHE_SECONDS = 0
    uncached = search(client, **params)

    # assert
    assert first_read_index and not again_read_index
    assert hits(first) and answer(again) == answer(first)
    if params.get("type") in ("demarches", "france-services"):
        assert facet_options(first)  # themes of the guides, departments of the maisons
    assert facet_options(again) == facet_options(first)
    assert answer(uncached) == answer(first)
