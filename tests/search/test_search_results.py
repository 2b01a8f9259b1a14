"""The results page: kinds, facets, excerpts, pagination and what shows without results."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Department, GuideFeedback
from home.models import HomePage
from portal.content_version import bump_content_version
from search.analysis import terms
from search.selectors import Segments
from search.snippets import excerpt, highlight
from tests.factories import (
    GuidePageFactory,
    GuideThemeFactory,
    MaisonPageFactory,
    PartnerFactory,
    StandardPageFactory,
)

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


def test_a_partner_the_query_names_comes_first_with_its_page(client):
    # arrange
    partner = PartnerFactory(name="Régie Quillevent", slug="regie-quillevent")
    GuidePageFactory(title="S’inscrire à la Régie Quillevent", slug="inscription-quillevent")

    # act
    found = hits(search(client, q="régie quillevent"))

    # assert
    assert found == [
        ("Régie Quillevent", f"/partenaires/{partner.slug}/", "Partenaires"),
        (
            "S’inscrire à la Régie Quillevent",
            "/demarches/inscription-quillevent/",
            "Fiches démarches",
        ),
    ]


def test_each_kind_counts_its_results_and_its_link_shows_only_them(client):
    # arrange: one partner, two guides, one other page and one maison say "Quillevent"
    PartnerFactory(name="Régie Quillevent")
    GuidePageFactory(title="S’inscrire à la Régie Quillevent")
    GuidePageFactory(title="Payer la Régie Quillevent")
    StandardPageFactory(title="Quillevent, le pays")
    MaisonPageFactory(
        title="France Services de Quillevent",
        department=Department.objects.get(code="48"),
        latitude=44.5,
        longitude=3.4,
    )

    # act
    html = search(client, q="quillevent")

    # assert
    links = kind_links(html)
    everything = links.pop("Tous")
    assert {label: count for label, (count, _) in links.items()} == {
        "Fiches démarches": 2,
        "France Services": 1,
        "Partenaires": 1,
        "Autres pages": 1,
    }
    assert everything[0] == total(html) == 5
    for label, (count, address) in links.items():
        narrowed = soup(client.get(f"/recherche/{address}"))
        assert total(narrowed) == count
        assert {kind for _, _, kind in hits(narrowed)} == {label}
        assert narrowed.select_one(".search-facets a[aria-current]").get_text().startswith(label)


def test_the_theme_facet_counts_guides_and_narrows_to_them(client):
    # arrange: two guides of each theme, one guide of both, one of none
    boats, ports = (
        GuideThemeFactory(name="Bateaux d’essai"),
        GuideThemeFactory(name="Ports d’essai"),
    )
    first = GuidePageFactory(title="Immatriculer sa gabare", themes=[boats])
    second = GuidePageFactory(title="Assurer sa gabare", themes=[boats, ports])
    GuidePageFactory(title="Amarrer sa gabare", themes=[ports])
    GuidePageFactory(title="Vendre sa gabare")

    # act
    html = search(client, q="gabare", type="demarches")
    narrowed = search(client, q="gabare", type="demarches", theme=boats.slug)

    # assert
    options = {
        option["value"]: int(option.get_text().rpartition("(")[2].rstrip(")"))
        for option in html.select("#facet-theme option")
        if option["value"]
    }
    assert options == {boats.slug: 2, ports.slug: 2}
    assert total(narrowed) == 2
    assert {address for _, address, _ in hits(narrowed)} == {first.url, second.url}
    assert narrowed.select_one(f"#facet-theme option[value={boats.slug}]").has_attr("selected")


def test_excerpts_mark_the_words_searched_in_any_form(client):
    # arrange
    GuidePageFactory(
        title="Naviguer en gabare",
        summary="Les gabares fluviales se déclarent avant la saison.",
    )

    # act
    html = search(client, q="gabare fluviale")

    # assert
    marked = {mark.get_text() for mark in html.select(".search-result__excerpt mark")}
    assert marked == {"gabares", "fluviales"}, marked


def test_highlight_escapes_text_and_marks_accentless_forms():
    marked = highlight("<b>Sécurité</b> sociale & CAF", frozenset(terms("securite")))
    assert marked == "&lt;b&gt;<mark>Sécurité</mark>&lt;/b&gt; sociale &amp; CAF"


def test_excerpt_starts_at_the_first_sentence_using_a_word_and_is_cut():
    text = "<p>Premier point sans rapport. Ensuite la retraite de base. " + "Suite. " * 80 + "</p>"
    shown = excerpt(text, frozenset(terms("retraites")), length=60)
    assert shown.startswith("… Ensuite la <mark>retraite</mark>")
    assert len(shown.replace("<mark>", "").replace("</mark>", "")) <= 62


def test_results_are_in_the_current_language_only(client):
    # arrange
    StandardPageFactory(title="Le pays de Quillevent", slug="pays-de-quillevent")
    english = StandardPageFactory(
        parent=HomePage.objects.get(locale__language_code="en"),
        title="The Quillevent country",
        slug="quillevent-country",
    )

    # act
    found = hits(search(client, "/en/recherche/", q="Quillevent"))

    # assert
    assert found == [("The Quillevent country", english.url, "Other pages")]
    assert english.url == "/en/quillevent-country/"


def test_results_are_paginated_without_repeats_and_the_pages_keep_the_filters(client):
    # arrange: twelve guides and a page that say "quillevine"
    for number in range(12):
        GuidePageFactory(title=f"Prime quillevine {number}", slug=f"prime-quillevine-{number}")
    StandardPageFactory(title="La prime quillevine expliquée")

    # act
    first = search(client, q="prime quillevine", type="demarches")
    next_link = first.select_one(".fr-pagination a[href*='page=2']")["href"]
    second = soup(client.get(f"/recherche/{next_link}"))

    # assert
    assert total(first) == 12 and len(hits(first)) == 10 and len(hits(second)) == 2
    assert "type=demarches" in next_link
    addresses = [hit[1] for hit in hits(first) + hits(second)]
    assert sorted(addresses) == sorted(f"/demarches/prime-quillevine-{n}/" for n in range(12))


# Tuesday 17 November 2026, 10:00 in Paris: the "lately" of the guides most answered.
TUESDAY_MORNING = datetime(2026, 11, 17, 10, tzinfo=ZoneInfo("Europe/Paris"))


def test_nothing_found_offers_the_guides_most_answered_lately(client):
    with time_machine.travel(TUESDAY_MORNING, tick=False):
        # arrange: six guides answered 7, 6 … 2 times today
        guides = [GuidePageFactory(title=f"Démarche quillevine {n}") for n in range(6)]
        for answers, guide in zip(range(7, 1, -1), guides, strict=True):
            GuideFeedback.objects.bulk_create(
                GuideFeedback(guide=guide, useful=True, language="fr") for _ in range(answers)
            )

        # act
        html = search(client, q="xyzzyq")

    # assert
    assert total(html) == 0
    popular = [link["href"] for link in html.select("#popular-heading ~ ul a")]
    assert popular == [guide.url for guide in guides]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "gabare", "type": "zzz"},
        {"q": "gabare", "theme": "../../etc"},
        {"q": "gabare", "department": "99999"},
        {"q": "gabare", "department": "2A", "type": "pages"},
        {"q": "gabare", "page": "-1"},
        {"q": "gabare", "type": ["demarches", "pages"]},
    ],
)
def test_odd_facet_values_give_a_normal_page(client, params):
    # arrange: results of each kind, a guide with a theme, a maison with a department
    GuidePageFactory(title="Immatriculer sa gabare", themes=[GuideThemeFactory()])
    StandardPageFactory(title="La gabare, un patrimoine")
    PartnerFactory(name="Régie des gabares")
    MaisonPageFactory(
        title="France Services de la gabare",
        department=Department.objects.get(code="48"),
        latitude=44.5,
        longitude=3.4,
    )

    # act
    response = client.get("/recherche/", params)

    # assert
    assert response.status_code == 200


@pytest.mark.parametrize("cache_seconds", [0, 300], ids=["cache off", "cache on"])
def test_the_query_count_does_not_grow_with_the_results(client, settings, cache_seconds):
    settings.SEARCH_RESULTS_CACHE_SECONDS = cache_seconds

    def count_queries() -> int:
        client.get("/recherche/", {"q": "prime quillevine", "type": "demarches"})  # warm caches
        with CaptureQueriesContext(connection) as queries:
            client.get("/recherche/", {"q": "prime quillevine", "type": "demarches"})
        return len(queries)

    # arrange
    GuidePageFactory(title="Prime quillevine", slug="prime-quillevine")
    before = count_queries()
    for number in range(10):
        GuidePageFactory(title=f"Prime quillevine {number}", slug=f"prime-quillevine-{number}")
    bump_content_version()  # built, not published through Wagtail: no signal bumps it

    # act
    after = count_queries()

    # assert
    assert after == before
    assert total(search(client, q="prime quillevine", type="demarches")) == 11


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
