"""How much of a query each result covers: the share of its meaningful words (after stop
words, typos corrected, by the query's own words or one of its rewrites by synonyms) that
the page holds, each word weighted by how rare it is on the site ("passeport" tells more
than "renouveler"), a word in the title counting more than one in the rest of the page.

Read from the database backend's index entries, with the pages (``with_index_text``: no
query more), which both backends have: Elasticsearch's fallback is the database backend,
kept complete by the same save signals. A page without an entry is judged on its title
alone."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import CharField, OuterRef, Subquery, TextField
from django.db.models.functions import Cast
from wagtail.search.models import IndexEntry

from .analysis import term_set

TITLE_WEIGHT, BODY_WEIGHT = 1.0, 0.6
# What covering the query by a rewrite (a synonym) is worth against by its own words.
VARIANT_WEIGHT = 0.8
# A PostgreSQL lexeme: 'word':positions in a tsvector's text.
_LEXEME = re.compile(r"'((?:[^']|'')+)'")
# The shortest stem that may stand for a longer word of the query, or the other way.
MIN_STEM = 4


@dataclass(frozen=True)
class Coverage:
    complete: bool  # every word found (of the query, or of one of its rewrites)
    share: float  # of the words' weight, found anywhere in the page
    weighted: float  # the same, a word of the title counting TITLE_WEIGHT, others BODY_WEIGHT
    missing: tuple[str, ...] = ()  # the words (as shown) the page lacks, when it lacks any

    @property
    def rank(self) -> tuple[bool, float, float]:
        """The higher, the more of the query the page covers."""
        return (self.complete, self.share, self.weighted)


def with_index_text(pages):
    """``pages`` (a queryset) with the title and the body of their index entries, as
    ``index_title`` and ``index_body`` (text; PostgreSQL's: their lexemes)."""
    entry = IndexEntry.objects.filter(
        content_type_id=OuterRef("content_type_id"),
        object_id=Cast(OuterRef("pk"), CharField()),
    )
    return pages.annotate(
        **{
            f"index_{name}": Subquery(
                entry.values_list(Cast(name, TextField()))[:1], output_field=TextField()
            )
            for name in ("title", "body")
        }
    )


def coverages(pages, analysed) -> list[Coverage]:
    """The coverage of the query ``analysed`` by each of ``pages``, in their order."""
    read = _lexemes_holding if connection.vendor == "postgresql" else _terms_holding
    wanted = {term for phrasing in analysed.phrasings for term in phrasing}
    found = []
    for page in pages:
        title_terms = term_set(page.title) | read(getattr(page, "index_title", None), wanted)
        body_terms = read(getattr(page, "index_body", None), wanted)
        found.append(_coverage(title_terms, title_terms | body_terms, analysed))
    return found


def _terms_holding(text: str | None, wanted: set[str]) -> set[str]:
    return term_set(text or "")


def _lexemes_holding(text: str | None, wanted: set[str]) -> set[str]:
    """The query's terms a PostgreSQL ``tsvector`` (as text) holds: its lexemes are stemmed
    by the database's own text search configuration, not ours, so a term and a lexeme
    match when one begins the other ("renouvel" and "renouveler")."""
    lexemes = set().union(*(term_set(lexeme) for lexeme in _LEXEME.findall(text or "")))
    return {
        term
        for term in wanted
        if term in lexemes
        or any(
            min(len(term), len(lexeme)) >= MIN_STEM
            and (term.startswith(lexeme) or lexeme.startswith(term))
            for lexeme in lexemes
        )
    } | lexemes


def _coverage(title_terms: set[str], page_terms: set[str], analysed) -> Coverage:
    best = (False, 0.0, 0.0)
    for index, phrasing in enumerate(analysed.phrasings):
        worth = 1 if index == 0 else VARIANT_WEIGHT
        weights = {term: analysed.weights.get(term, 1.0) for term in phrasing}
        total = sum(weights.values())
        if not total:
            continue
        share = sum(weight for term, weight in weights.items() if term in page_terms) / total
        field_weighted = sum(
            weight * (TITLE_WEIGHT if term in title_terms else BODY_WEIGHT)
            for term, weight in weights.items()
            if term in page_terms
        )
        complete = all(term in page_terms for term in phrasing)
        best = max(best, (complete, worth * share, worth * field_weighted / total))
    complete, share, weighted = best
    missing = ()
    if not complete:
        missing = tuple(shown for term, shown in analysed.words if term not in page_terms)
    return Coverage(complete, share, weighted, missing)
