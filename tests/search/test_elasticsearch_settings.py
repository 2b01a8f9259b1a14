"""The Elasticsearch index settings and mapping, without a cluster.

The tests of the synonyms build those they read (``SearchSynonymFactory``), with words the
demo does not use ("QBL", "vignette fluviale", "Régie Quillevent")."""

import json
from unittest import mock

import elasticsearch
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from directory.models import GuidePage, MaisonPage, Partner
from search.backends import FrenchElasticsearch8Backend, FrenchElasticsearch9Backend
from search.models import SearchSynonym
from tests.factories import SearchSynonymFactory
from tests.portal.test_settings import load_settings

pytestmark = pytest.mark.django_db

BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
    "database": {"BACKEND": "wagtail.search.backends.database"},
}


@pytest.fixture(params=[FrenchElasticsearch8Backend, FrenchElasticsearch9Backend])
def backend(request):
    # Building a backend asks nothing of the cluster: this address is never contacted.
    with override_settings(WAGTAILSEARCH_BACKENDS=BACKENDS):
        yield request.param({"URLS": ["http://127.0.0.1:9"], "FALLBACK": "database"})


def chain(analysis: dict, name: str) -> list[str]:
    analyzer = analysis["analyzer"][name]
    assert analyzer["tokenizer"] == "standard"
    return analyzer["filter"]


def text_fields(properties: dict, prefix: str = ""):
    """(name, mapping) of every text field, nested ones included."""
    for name, field in properties.items():
        if field["type"] == "nested":
            yield from text_fields(field["properties"], f"{prefix}{name}.")
        elif field["type"] == "text":
            yield f"{prefix}{name}", field


def editors_synonyms() -> None:
    """Synonyms as editors enter them: an acronym with a hyphenated form and accents, a
    phrase with an elided article."""
    SearchSynonymFactory(expressions="QBL\nordre des baliseurs\nQBL-F\nbaliseurs fédérés")
    SearchSynonymFactory(expressions="vignette fluviale\npermis d’éclusage")


def test_text_is_analysed_in_french(backend):
    # arrange
    editors_synonyms()

    # act
    analysis = backend.index_settings()["settings"]["analysis"]

    # assert
    folding = ["french_elision", "lowercase", "asciifolding"]
    assert chain(analysis, "default") == [*folding, "french_stemmer"]
    assert chain(analysis, "default_search")[:4] == [*folding, "french_stemmer"]
    elision = analysis["filter"]["french_elision"]
    assert elision["type"] == "elision" and elision["articles_case"] is True
    assert set(elision["articles"]) == {
        *["l", "d", "qu", "j", "m", "t", "s", "n", "c"],
        *["jusqu", "quoiqu", "lorsqu", "puisqu"],
    }
    assert analysis["filter"]["french_stemmer"] == {"type": "stemmer", "language": "light_french"}


