"""The results page: kinds, facets, excerpts, pagination and what shows without results."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import GuideFeedback, GuidePage
from search.analysis import terms
from search.selectors import Segments
from search.snippets import excerpt, highlight

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def search(client, path="/recherche/", **params) -> BeautifulSoup:
    return soup(client.get(path, params))


def hits(html) -> list[tuple[str, str, str]]:
    """(title, address, kind) of each result, in order."""
    return [
        (
            item.select_one("a.search-result__link").get_text(strip=True),
            item.select_one("a.search-result__link")["href"],
            item.select_one(".fr-badge").get_text(strip=True),
        )
        for item in html.select("ol.search-results > li")
    ]


def kind_links(html) -> dict[str, tuple[int, str]]:
    """{label: (count, address)} of the "type of result" facet."""
    links = {}
    for link in html.select(".search-facets a"):
        label, _, count = link.get_text(strip=True).rpartition(" (")
        links[label] = (int(count.rstrip(")")), link["href"])
    return links


def total(html) -> int:
    return int(html.select_one("#results-heading").get_text().split()[0])


def test_a_partner_the_query_names_comes_first_with_its_page(demo_site, client):
    found = hits(search(client, q="caf"))
    assert found[0][1] == "/partenaires/caf/"
    assert found[0][2] == "Partenaires"
    assert any(kind == "Fiches démarches" for _, _, kind in found[1:])


def test_each_kind_counts_its_results_and_its_link_shows_only_them(demo_site, client):
    html = search(client, q="caf")
    links = kind_links(html)
    everything = links.pop("Tous")
    assert everything[0] == total(html) == sum(count for count, _ in links.values())
    assert len(links) >= 3
    for label, (count, address) in links.items():
        narrowed = soup(client.get(f"/recherche/{address}"))
        assert total(narrowed) == count
        assert {kind for _, _, kind in hits(narrowed)} == {label}
        assert narrowed.select_one(".search-facets a[aria-current]").get_text().startswith(label)


def test_the_theme_facet_counts_guides_and_narrows_to_them(demo_site, client):
    html = search(client, q="carte", type="demarches")
    options = {
        option["value"]: int(option.get_text().rpartition("(")[2].rstrip(")"))
        for option in html.select("#facet-theme option")
        if option["value"]
    }
    assert options, "the guides' themes are offered"
    theme, count = next(iter(options.items()))
    narrowed = search(client, q="carte", type="demarches", theme=theme)
    assert total(narrowed) == count
    guides = GuidePage.objects.filter(themes__slug=theme, locale__language_code="fr")
    addresses = {guide.url for guide in guides}
    assert {address for _, address, _ in hits(narrowed)} <= addresses
    assert narrowed.select_one(f"#facet-theme option[value={theme}]").has_attr("selected")


def test_excerpts_mark_the_words_searched_in_any_form(demo_site, client):
    html = search(client, q="allocation familiale")
    marked = {mark.get_text().casefold() for mark in html.select(".search-result__excerpt mark")}
    assert marked & {"familiales", "allocations"}, marked


def test_highlight_escapes_text_and_marks_accentless_forms():
    marked = highlight("<b>Sécurité</b> sociale & CAF", frozenset(terms("securite")))
    assert marked == "&lt;b&gt;<mark>Sécurité</mark>&lt;/b&gt; sociale &amp; CAF"


def test_excerpt_starts_at_the_first_sentence_using_a_word_and_is_cut():
    text = "<p>Premier point sans rapport. Ensuite la retraite de base. " + "Suite. " * 80 + "</p>"
    shown = excerpt(text, frozenset(terms("retraites")), length=60)
    assert shown.startswith("… Ensuite la <mark>retraite</mark>")
    assert len(shown.replace("<mark>", "").replace("</mark>", "")) <= 62


def test_results_are_in_the_current_language_only(demo_site, client):
    english = hits(search(client, "/en/recherche/", q="France Services"))
    assert english
    assert all(address.startswith("/en/") for _, address, _ in english)


def test_results_are_paginated_without_repeats_and_the_pages_keep_the_filters(demo_site, client):
    source = GuidePage.objects.get(slug="prime-activite", locale__language_code="fr")
    for number in range(12):
        copy = source.copy(update_attrs={"slug": f"copie-{number}", "title": f"Copie {number}"})
        copy.save_revision().publish()
    first = search(client, q="prime activité", type="demarches")
    count = total(first)
    assert count > 10 and len(hits(first)) == 10
    next_link = first.select_one(".fr-pagination a[href*='page=2']")["href"]
    assert "type=demarches" in next_link
    second = soup(client.get(f"/recherche/{next_link}"))
    assert len(hits(first)) + len(hits(second)) == count
    assert not {hit[1] for hit in hits(first)} & {hit[1] for hit in hits(second)}


def test_nothing_found_offers_the_guides_most_answered_lately(demo_site, client):
    guide = GuidePage.objects.live().filter(locale__language_code="fr").order_by("-pk").first()
    GuideFeedback.objects.bulk_create(
        GuideFeedback(guide=guide, useful=True, language="fr") for _ in range(3)
    )
    html = search(client, q="xyzzyq")
    assert total(html) == 0
    popular = [link["href"] for link in html.select("#popular-heading ~ ul a")]
    assert popular[0] == guide.url
    assert len(popular) == 6


@pytest.mark.parametrize(
    "params",
    [
        {"q": "caf", "type": "zzz"},
        {"q": "caf", "theme": "../../etc"},
        {"q": "caf", "department": "99999"},
        {"q": "caf", "department": "2A", "type": "pages"},
        {"q": "caf", "page": "-1"},
        {"q": "caf", "type": ["demarches", "pages"]},
    ],
)
def test_odd_facet_values_give_a_normal_page(demo_site, client, params):
    assert client.get("/recherche/", params).status_code == 200


@pytest.mark.parametrize("cache_seconds", [0, 300], ids=["cache off", "cache on"])
def test_the_query_count_does_not_grow_with_the_results(
    demo_site, client, settings, cache_seconds
):
    settings.SEARCH_RESULTS_CACHE_SECONDS = cache_seconds

    def count_queries() -> int:
        client.get("/recherche/", {"q": "prime activité", "type": "demarches"})  # warm caches
        with CaptureQueriesContext(connection) as queries:
            client.get("/recherche/", {"q": "prime activité", "type": "demarches"})
        return len(queries)

    before = count_queries()
    source = GuidePage.objects.get(slug="prime-activite", locale__language_code="fr")
    for number in range(10):
        copy = source.copy(update_attrs={"slug": f"copie-{number}", "title": f"Copie {number}"})
        copy.save_revision().publish()
    assert count_queries() == before


class CountingResults(list):
    """A list that counts its slicings, like lazy backend results count their queries."""

    fetches = 0

    def __getitem__(self, key):
        CountingResults.fetches += 1
        return super().__getitem__(key)

    def count(self) -> int:
        return len(self)


def test_segments_slice_across_their_parts_fetching_each_source_once():
    pages = CountingResults(f"page{number}" for number in range(10))
    named, others = ["named"], ["other1", "other2"]
    sequence = Segments((named, 0, None), (pages, 0, 4), (others, 0, None), (pages, 4, None))
    expected = ["named", *pages[:4], "other1", "other2", *pages[4:]]
    assert sequence.count() == len(expected) == 13
    for start, stop in [(0, 5), (3, 9), (5, 13), (12, 20), (0, 13)]:
        CountingResults.fetches = 0
        assert sequence[start:stop] == expected[start:stop]
        assert CountingResults.fetches <= 1
