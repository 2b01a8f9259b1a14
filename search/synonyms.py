"""Synonyms editors enter (``SearchSynonym``), as term sequences a query can be rewritten
with: "apl" also searches "aide logement" and "aide personnalise logement"."""

from django.core.cache import cache
from django.utils.translation import get_language

from portal.content_version import content_version

from .analysis import terms
from .models import SearchSynonym

CACHE_SECONDS = 60 * 60

Group = list[tuple[str, ...]]


def synonym_groups(language: str | None = None) -> list[Group]:
    """The synonym groups of ``language`` (the active one by default), each expression
    as its analysed terms; cached until the content changes."""
    language = language or get_language() or ""
    key = f"search:synonyms:{content_version()}:{language}"
    groups = cache.get(key)
    if groups is None:
        groups = []
        for synonym in SearchSynonym.objects.filter(locale__language_code=language):
            group = [tuple(terms(expression)) for expression in synonym.expression_list()]
            group = [expression for expression in group if expression]
            if len(group) > 1:
                groups.append(group)
        cache.set(key, groups, CACHE_SECONDS)
    return groups


def _find(sequence: list[str], part: tuple[str, ...]) -> int:
    for start in range(len(sequence) - len(part) + 1):
        if tuple(sequence[start : start + len(part)]) == part:
            return start
    return -1


def rewrites(query_terms: list[str], groups: list[Group]) -> list[list[str]]:
    """The query with each expression of a group it contains replaced by each other
    expression of that group (the query itself not included); of a group's expressions
    it contains, the longest ("CMU-C" rather than "CMU")."""
    found = []
    for group in groups:
        for expression in sorted(group, key=len, reverse=True):
            start = _find(query_terms, expression)
            if start < 0:
                continue
            before, after = query_terms[:start], query_terms[start + len(expression) :]
            found += [[*before, *other, *after] for other in group if other != expression]
            break
    return found
