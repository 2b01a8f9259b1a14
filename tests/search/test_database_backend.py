import pytest
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import MATCH_ALL, And, Fuzzy, Not, Or, PlainText

from search.query import analyse

pytestmark = pytest.mark.django_db

on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="ranks SQLite's full-text index only"
)


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
@pytest.mark.parametrize("words", ["france services", "carte grise", "retraite", "caf"])
def test_ranks_as_upstream_did(demo_site, words):
    upstream, ranked = upstream_and_ranked()
    pages = Page.objects.live()
    expected = ids(upstream.search(words, pages))
    assert expected  # the demo content has pages for each
    assert ids(ranked.search(words, pages)) == expected
    assert ids(ranked.search(words, pages)[2:5]) == expected[2:5]


@on_sqlite
@pytest.mark.parametrize(
    "typed",
    [
        "retraitte",
        "securite sociale",
        "l'APL",
        "comment refaire ma carte vitale",
        # Long enough that the rank's polynomial, written in powers of bm25(), lost
        # the digits that order the results.
        "carte grise passeport carte vitale retraite allocations familiales logement "
        "impôts chômage France Travail permis de conduire demande aide santé famille "
        "justice déclaration revenus prime activité RSA handicap naissance",
    ],
)
def test_ranks_the_site_searches_as_upstream_did(demo_site, typed):
    # Typos, synonyms and sentences: Or and And nested, dozens of words.
    upstream, ranked = upstream_and_ranked()
    query = analyse(typed, language="fr").backend_query
    pages = Page.objects.live()
    expected = ids(upstream.search(query, pages))
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
def test_keeps_the_scope_and_the_scores(demo_site):
    _, ranked = upstream_and_ranked()
    page = Page.objects.live().search("carte grise")[0]
    page.unpublish()
    live = ranked.search("carte grise", Page.objects.live()).annotate_score("relevance")
    assert page.pk not in ids(live)
    assert all(isinstance(result.relevance, float) for result in live)
    assert page.pk in ids(ranked.search("carte grise", Page.objects.all()))


@on_sqlite
@pytest.mark.parametrize(
    ("words", "by_relevance"),
    [(MATCH_ALL, True), (Not(PlainText("carte")), True), ("carte grise", False)],
)
def test_what_needs_no_ranking_is_left_to_upstream(demo_site, words, by_relevance):
    upstream, ranked = upstream_and_ranked()
    pages = Page.objects.live()
    expected = ids(upstream.search(words, pages, order_by_relevance=by_relevance))
    assert expected
    assert ids(ranked.search(words, pages, order_by_relevance=by_relevance)) == expected


@on_sqlite
@pytest.mark.parametrize("words", ["france services", "carte grise", Not(PlainText("carte"))])
def test_counts_facets_as_upstream_did(demo_site, words):
    upstream, ranked = upstream_and_ranked()
    pages = Page.objects.live()
    expected = upstream.search(words, pages, order_by_relevance=False).facet("content_type_id")
    assert sum(expected.values()) > 0
    found = ranked.search(words, pages, order_by_relevance=False).facet("content_type_id")
    assert dict(found) == dict(expected)
    assert sorted(found.values(), reverse=True) == list(found.values())
