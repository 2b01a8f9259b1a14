"""SQLite's database search backend ranking its results in one pass (``search.database``).

Imported only on SQLite: its full-text index model exists on no other database.
"""

from collections import OrderedDict

from django.db.models import Count, ExpressionWrapper, F, FloatField, IntegerField
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks


class Rank(ExpressionWrapper):
    """A rank expression equal only to itself. Django hashes every selected expression
    of an ordered query, walking the whole tree: milliseconds for a rank of a hundred
    terms, on every search."""

    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def __init__(self, expression):
        super().__init__(expression, output_field=FloatField())


class RankedSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def matches(self, config):
        """The index entries matching the query, of objects in scope; None when the query
        matches everything or is a negation (left to upstream)."""
        query = normalize(self.query)
        if isinstance(query, MatchAll | Not):
            return None
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        return SQLiteFTSIndexEntry.objects.filter(match).filter(
            index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model),
            index_entry__object_id__in=self.queryset.order_by().values("pk"),
        )

    def ranked_entries(self, config, start, stop):
        """(object id, score) of the matching objects in scope, best first, sliced."""
        entries = self.matches(config)
        if entries is None:
            return None
        rank = Rank(self._build_rank_expression(self.get_search_vectors(), config))
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
        entries = compiler.matches(compiler.get_config(self.backend))
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