def test_the_editors_synonyms_apply_at_search_time(backend):
    # arrange
    editors_synonyms()

    # act
    analysis = backend.index_settings()["settings"]["analysis"]

    # assert
    synonyms = analysis["filter"]["french_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    # Folded words, the elided article dropped, as the analysis before the filter does.
    assert "vignette fluviale, permis eclusage" in synonyms["synonyms"]
    assert "qbl, ordre des baliseurs, qbl f, baliseurs federes" in synonyms["synonyms"]
    # After the stemmer, so that "vignettes fluviales" matches "vignette fluviale"; not
    # when indexing.
    assert chain(analysis, "default_search")[-1] == "french_synonyms"
    assert "french_synonyms" not in chain(analysis, "default")


def test_synonyms_are_read_when_the_index_is_created(backend):
    # arrange
    editors_synonyms()
    SearchSynonymFactory(expressions="Bureau Morvandel\nRégie Quillevent")

    # act
    rules = backend.index_settings()["settings"]["analysis"]["filter"]["french_synonyms"]

    # assert
    assert "bureau morvandel, regie quillevent" in rules["synonyms"]

    index = backend.get_index_for_model(GuidePage)
    index.es = mock.Mock()
    index.put()
    index.es.indices.create.assert_called_once_with(
        index=index.name, settings=backend.index_settings()["settings"]
    )


def test_without_synonyms_the_search_analysis_has_no_synonym_filter(backend):
    # arrange: the editors delete the synonyms there were
    editors_synonyms()
    SearchSynonym.objects.all().delete()

    # act
    analysis = backend.index_settings()["settings"]["analysis"]

    # assert
    assert "french_synonyms" not in analysis["filter"]
    assert chain(analysis, "default_search") == chain(analysis, "default")


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        (GuidePage, {"title", "directory_guidepage__summary", "directory_guidepage__steps"}),
        (MaisonPage, {"title", "directory_maisonpage__commune_name"}),
        (Partner, {"name", "short_name"}),
    ],
)
def test_text_fields_use_the_french_analyzers(backend, model, expected):
    analysis = backend.settings["settings"]["analysis"]
    fields = dict(text_fields(backend.mapping_class(model).get_mapping()["properties"]))
    searched = {name: field for name, field in fields.items() if "edgengrams" not in name}
    assert expected | {"_all_text"} <= set(searched)
    for name, field in searched.items():
        # No analyzer in the mapping: the index's "default" and "default_search" apply.
        assert "analyzer" not in field and "search_analyzer" not in field, name
    assert "french_stemmer" in chain(analysis, "default")


@pytest.mark.parametrize("model", [GuidePage, MaisonPage, Partner])
def test_autocomplete_fields_keep_edge_ngrams_folded(backend, model):
    analysis = backend.settings["settings"]["analysis"]
    fields = dict(text_fields(backend.mapping_class(model).get_mapping()["properties"]))
    autocomplete = {name: field for name, field in fields.items() if "edgengrams" in name}
    assert "_edgengrams" in autocomplete and len(autocomplete) >= 2
    for field in autocomplete.values():
        assert field["analyzer"] == "edgengram_analyzer"
        assert field["search_analyzer"] == "autocomplete_search"
    folding = ["french_elision", "lowercase", "asciifolding"]
    assert chain(analysis, "edgengram_analyzer") == [*folding, "edgengram"]
    assert analysis["filter"]["edgengram"]["type"] == "edge_ngram"
    assert chain(analysis, "autocomplete_search") == folding


def test_index_settings_are_json_and_leave_the_backend_settings_alone(backend):
    # arrange
    editors_synonyms()
    before = json.dumps(backend.settings, sort_keys=True)

    # act
    settings = json.dumps(backend.index_settings())

    # assert
    assert "french_synonyms" in settings
    assert json.dumps(backend.settings, sort_keys=True) == before
    assert "french_synonyms" not in before


def test_a_missing_fallback_backend_is_refused():
    with (
        override_settings(WAGTAILSEARCH_BACKENDS={"default": BACKENDS["default"]}),
        pytest.raises(ImproperlyConfigured, match="'database'"),
    ):
        FrenchElasticsearch9Backend({"URLS": ["http://127.0.0.1:9"]})


def test_settings_choose_the_backend_of_the_client_version():
    major = elasticsearch.VERSION[0]
    probe = load_settings(
        "portal.settings.dev",
        ELASTICSEARCH_URL="http://127.0.0.1:9200",
        ELASTICSEARCH_VERSION=str(major),
    )
    assert probe.returncode == 0, probe.stderr
    assert (
        json.loads(probe.stdout)["search"] == f"search.backends.FrenchElasticsearch{major}Backend"
    )

    other = {8: 9, 9: 8}[major]
    refused = load_settings(
        "portal.settings.dev",
        ELASTICSEARCH_URL="http://127.0.0.1:9200",
        ELASTICSEARCH_VERSION=str(other),
    )
    assert refused.returncode != 0
    assert "ELASTICSEARCH_VERSION" in refused.stderr
