"""Elasticsearch backends for the site search: French analysis, and searches and saves
that never fail because the cluster does.

Version. ``FrenchElasticsearch8Backend`` or ``FrenchElasticsearch9Backend``, after the
cluster's major version (``ELASTICSEARCH_VERSION`` in the settings, by default the
installed client's). The client must have the cluster's major version: a client 9 cannot
talk to an Elasticsearch 8 cluster (install ``elasticsearch>=8.12,<9`` for one).

Analysis. The mapping leaves every text field but the autocomplete ones without an
analyzer, so they use the index's ``default`` analyzer: French elisions ("l'", "qu'"…)
dropped, lower case, accents folded, light French stemmer. ``default_search`` adds the
editors' synonyms (``SearchSynonym``, all languages), read when the index is created:
after changing them, run ``manage.py update_index`` (the site's own query rewriting,
``search.query``, applies them at once meanwhile). Autocomplete fields keep their edge
n-grams, with elisions and accents folded on both sides.

Partial matches. A query of several words is an ``Or`` of the strict query (every word)
and of each word alone (``search.query``), which Wagtail writes as a ``bool`` query of
``should`` clauses: with no ``must`` clause, a page matches one of them at least (the
default ``minimum_should_match``), and the scores add up, so that a page holding more of
the words, rarer ones (BM25's IDF) or all of them ranks higher. The results page then
ranks its first results by how much of the query they cover (``search.coverage``).

Faults. Searches, and indexing one object after a save, wait ``LIVE_TIMEOUT_MS`` at most
and are never retried; imports in bulk and index rebuilds get ``TIMEOUT`` seconds. When
Elasticsearch fails, results (rows, count, facets) come from the ``FALLBACK`` backend,
Wagtail's database backend, which the same save signals keep complete, and a warning is
logged; a failed index update is logged and the save goes on. After a connection failure,
a timeout or a server error, this process leaves the cluster alone for ``RETRY_AFTER``
seconds (circuit breaker): a hung cluster costs one timeout, not one per search.
"""

import logging
import time
from contextvars import ContextVar
from copy import deepcopy
from functools import partial

from django.core.exceptions import ImproperlyConfigured
from elasticsearch import ApiError, TransportError
from modelsearch.conf import get_app_config
from modelsearch.utils import deep_update
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.elasticsearch8 import (
    Elasticsearch8Index,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchResults,
)
from wagtail.search.backends.elasticsearch9 import (
    Elasticsearch9Index,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchResults,
)

from .analysis import words
from .models import SearchSynonym

logger = logging.getLogger("search")

ELASTICSEARCH_ERRORS = (ApiError, TransportError)

# The French words elided before an apostrophe: "l'APL", "jusqu'au".
ARTICLES = ["l", "d", "qu", "j", "m", "t", "s", "n", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]
_FOLDING = ["french_elision", "lowercase", "asciifolding"]

FRENCH_ANALYSIS = {
    "filter": {
        "french_elision": {"type": "elision", "articles_case": True, "articles": ARTICLES},
        "french_stemmer": {"type": "stemmer", "language": "light_french"},
    },
    # Accents are folded before stemming: "securite" and "sécurité" get the same stem.
    "analyzer": {
        "default": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [*_FOLDING, "french_stemmer"],
        },
        # The synonyms filter is appended when the index is created (``index_settings``).
        "default_search": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [*_FOLDING, "french_stemmer"],
        },
        "edgengram_analyzer": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [*_FOLDING, "edgengram"],
        },
        "autocomplete_search": {"type": "custom", "tokenizer": "standard", "filter": _FOLDING},
    },
}

# Per process, by cluster: when it may be asked again after a failure (time.monotonic).
_retry_at: dict[str, float] = {}
# How many answers the fallback backend has given in this thread (or task).
_fallback_answers: ContextVar[int] = ContextVar("fallback_answers", default=0)


def fallback_answers() -> int:
    """How many answers the fallback backend has given so far in this thread: an answer
    computed while it grew stood in for Elasticsearch's, and is not to be kept."""
    return _fallback_answers.get()


def synonym_rules() -> list[str]:
    """The editors' synonym groups, in the Elasticsearch (Solr) format, each expression as
    its folded words: "carte grise, certificat immatriculation"."""
    rules = []
    for synonym in SearchSynonym.objects.order_by("pk"):
        expressions = dict.fromkeys(" ".join(words(text)) for text in synonym.expression_list())
        expressions.pop("", None)
        if len(expressions) > 1:
            rules.append(", ".join(expressions))
    return rules


def _breaks_circuit(error: Exception) -> bool:
    """Whether the cluster, not the request, failed: no answer, or a server error."""
    return (
        isinstance(error, TransportError) or error.meta.status >= 500 or error.meta.status == 429
    )


def _describe(error: Exception) -> str:
    # "NotFoundError(404, 'index_not_found_exception')", "ConnectionTimeout('…')"
    return str(error) if isinstance(error, ApiError) else repr(error)


class _FrenchMapping:
    edgengram_analyzer_config = {
        "analyzer": "edgengram_analyzer",
        "search_analyzer": "autocomplete_search",
    }


class _FrenchIndex:
    """An index created with the synonyms as they are now, and managed (created, rebuilt)
    with the backend's long timeout."""

    def __init__(self, backend, name):
        super().__init__(backend, name)
        self.es = backend.index_es

    def put(self):
        self.es.indices.create(index=self.name, **self.backend.index_settings())


