"""The guide listing /demarches/: filters (theme, partner, audience, words) and facets.

Each test builds the guides, themes, partners and audiences it reads with the factories of
``tests/factories.py`` and states the values it asserts: the session's skeleton has the
guide index, and no guide."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.guides.listing import GUIDES_PER_PAGE, filter_guides
from directory.models import GuideIndexPage
from tests.factories import (
    GuideAudienceFactory,
    GuidePageFactory,
    GuideThemeFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


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


def guide(title: str, **fields):
    return GuidePageFactory(title=title, **fields)


def with_audiences(page, *audiences):
    page.audiences.set(audiences)
    page.save()
    return page


@pytest.fixture
def taxonomy():
    """Two themes, a theme without guides, three local partners and two audiences."""
    return {
        "foyers": GuideThemeFactory(name="Foyers d’essai", slug="foyers-essai"),
        "voyages": GuideThemeFactory(name="Voyages d’essai", slug="voyages-essai"),
        "vide": GuideThemeFactory(name="Thème vide d’essai", slug="theme-vide-essai"),
        "caisse": PartnerFactory(name="Caisse d’essai", slug="caisse-essai"),
        "mutuelle": PartnerFactory(name="Mutuelle d’essai", slug="mutuelle-essai"),
        "agence": PartnerFactory(name="Agence d’essai", slug="agence-essai"),
        "familles": GuideAudienceFactory(name="Familles d’essai", slug="familles-essai"),
        "entreprises": GuideAudienceFactory(name="Entreprises d’essai", slug="entreprises-essai"),
    }


def test_a_theme_lists_its_guides_only(taxonomy, client):
    # arrange: two guides of the theme "foyers-essai", one of another theme
    guide("Allocation d’essai", themes=[taxonomy["foyers"]])
    guide("Bourse d’essai", themes=[taxonomy["foyers"], taxonomy["voyages"]])
    guide("Visa d’essai", themes=[taxonomy["voyages"]])
    # act
    response, html = listing(client, theme="foyers-essai")
    # assert
    assert response.status_code == 200
    assert card_titles(html) == ["Allocation d’essai", "Bourse d’essai"]  # by title
    assert html.select_one("#guide-results").get_text(strip=True) == "2 fiches"


def test_facet_counts_keep_the_other_filters(taxonomy, client):
    # arrange: in the theme "foyers-essai", the Caisse has two guides, the Mutuelle one;
    # the Agence has a guide of the other theme only
    foyers, voyages = taxonomy["foyers"], taxonomy["voyages"]
    caisse, mutuelle = taxonomy["caisse"], taxonomy["mutuelle"]
    guide("Allocation d’essai", themes=[foyers], partners=[caisse])
    guide("Bourse d’essai", themes=[foyers, voyages], partners=[caisse, mutuelle])
    guide("Visa d’essai", themes=[voyages], partners=[taxonomy["agence"]])
    # act
    _, html = listing(client, theme="foyers-essai")
    # assert: each partner option says its count within the theme; others are left out
    assert options(html, "partner") == {
        "caisse-essai": "Caisse d’essai (2 fiches)",
        "mutuelle-essai": "Mutuelle d’essai (1 fiche)",
    }
    # the theme options count guides whatever the theme chosen; a theme without guides
    # is not offered
    theme_options = options(html, "theme")
    assert theme_options["foyers-essai"] == "Foyers d’essai (2 fiches)"
    assert theme_options["voyages-essai"] == "Voyages d’essai (2 fiches)"
    assert "theme-vide-essai" not in theme_options


def test_filters_combine(taxonomy, client):
    # arrange: only one guide has the theme, the partner and the audience asked for
    foyers, voyages = taxonomy["foyers"], taxonomy["voyages"]
    caisse, mutuelle = taxonomy["caisse"], taxonomy["mutuelle"]
    familles, entreprises = taxonomy["familles"], taxonomy["entreprises"]
    with_audiences(guide("Allocation d’essai", themes=[foyers], partners=[caisse]), familles)
    with_audiences(guide("Bourse d’essai", themes=[foyers], partners=[caisse]), entreprises)
    with_audiences(guide("Crédit d’essai", themes=[foyers], partners=[mutuelle]), familles)
    with_audiences(guide("Visa d’essai", themes=[voyages], partners=[caisse]), familles)
    # act
    _, html = listing(
        client, theme="foyers-essai", partner="caisse-essai", audience="familles-essai"
    )
    # assert
    assert card_titles(html) == ["Allocation d’essai"]


def test_words_find_a_guide_best_first(taxonomy, client):
    # arrange: the words in one guide's title, in another's summary only
    guide(
        "Assurer son tricycle d’essai",
        summary="Avant de circuler, demander la vignette vélocipède du tricycle.",
    )
    guide("Vignette vélocipède d’essai", summary="Ce qu’il faut savoir pour la demander.")
    guide("Visa d’essai", summary="Partir à l’étranger.")
    # act
    _, html = listing(client, q="vignette vélocipède")
    # assert
    assert card_titles(html) == ["Vignette vélocipède d’essai", "Assurer son tricycle d’essai"]


def test_nothing_found_says_so_with_a_way_back(taxonomy, client):
    # arrange
    guide("Allocation d’essai", themes=[taxonomy["foyers"]])
    # act
    response, html = listing(client, q="zzyzx introuvable")
    # assert
    assert response.status_code == 200
    assert not card_titles(html)
    assert html.select_one("#guide-results").get_text(strip=True) == "0 fiche"
    assert html.find("a", string="Voir toutes les fiches")["href"] == "/demarches/"


def test_an_unknown_filter_value_is_a_400_with_a_message_and_keeps_the_others(taxonomy, client):
    # arrange: two guides of the Caisse, one of the Mutuelle
    guide("Allocation d’essai", partners=[taxonomy["caisse"]])
    guide("Bourse d’essai", partners=[taxonomy["caisse"], taxonomy["mutuelle"]])
    guide("Crédit d’essai", partners=[taxonomy["mutuelle"]])
    # act
    response, html = listing(client, theme="no-such-theme", partner="caisse-essai")
    # assert
    assert response.status_code == 400
    assert html.select_one("#guide-theme-error")
    assert card_titles(html) == ["Allocation d’essai", "Bourse d’essai"]


def test_an_over_long_query_is_a_400(client):
    # arrange / act
    response, html = listing(client, q="x" * 300)
    # assert
    assert response.status_code == 400
    assert html.select_one("#guide-words-error")


def test_the_form_works_without_javascript(taxonomy, client):
    # arrange: a guide with a theme, a partner and an audience, so each filter has a choice
    with_audiences(
        guide("Allocation d’essai", themes=[taxonomy["foyers"]], partners=[taxonomy["caisse"]]),
        taxonomy["familles"],
    )
    # act
    _, html = listing(client)
    # assert
    form = html.select_one("form[aria-labelledby=guide-filters-title]")
    assert form["method"] == "get" and form["action"] == "/demarches/"
    for name in ("q", "theme", "partner", "audience"):
        control = form.select_one(f"[name={name}]")
        assert form.select_one(f"label[for={control['id']}]"), name
    assert form.select_one("button[type=submit]")


def test_the_query_count_does_not_grow_with_the_guides(taxonomy, rf):
    # arrange: one guide of the theme with the words, then ten more
    index = GuideIndexPage.objects.get(locale__language_code="fr", slug="demarches")
    params = {"theme": "foyers-essai", "q": "allocation vélocipède"}
    fields = {
        "themes": [taxonomy["foyers"]],
        "partners": [taxonomy["caisse"]],
        "summary": "Demander l’allocation vélocipède de la Caisse d’essai.",
    }

    def count_queries() -> tuple[int, int]:
        request = rf.get("/demarches/", params)
        filter_guides(request.GET, index=index)  # the taxonomy names, then cached
        with CaptureQueriesContext(connection) as queries:
            found = filter_guides(request.GET, index=index, request=request)
        return len(queries), found.total

    guide("Allocation vélocipède d’essai 0", **fields)
    before, listed_before = count_queries()
    for number in range(1, 11):
        guide(f"Allocation vélocipède d’essai {number}", **fields)
    # act
    after, listed_after = count_queries()
    # assert
    assert (listed_before, listed_after) == (1, 11)
    assert after == before


def test_a_long_listing_is_paginated_keeping_the_filters(taxonomy, client):
    # arrange: thirty guides of the theme, one of another theme
    for number in range(30):
        guide(f"Allocation d’essai {number:02d}", themes=[taxonomy["foyers"]])
    guide("Visa d’essai", themes=[taxonomy["voyages"]])
    # act
    _, first = listing(client, theme="foyers-essai")
    next_link = first.select_one(".fr-pagination a[href*='page=2']")["href"]
    second = soup(client.get(f"/demarches/{next_link}"))
    # assert
    assert GUIDES_PER_PAGE == 24
    assert card_titles(first) == [f"Allocation d’essai {number:02d}" for number in range(24)]
    assert "theme=foyers-essai" in next_link
    assert card_titles(second) == [f"Allocation d’essai {number:02d}" for number in range(24, 30)]
