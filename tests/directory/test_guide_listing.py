"""The guide listing /demarches/: filters (theme, partner, audience, words) and facets."""

from collections import Counter

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.guides.listing import filter_guides
from directory.models import GuideIndexPage, GuidePage

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def french_guides():
    return GuidePage.objects.live().filter(locale__language_code="fr")


def listing(client, **params):
    response = client.get("/demarches/", params)
    return response, soup(response)


def card_titles(html) -> list[str]:
    return [a.get_text(strip=True) for a in html.select("h3.fr-card__title a")]


def options(html, name: str) -> dict[str, str]:
    return {
        option["value"]: option.get_text(strip=True)
        for option in html.select(f"select[name={name}] option")
        if option["value"]
    }


def test_a_theme_lists_its_guides_only(demo_site, client):
    expected = sorted(
        french_guides().filter(themes__slug="famille").values_list("title", flat=True)
    )
    response, html = listing(client, theme="famille")
    assert response.status_code == 200
    assert sorted(card_titles(html)) == expected
    assert html.select_one("#guide-results").get_text(strip=True).startswith(f"{len(expected)} ")


def test_facet_counts_keep_the_other_filters(demo_site, client):
    # arrange: how many guides of the theme "famille" each partner has
    in_theme = french_guides().filter(themes__slug="famille")
    expected = Counter(slug for slug in in_theme.values_list("partners__slug", flat=True) if slug)
    # act
    _, html = listing(client, theme="famille")
    # assert: each partner option says its count within the theme; others are left out
    partner_options = options(html, "partner")
    assert set(partner_options) == set(expected)
    for slug, count in expected.items():
        assert f"({count} fiche" in partner_options[slug], slug
    # the theme options count guides whatever the theme chosen
    all_themes = Counter(french_guides().values_list("themes__slug", flat=True))
    theme_options = options(html, "theme")
    assert f"({all_themes['famille']} fiche" in theme_options["famille"]
    assert set(theme_options) == {slug for slug in all_themes if slug}


def test_filters_combine(demo_site, client):
    expected = french_guides().filter(themes__slug="famille", partners__slug="caf").distinct()
    _, html = listing(client, theme="famille", partner="caf", audience="particulier")
    assert sorted(card_titles(html)) == sorted(
        expected.filter(audiences__slug="particulier").values_list("title", flat=True)
    )


def test_words_find_a_guide_best_first(demo_site, client):
    _, html = listing(client, q="carte grise")
    titles = card_titles(html)
    assert titles and titles[0] == GuidePage.objects.get(slug="carte-grise").title


def test_nothing_found_says_so_with_a_way_back(demo_site, client):
    response, html = listing(client, q="zzyzx introuvable")
    assert response.status_code == 200
    assert not card_titles(html)
    assert html.find("a", string="Voir toutes les fiches")["href"] == "/demarches/"


def test_an_unknown_filter_value_is_a_400_with_a_message_and_keeps_the_others(demo_site, client):
    response, html = listing(client, theme="no-such-theme", partner="caf")
    assert response.status_code == 400
    assert html.select_one("#guide-theme-error")
    expected = french_guides().filter(partners__slug="caf").distinct().count()
    assert len(card_titles(html)) == expected


def test_an_over_long_query_is_a_400(demo_site, client):
    response, html = listing(client, q="x" * 300)
    assert response.status_code == 400
    assert html.select_one("#guide-words-error")


def test_the_form_works_without_javascript(demo_site, client):
    _, html = listing(client)
    form = html.select_one("form[aria-labelledby=guide-filters-title]")
    assert form["method"] == "get" and form["action"] == "/demarches/"
    for name in ("q", "theme", "partner", "audience"):
        control = form.select_one(f"[name={name}]")
        assert form.select_one(f"label[for={control['id']}]"), name
    assert form.select_one("button[type=submit]")


def test_the_query_count_does_not_grow_with_the_guides(demo_site, rf):
    index = GuideIndexPage.objects.get(locale__language_code="fr")
    params = {"theme": "famille", "q": "allocations"}

    def count_queries() -> int:
        request = rf.get("/demarches/", params)
        filter_guides(request.GET, index=index)  # the taxonomy names, then cached
        with CaptureQueriesContext(connection) as queries:
            filter_guides(request.GET, index=index, request=request)
        return len(queries)

    before = count_queries()
    source = GuidePage.objects.get(slug="prime-activite")
    for number in range(10):
        copy = source.copy(update_attrs={"slug": f"copie-{number}", "title": f"Copie {number}"})
        copy.save_revision().publish()
    assert count_queries() == before


def test_a_long_listing_is_paginated_keeping_the_filters(demo_site, client):
    source = GuidePage.objects.get(slug="prime-activite")
    for number in range(30):
        copy = source.copy(update_attrs={"slug": f"copie-{number}", "title": f"Copie {number}"})
        copy.save_revision().publish()
    expected = french_guides().filter(themes__slug="famille").count()
    _, first = listing(client, theme="famille")
    assert len(card_titles(first)) == 24
    next_link = first.select_one(".fr-pagination a[href*='page=2']")["href"]
    assert "theme=famille" in next_link
    second = soup(client.get(f"/demarches/{next_link}"))
    assert len(card_titles(second)) == expected - 24
    assert not set(card_titles(first)) & set(card_titles(second))
