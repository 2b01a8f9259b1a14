"""SQLite's database search backend ranking its results in one pass (``search.database``).

Imported only on SQLite: its full-text index model exists on no other database.
"""

from collections import OrderedDict

from django.db.models import Count, Expression, ExpressionWrapper, F, FloatField, IntegerField
from django.db.models import Value as V
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

BM25 = f"bm25({SQLiteFTSIndexEntry._meta.db_table})"


def rank_polynomial(query) -> list[float]:
    """Upstream's rank of ``query`` as the coefficients of a polynomial in ``u = 1 + b``,
    lowest degree first, ``b`` being the match's ``bm25()``. Upstream writes one
    ``bm25()`` call per word of the query (every call the same value, the whole
    match's): a word is ``b = u - 1``, an ``And`` ``(1 + x)(1 + y)… - 1`` (``u^n - 1``
    for n words), an ``Or`` the mean of its parts. In powers of ``u`` the usual queries
    have few terms, each as exact as upstream's; in powers of ``b``, binomial
    coefficients of alternating signs would lose the digits of long sentences."""
    if isinstance(query, PlainText | Phrase | Not):
        return [-1.0, 1.0]
    if isinstance(query, And):
        product = [1.0]
        for subquery in query.subqueries:
            factor = rank_polynomial(subquery)
            factor[0] += 1
            product = _multiply(product, factor)
        product[0] -= 1
        return product
    if isinstance(query, Or):
        parts = [rank_polynomial(subquery) for subquery in query.subqueries]
        total = [0.0] * max(len(part) for part in parts)
        for part in parts:
            for degree, coefficient in enumerate(part):
                total[degree] += coefficient
        return [coefficient / len(parts) for coefficient in total]
    raise NotImplementedError(
        f"`{type(query).__name__}` is not supported by the SQLite search backend."
    )


def _multiply(left: list[float], right: list[float]) -> list[float]:
    product = [0.0] * (len(left) + len(right) - 1)
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            product[i + j] += a * b
    return product


class PolynomialOfBM25(Expression):
    """``c0 + c1*u + c2*u*u…`` with ``u = 1 + bm25()``, the terms whose coefficient is not
    zero only (usually two or three), flat: SQLite's parser overflows on deep nesting."""

    output_field = FloatField()

    def __init__(self, coefficients: list[float]):
        super().__init__()
        self.coefficients = coefficients

    def as_sql(self, compiler, connection):
        terms = [
            ("%s" + f" * (1.0 + {BM25})" * degree, coefficient)
            for degree, coefficient in enumerate(self.coefficients)
            if coefficient
        ] or [("%s", 0.0)]
        return f"({' + '.join(sql for sql, _ in terms)})", [value for _, value in terms]


class RankedSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def matches(self, config, *, in_scope=True):
        """The index entries matching the query, of the model's objects (those in scope
        only, unless the caller restricts to them itself); None when the query matches
        everything or is a negation (left to upstream)."""
        query = normalize(self.query)
        if isinstance(query, MatchAll | Not):
            return None
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        entries = SQLiteFTSIndexEntry.objects.filter(match).filter(
            index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model)
        )
        if in_scope:
            entries = entries.filter(
                index_entry__object_id__in=self.queryset.order_by().values("pk")
            )
        return entries

    def rank(self, config) -> ExpressionWrapper:
        """Upstream's rank, the sum over the search vectors of ``P(bm25) * boost``, as
        ``P(bm25) * (sum of the boosts)``."""
        polynomial = PolynomialOfBM25(rank_polynomial(self.query))
        boosts = [
            boost if hasattr(boost, "resolve_expression") else V(float(boost))
            for _vector, boost in self.get_search_vectors()
        ]
        weight = sum(boosts[1:], start=boosts[0])
        return ExpressionWrapper(polynomial * weight, output_field=FloatField())

    def ranked_entries(self, config, start, stop):
        """(object id, score) of the matching objects in scope, best first, sliced."""
        entries = self.matches(config)
        if entries is None:
            return None
        rank = self.rank(config)
        # Ties as upstream: the newest object first, by number when ids are numbers.
        object_id = F("index_entry__object_id")
        if isinstance(self.queryset.model._meta.pk, IntegerField):
            object_id = Cast(object_id, IntegerField())
        return (
            entries.annotate(score=rank)
            .order_by("score", object_id.desc())
            .values_list("index_entry__object_id", "score")[start:stop]
        )


class RankedSQLiteAutocompleteQueryCompiler(
    RankedSQLiteSearchQueryCompiler, SQLiteAutocompleteQueryCompiler
):
    pass


class RankedSQLiteSearchResults(SQLiteSearchResults):
    def _do_search(self):
        compiler = self.query_compiler
        entries = None
        if compiler.order_by_relevance:
            config = compiler.get_config(self.backend)
            entries = compiler.ranked_entries(config, self.start, self.stop)
        if entries is None:
            return super()._do_search()
        pk = compiler.queryset.model._meta.pk
        ranked = [(pk.to_python(object_id), score) for object_id, score in entries]
        found = compiler.queryset.in_bulk([object_pk for object_pk, _ in ranked])
        results = []
        for object_pk, score in ranked:
            if (obj := found.get(object_pk)) is not None:  # None: deleted meanwhile
                if self._score_field:
                    setattr(obj, self._score_field, score)
                results.append(obj)
        return results

    def facet(self, field_name):
        """Counts by ``field_name`` of the matches, with no ranking to build."""
        compiler = self.query_compiler
        entries = compiler.matches(compiler.get_config(self.backend), in_scope=False)
        if entries is None or compiler._get_filterable_field(field_name) is None:
            return super().facet(field_name)  # upstream's answer, or its FilterFieldError
        matching = entries.values("index_entry__object_id")
        counts = (
            compiler.queryset.filter(pk__in=matching)
            .values_list(field_name)
            .annotate(count=Count("pk"))
            .order_by("-count")
        )
        return OrderedDict(counts)


class RankedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankedSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = RankedSQLiteAutocompleteQueryCompiler
    results_class = RankedSQLiteSearchResults