class _FallbackResults:
    """Search results answered by the fallback backend when Elasticsearch fails."""

    def _do_search(self):
        search = super()._do_search  # a generator: it fails while read
        return self._answer(
            lambda: list(search()), lambda: self._fallback()[self.start : self.stop].results()
        )

    def _do_count(self):
        return self._answer(
            super()._do_count, lambda: self._fallback()[self.start : self.stop].count()
        )

    def facet(self, field_name):
        return self._answer(
            partial(super().facet, field_name), lambda: self._fallback().facet(field_name)
        )

    def _answer(self, asked, fallback):
        """Elasticsearch's answer or, when it fails or is left alone, the fallback's."""
        if self.backend.available():
            try:
                return asked()
            except ELASTICSEARCH_ERRORS as error:
                self.backend.search_failed(error)
        _fallback_answers.set(_fallback_answers.get() + 1)
        return fallback()

    def _fallback(self):
        # The query as Elasticsearch read it: a string with its default operator, "or".
        compiler = self.query_compiler
        backend = get_search_backend(self.backend.fallback)
        autocomplete = isinstance(compiler, self.backend.autocomplete_query_compiler_class)
        search = backend.autocomplete if autocomplete else backend.search
        results = search(
            compiler.query,
            compiler.queryset,
            fields=compiler.fields,
            order_by_relevance=compiler.order_by_relevance,
        )
        return results.annotate_score(self._score_field) if self._score_field else results


class _FrenchTolerantBackend:
    settings = deep_update(
        deepcopy(Elasticsearch8SearchBackend.settings), {"settings": {"analysis": FRENCH_ANALYSIS}}
    )

    def __init__(self, params):
        self.live_timeout = params.pop("LIVE_TIMEOUT_MS", 800) / 1000
        self.retry_after = params.pop("RETRY_AFTER", 30)
        self.fallback = params.pop("FALLBACK", "database")
        super().__init__(params)
        if self.fallback not in get_app_config().get_search_backend_config():
            raise ImproperlyConfigured(
                f"The search backend {self.fallback!r}, fallback of Elasticsearch, is not "
                "configured (WAGTAILSEARCH_BACKENDS)."
            )
        # Index rebuilds keep TIMEOUT and the client's retries; whoever waits gets neither.
        self.index_es = self.es
        self.es = self.es.options(request_timeout=self.live_timeout, max_retries=0)
        self.cluster = repr(self.hosts)

    def index_settings(self) -> dict:
        """The settings an index is created with: the analysis, with the synonyms of now."""
        settings = deepcopy(self.settings)
        rules = synonym_rules()
        if rules:
            analysis = settings["settings"]["analysis"]
            analysis["filter"]["french_synonyms"] = {
                "type": "synonym_graph",
                "synonyms": rules,
                "lenient": True,  # a rule the analysis cannot parse is skipped
            }
            analysis["analyzer"]["default_search"]["filter"].append("french_synonyms")
        return settings

    def available(self) -> bool:
        return time.monotonic() >= _retry_at.get(self.cluster, 0)

    def _failed(self, error: Exception) -> str:
        if not _breaks_circuit(error):
            return ""
        _retry_at[self.cluster] = time.monotonic() + self.retry_after
        return f"; not asked again for {self.retry_after} s"

    def search_failed(self, error: Exception) -> None:
        pause = self._failed(error)
        logger.warning(
            "Elasticsearch failed (%s), search answered by the %r backend%s.",
            _describe(error),
            self.fallback,
            pause,
        )

    def add(self, obj):
        index = self._live_index(obj)
        self._update_index(f"index {obj!r}", lambda: index.add_item(obj))

    def delete(self, obj):
        index = self._live_index(obj)
        self._update_index(f"remove {obj!r}", lambda: index.delete_item(obj))

    def add_bulk(self, model, obj_list):
        # Imports (update_index calls the index itself, and fails loudly): the long timeout.
        index = self.get_index_for_model(model)
        action = f"index {len(obj_list)} {model.__name__} objects"
        self._update_index(action, lambda: index.add_items(model, obj_list))

    def _live_index(self, obj):
        """The index of ``obj``, asked with the live timeout and no retry: an editor waits."""
        index = self.get_index_for_object(obj)
        index.es = self.es
        return index

    def _update_index(self, action: str, update) -> None:
        """Update the index after a save: a failure is logged, never raised, so that the
        save goes on."""
        consequence = f"did not {action}; run update_index once it is back"
        if not self.available():
            logger.warning("Elasticsearch unavailable: %s.", consequence)
            return
        try:
            update()
        except ELASTICSEARCH_ERRORS as error:
            pause = self._failed(error)
            logger.warning(
                "Elasticsearch failed (%s)%s: %s.", _describe(error), pause, consequence
            )


class FrenchElasticsearch8Mapping(_FrenchMapping, Elasticsearch8Mapping):
    pass


class FrenchElasticsearch8Index(_FrenchIndex, Elasticsearch8Index):
    pass


class FrenchElasticsearch8Results(_FallbackResults, Elasticsearch8SearchResults):
    pass


class FrenchElasticsearch8Backend(_FrenchTolerantBackend, Elasticsearch8SearchBackend):
    mapping_class = FrenchElasticsearch8Mapping
    index_class = FrenchElasticsearch8Index
    results_class = FrenchElasticsearch8Results


class FrenchElasticsearch9Mapping(_FrenchMapping, Elasticsearch9Mapping):
    pass


class FrenchElasticsearch9Index(_FrenchIndex, Elasticsearch9Index):
    pass


class FrenchElasticsearch9Results(_FallbackResults, Elasticsearch9SearchResults):
    pass


class FrenchElasticsearch9Backend(_FrenchTolerantBackend, Elasticsearch9SearchBackend):
    mapping_class = FrenchElasticsearch9Mapping
    index_class = FrenchElasticsearch9Index
    results_class = FrenchElasticsearch9Results
