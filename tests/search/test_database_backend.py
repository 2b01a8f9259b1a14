"""The database backend of SQLite (``search.ranked_sqlite``) ranks, slices and counts as
Wagtail's upstream backend did, in one pass.

The ranking tests compare the two backends on a small site of river-trade pages they build
with the factories of ``tests/factories.py`` (``river_site``: guides, pages, news items and
maisons, with the synonyms editors could enter), in words the demo does not use
("gabare", "passavant", "éclusier", "baliseurs"…)."""

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import MATCH_ALL, And, Fuzzy, Not, Or, PlainText

from search.query import analyse
from tests.factories import (
    GuidePageFactory,
    MaisonPageFactory,
    NewsPageFactory,
    PartnerFactory,
    SearchSynonymFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db

on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="ranks SQLite's full-text index only"
)

# (title, summary) of the guides
GUIDES = [
    (
        "Immatriculer sa gabare fluviale",
        "La gabare fluviale s’immatricule avant sa première navigation sur le bief.",
    ),
    ("Assurer sa gabare fluviale", "Une gabare s’assure pour le halage et le remorquage."),
    ("Renouveler son passavant", "Le passavant d’une gabare se renouvelle à la capitainerie."),
    ("Présenter son passavant", "Le passavant se présente avec le livret d’éclusier."),
    (
        "Remplacer le livret d’éclusier",
        "Un livret d’éclusier perdu se remplace à la Régie Quillevent.",
    ),
    (
        "Rejoindre l’ordre des baliseurs",
        "Les baliseurs veillent sur le chenal, les bouées et l’étiage.",
    ),
    ("Déclarer ses palots", "Les palots se déclarent avant le carénage et l’hivernage."),
    (
        "Obtenir la vignette de lamanage",
        "La vignette vaut pour l’amarrage, le mouillage et le pilotage.",
    ),
    (
        "Payer le jaugeage de la péniche",
        "Le batelier paie le jaugeage et l’avitaillement de sa péniche.",
    ),
]
# (title, introduction) of the other pages
PAGES = [
    ("La gabare fluviale, un patrimoine", "Les baliseurs et les bateliers racontent la gabare."),
    ("Le livret d’éclusier en bref", "Ce que disent le livret d’éclusier et le passavant."),
    ("Les baliseurs du Quillevent", "L’ordre des baliseurs explique le passavant et la vignette."),
]
NEWS = ["La fête de la gabare fluviale", "Un nouveau passavant à la Régie Quillevent"]
# Maisons alike but for their number: once the index is rebuilt, the same score (a tie,
# ranked newest first).
MAISONS = 5


def river_site() -> None:
    for title, summary in GUIDES:
        GuidePageFactory(title=title, summary=summary)
    for title, intro in PAGES:
        StandardPageFactory(title=title, intro=intro)
    for title in NEWS:
        NewsPageFactory(title=title)
    for number in range(MAISONS):
        MaisonPageFactory(title=f"France Services de la gabare fluviale {number}")
    PartnerFactory(name="Régie Quillevent", short_name="RQV")
    SearchSynonymFactory(expressions="passavant\ncongé de navigation")
    SearchSynonymFactory(expressions="Régie Quillevent\nBureau Morvandel")
    SearchSynonymFactory(expressions="QBL\nordre des baliseurs")
    # The index as a rebuild leaves it (``update_index``): every title weighed against
    # the same average length, so that titles of the same length tie.
    call_command("update_index", verbosity=0)


def test_the_default_database_picks_its_backend():
    backend_class = type(get_search_backend()).__name__
    if connection.vendor == "sqlite":
        assert backend_class == "RankedSQLiteSearchBackend"
    else:
        assert backend_class == "PostgresSearchBackend"


def upstream_and_ranked():
    # On SQLite only: the full-text index model exists on no other database.
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    from search.ranked_sqlite import RankedSQLiteSearchBackend

    return SQLiteSearchBackend({}), RankedSQLiteSearchBackend({})


def ids(results) -> list[int]:
    return [page.pk for page in results]


