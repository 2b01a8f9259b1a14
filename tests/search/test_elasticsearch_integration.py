"""The French analysis against a real Elasticsearch cluster, at ELASTICSEARCH_URL
(e.g. ``ELASTICSEARCH_URL=http://127.0.0.1:9200 pytest tests/search``); skipped without.
The demo content is indexed into throwaway indexes, deleted afterwards."""

import logging
import os
import uuid

import elasticsearch
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from directory.models import GuidePage
from portal import demo
from search.models import SearchSynonym
from tests.search.test_search_view import result_titles

URL = os.environ.get("ELASTICSEARCH_URL", "")

pytestmark = [
    pytest.mark.skipif(
        not URL, reason="ELASTICSEARCH_URL is not set: no Elasticsearch cluster to test against"
    ),
    pytest.mark.django_db,
]

# A made-up word, in no content: only the index's synonyms can make it find a page.
SYNONYM = "zygocarte"


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker):
    backends = {
        "default": {
            "BACKEND": f"search.backends.FrenchElasticsearch{elasticsearch.VERSION[0]}Backend",
            "URLS": [URL],
            "INDEX_PREFIX": f"test_portal_{uuid.uuid4().hex[:8]}_",
            "ATOMIC_REBUILD": False,
            "FALLBACK": "database",
        },
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        backend = get_search_backend()
        # The demo's words, indexed; the database is rolled back after the module.
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
        try:
            with django_db_blocker.unblock():
                demo.seed(lambda message: None)
                SearchSynonym.objects.create(
                    locale=Locale.get_default(), expressions=f"carte grise\n{SYNONYM}"
                )
                call_command("update_index", backend_name="default", verbosity=0)
            yield backend
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
            for index in backend.all_indexes():
                index.delete()


def titles(results) -> list[str]:
    return [result.title for result in results]


@pytest.fixture
def no_fallback(caplog):
    """Fails the test if a search was answered by the database backend."""
    caplog.set_level(logging.WARNING, logger="search")
    yield
    assert not [record for record in caplog.records if record.name == "search"]


def test_accents_and_case_are_folded(cluster, no_fallback):
    pages = Page.objects.live()
    folded = titles(cluster.search("securite sociale", pages))
    assert folded
    assert titles(cluster.search("SÉCURITÉ Sociale", pages)) == folded


def test_elided_articles_are_dropped(cluster, no_fallback):
    found = titles(cluster.search("l'APL", GuidePage.objects.live()))
    assert "Demander une aide au logement" in found[:3]
    assert titles(cluster.search("l’APL", GuidePage.objects.live())) == found


def test_plurals_find_the_singular(cluster, no_fallback):
    found = titles(cluster.search("cartes grises", GuidePage.objects.live()))
    assert any("carte grise" in title for title in found[:3]), found


def test_the_index_synonyms_find_what_the_words_do_not(cluster, no_fallback):
    found = titles(cluster.search(SYNONYM, GuidePage.objects.live()))
    assert any("carte grise" in title for title in found[:3]), found
    assert not list(get_search_backend("database").search(SYNONYM, GuidePage.objects.live()))


def test_autocomplete_folds_accents(cluster, no_fallback):
    found = titles(cluster.autocomplete("décla", Page.objects.live()))
    assert any(title.startswith("Déclarer") for title in found), found
    assert titles(cluster.autocomplete("DECLA", Page.objects.live())) == found


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("securite sociale", "ameli"),
        ("l'APL", "aide au logement"),
        ("cartes grises", "carte grise"),
        # Partial: "renouveler" is a word of the site, on no page about the passport.
        ("renouveler passeport", "passeport"),
        ("pole emploi", "france travail"),  # a former name, by the demo's synonyms
    ],
)
def test_the_search_page_answers_from_elasticsearch(cluster, no_fallback, client, query, expected):
    found = result_titles(client, query)
    assert any(expected.casefold() in title.casefold() for title in found[:5]), found
