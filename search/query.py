"""From what a visitor typed to a backend query that tolerates word forms, typos and
synonyms: each meaningful word becomes its stem, a misspelt stem the nearest one the site
uses, and each stem the words of the site sharing it ("retraites" → "retraite"); the
synonym groups add rewrites of the whole query ("l'APL" → "aide au logement").

A query of several words also finds the pages holding only some of them ("*renouveler*
passeport", a verb or a place no page holds): the results are then ranked by how much of
the query each page covers (``search.coverage``), those holding every word first."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from wagtail.models import Page
from wagtail.search.query import And, Or, PlainText, SearchQuery

from directory.models import GuidePage, MaisonPage, Partner
from home.models import StandardPage
from portal.content_version import content_version

from .analysis import STOP_WORDS, fold, stem, stemmed_words, written_words
from .spelling import Vocabulary
from .synonyms import rewrites, synonym_groups

MAIN_BOOST = 3
# From this many words, pages with only some of them are found too, after those with all.
PARTIAL_FROM = 2
# From this many words, a query is a sentence: a partner named by one of them is found.
ANY_WORD_FROM = 3


@dataclass
class SiteWords:
    """The stems the site's content uses (for typo correction) and, for each, the words
    that share it (what the backend indexed)."""

    stems: Vocabulary
    forms: dict[str, tuple[str, ...]]


def _texts(language: str):
    pages = Page.objects.live().public().filter(locale__language_code=language)
    yield from pages.values_list("title", flat=True)
    guides = GuidePage.objects.live().filter(locale__language_code=language)
    for row in guides.values_list("intro", "summary"):
        yield from row
    yield from StandardPage.objects.live().values_list("intro", flat=True)
    yield from MaisonPage.objects.live().values_list("commune_name", flat=True).distinct()
    for row in Partner.objects.values_list("name", "short_name"):
        yield from row


# Per process, by language: (content version, words). Too big to unpickle from a shared
# cache at every search, and rebuilt from the database after any change.
_site_words: dict[str, tuple[str, SiteWords]] = {}


def site_words(language: str) -> SiteWords:
    version = content_version()
    memo = _site_words.get(language)
    if memo is not None and memo[0] == version:
        return memo[1]
    counts: dict[str, int] = defaultdict(int)
    forms: dict[str, set[str]] = defaultdict(set)
    for text in _texts(language):
        for word, written in written_words(text or ""):
            if word not in STOP_WORDS:
                counts[stem(word)] += 1
                forms[stem(word)].update((word, written))
    # Tuples, not sets: strings in tuples are not tracked by the garbage collector.
    found = SiteWords(
        Vocabulary(dict(counts)), {term: tuple(sorted(words)) for term, words in forms.items()}
    )
    _site_words[language] = (version, found)
    return found


@dataclass
class AnalysedQuery:
    backend_query: SearchQuery | None
    # The query with its misspelt words corrected, when any was ("did you mean").
    suggestion: str = ""
    # Every stem searched (corrected, as typed, synonyms): what results highlight.
    stems: frozenset[str] = frozenset()
    # The stems searched first, then each other way of saying it (synonyms, as typed):
    # what ranks a result's title.
    searched: tuple[str, ...] = ()
    variants: tuple[tuple[str, ...], ...] = ()
    # (stem, as shown) of each meaningful word, corrected: what a page may cover.
    words: tuple[tuple[str, str], ...] = ()
    # How telling each stem is, the rarer on the site the more (an inverse document
    # frequency): what a page covering it earns (``search.coverage``).
    weights: dict[str, float] = field(default_factory=dict)
    # Whether results may hold only part of the words: then ranked by coverage.
    ranks_coverage: bool = False

    @property
    def phrasings(self) -> list[tuple[str, ...]]:
        """The words, then each rewrite of them: a page covers the query by any of them."""
        return [tuple(term for term, _shown in self.words), *self.variants]


def analyse(text: str, *, language: str) -> AnalysedQuery:
    typed = stemmed_words(text)
    if not typed:
        return AnalysedQuery(None)
    query_terms = list(typed)
    vocabulary = site_words(language)
    corrected = [vocabulary.stems.correct(term, typed=typed[term]) or term for term in typed]
    # Words the site never uses cannot narrow the results ("comment *refaire* ma carte
    # vitale"): they are left out when others remain.
    searched = [term for term in corrected if term in vocabulary.stems] or corrected
    groups = synonym_groups(language)
    main = And([_alternatives(term, vocabulary, boost=MAIN_BOOST) for term in searched])
    queries = [main]
    # Synonyms of every word typed: "pôle emploi" is "France Travail" though the site
    # never says "pôle".
    variants = [*rewrites(corrected, groups)]
    if searched != corrected:
        variants += rewrites(searched, groups)
    # Pages with any of the words too, those with all first (``search.coverage``): for a
    # sentence always; for fewer words, not when a synonym says the whole query otherwise
    # ("france connect", "carte grise"): its pages hold all of it, and "france" or
    # "carte" alone would bury them.
    renamed = any(not set(variant) & set(searched) for variant in variants)
    partial = len(searched) >= ANY_WORD_FROM or (len(searched) >= PARTIAL_FROM and not renamed)
    if partial:
        queries.append(Or([_alternatives(term, vocabulary) for term in searched]))
    suggestion = ""
    if corrected != query_terms:
        variants += [query_terms, *rewrites(query_terms, groups)]
        suggestion = " ".join(_display(term, vocabulary) for term in corrected)
    queries += [And([_alternatives(term, vocabulary) for term in variant]) for variant in variants]
    stems = frozenset(term for variant in [searched, *variants] for term in variant)
    shown = {term: typed[term] for term in typed}
    return AnalysedQuery(
        Or(queries),
        suggestion,
        stems,
        tuple(searched),
        tuple(tuple(variant) for variant in variants),
        words=tuple(
            (term, shown.get(term) or _display(term, vocabulary))
            for term in dict.fromkeys(corrected)
        ),
        ranks_coverage=partial,
        weights={
            term: 1 / (1 + math.log1p(vocabulary.stems.counts.get(term, 0)))
            for term in {*corrected, *stems}
        },
    )


def _alternatives(term: str, vocabulary: SiteWords, *, boost: float = 1) -> SearchQuery:
    """The words the site uses with this stem or, for a stem it does not use, the words
    the stemmer could have made it from."""
    forms = vocabulary.forms.get(term) or unstemmed(term)
    return Or([PlainText(form, boost=boost) for form in sorted(forms)])


def unstemmed(term: str) -> set[str]:
    """The stem and the usual endings that the stemmer reduces back to it ("choi" ←
    "choix", "carsat" ← "carsats"), none it would reduce to another."""
    endings = {f"{term}s", f"{term}e", f"{term}es", f"{term}x"}
    if term.endswith("al"):
        endings.add(f"{term[:-2]}aux")
    return {term} | {form for form in endings if stem(form) == term}


def _display(term: str, vocabulary: SiteWords) -> str:
    """The most readable word of a stem."""
    forms = vocabulary.forms.get(term)
    # The shortest, as written (accents) rather than folded.
    return min(forms, key=lambda form: (len(form), form == fold(form), form)) if forms else term