@on_sqlite
@pytest.mark.parametrize("words", ["gabare fluviale", "livret éclusier", "passavant", "baliseurs"])
def test_ranks_as_upstream_did(words):
    # arrange
    river_site()
    upstream, ranked = upstream_and_ranked()
    pages = Page.objects.live()

    # act
    expected = ids(upstream.search(words, pages))

    # assert
    assert expected  # the river site has pages for each
    assert ids(ranked.search(words, pages)) == expected
    assert ids(ranked.search(words, pages)[2:5]) == expected[2:5]


@on_sqlite
@pytest.mark.parametrize(
    "typed",
    [
        "pasavant",
        "regie quillevent",
        "l'QBL",
        "comment refaire mon livret d'éclusier",
        # Long enough that the rank's polynomial, written in powers of bm25(), lost
        # the digits that order the results.
        "gabare fluviale passavant livret éclusier ordre des baliseurs palots vignette "
        "lamanage amarrage mouillage pilotage jaugeage péniche batelier avitaillement "
        "halage remorquage capitainerie chenal bouées étiage carénage hivernage Régie "
        "Quillevent bief navigation",
    ],
)
def test_ranks_the_site_searches_as_upstream_did(typed):
    # Typos, synonyms and sentences: Or and And nested, dozens of words.
    # arrange
    river_site()
    upstream, ranked = upstream_and_ranked()
    query = analyse(typed, language="fr").backend_query
    pages = Page.objects.live()

    # act
    expected = ids(upstream.search(query, pages))

    # assert
    assert len(expected) > 1
    assert ids(ranked.search(query, pages)) == expected


@on_sqlite
def test_the_rank_is_a_polynomial_of_one_plus_the_match_score():
    from search.ranked_sqlite import rank_polynomial

    # In u = 1 + b: a word is u - 1; And(x, y) is (1 + x)(1 + y) - 1; Or the mean.
    word = PlainText("carte")
    assert rank_polynomial(word) == [-1.0, 1.0]
    assert rank_polynomial(And([word, word])) == [-1.0, 0.0, 1.0]
    assert rank_polynomial(Or([word, And([word, word])])) == [-1.0, 0.5, 0.5]
    # A sentence of thirty words, each with its forms: one term, not thirty binomials.
    sentence = And([Or([word, PlainText("cartes")])] * 30)
    assert rank_polynomial(sentence) == [-1.0] + [0.0] * 29 + [1.0]
    with pytest.raises(NotImplementedError, match="Fuzzy"):
        rank_polynomial(Fuzzy("carte"))


@on_sqlite
def test_keeps_the_scope_and_the_scores():
    # arrange
    river_site()
    _, ranked = upstream_and_ranked()
    page = Page.objects.live().search("livret éclusier")[0]
    page.unpublish()

    # act
    live = ranked.search("livret éclusier", Page.objects.live()).annotate_score("relevance")

    # assert
    assert page.pk not in ids(live)
    assert all(isinstance(result.relevance, float) for result in live)
    assert page.pk in ids(ranked.search("livret éclusier", Page.objects.all()))


@on_sqlite
@pytest.mark.parametrize(
    ("words", "by_relevance"),
    [(MATCH_ALL, True), (Not(PlainText("gabare")), True), ("gabare fluviale", False)],
)
def test_what_needs_no_ranking_is_left_to_upstream(words, by_relevance):
    # arrange
    river_site()
    upstream, ranked = upstream_and_ranked()
    pages = Page.objects.live()

    # act
    expected = ids(upstream.search(words, pages, order_by_relevance=by_relevance))

    # assert
    assert expected
    assert ids(ranked.search(words, pages, order_by_relevance=by_relevance)) == expected


@on_sqlite
@pytest.mark.parametrize("words", ["gabare fluviale", "livret éclusier", Not(PlainText("gabare"))])
def test_counts_facets_as_upstream_did(words):
    # arrange
    river_site()
    upstream, ranked = upstream_and_ranked()
    pages = Page.objects.live()

    # act
    expected = upstream.search(words, pages, order_by_relevance=False).facet("content_type_id")

    # assert
    assert sum(expected.values()) > 0
    found = ranked.search(words, pages, order_by_relevance=False).facet("content_type_id")
    assert dict(found) == dict(expected)
    assert sorted(found.values(), reverse=True) == list(found.values())
