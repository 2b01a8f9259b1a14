"""Search suggestions: the selector (``search.autocomplete.suggestions``) and the JSON
endpoint ``/recherche/suggestions/`` the search fields call.

Each test builds the pages, guides, partners and maisons it suggests with the factories of
``tests/factories.py`` (published through Wagtail, as editors do), with words the demo
does not use ("gabare", "quillevent", "éclusière"); the maison goes in the Lozère (48)."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction

from directory.models import Department, GuidePage
from home.models import HomePage, StandardPage
from search.autocomplete import TYPE_LABELS, Kind, suggestions
from tests.factories import (
    GuidePageFactory,
    MaisonPageFactory,
    PartnerFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db

ENDPOINT = "/recherche/suggestions/"


def locale(language_code: str = "fr") -> Locale:
    return Locale.objects.get(language_code=language_code)


def suggested(query: str, language_code: str = "fr", **options) -> list:
    with translation.override(language_code):
        return suggestions(query, locale=locale(language_code), **options)


def type_label(kind: Kind, language_code: str = "fr") -> str:
    with translation.override(language_code):
        return str(TYPE_LABELS[kind])


def labels(query: str, language_code: str = "fr", **options) -> list[str]:
    return [item.label for item in suggested(query, language_code, **options)]


def published(page):
    page.save_revision().publish()
    return page


def standard_page(title: str, slug: str, **fields) -> StandardPage:
    return published(StandardPageFactory(title=title, slug=slug, **fields))


def english_page(title: str, slug: str) -> StandardPage:
    english_home = HomePage.objects.get(locale__language_code="en")
    return standard_page(title, slug, parent=english_home)


def guide(title: str, slug: str) -> GuidePage:
    return published(GuidePageFactory(title=title, slug=slug))


# ------------------------------------------------------------------------------ Selector


@pytest.mark.parametrize("query", ["eclu", "ÉCLU", "éclu", "Éclusière émé", "emerite eclu"])
def test_accents_case_and_word_order_do_not_matter(query):
    # arrange
    page = standard_page("Éclusière émérite : vos droits", "eclusiere-emerite")

    # act
    found = suggested(query)

    # assert
    assert [item.url for item in found] == [page.url]
    assert found[0].label == "Éclusière émérite : vos droits"


@pytest.mark.parametrize(
    "query", ["gabare f", "Gabare-Fluviale", "gab flu", "fluviale", "la gabare fl"]
)
def test_each_word_typed_starts_a_word_of_the_title(query):
    # arrange
    title = "Immatriculer sa gabare fluviale après l’achat d’un bateau d’occasion"
    guide(title, "gabare-fluviale")
    guide("Assurer sa gabare", "assurer-gabare")

    # act, assert
    assert labels(query)[0] == title


def test_a_word_is_found_while_its_elision_is_typed():
    # arrange
    title = "Faire une pré-demande de livret d’éclusière"
    guide(title, "livret-eclusiere")

    # act, assert
    assert title in labels("livret d")
    assert title in labels("livret d'é")
    assert title in labels("livret eclus")


def test_best_first_start_then_partners_guides_pages_maisons_then_shorter():
    # arrange
    standard_page("Quillevent, le pays", "quillevent-pays")
    guide("Les démarches en Quillevent", "demarches-quillevent")
    guide("Démarches au Quillevent", "demarches-au-quillevent")
    standard_page("Venir au Quillevent", "venir-quillevent")
    PartnerFactory(name="Association du Quillevent", slug="asso-quillevent")
    MaisonPageFactory(
        title="France Services du Quillevent",
        department=Department.objects.get(code="48"),
        latitude=44.5,
        longitude=3.4,
    )

    # act
    found = suggested("quillevent")

    # assert
    assert [(item.label, item.type) for item in found] == [
        ("Quillevent, le pays", type_label(Kind.PAGE)),
        ("Association du Quillevent", type_label(Kind.PARTNER)),
        ("Démarches au Quillevent", type_label(Kind.GUIDE)),
        ("Les démarches en Quillevent", type_label(Kind.GUIDE)),
        ("Venir au Quillevent", type_label(Kind.PAGE)),
        ("France Services du Quillevent", type_label(Kind.MAISON)),
    ]


def test_suggestions_are_pages_of_the_language_asked_for_only():
    # arrange
    french_page = standard_page("Le réseau de Quillevent", "reseau-quillevent")
    english = english_page("The Quillevent network", "quillevent-network")

    # act
    in_french, in_english = suggested("quillevent"), suggested("quillevent", "en")

    # assert
    assert french_page.url == "/reseau-quillevent/" and english.url == "/en/quillevent-network/"
    assert [item.url for item in in_french] == ["/reseau-quillevent/"]
    assert [(item.url, item.lang) for item in in_english] == [("/en/quillevent-network/", "en")]


def test_only_live_public_pages_are_suggested():
    # arrange
    draft = guide("Zorglub en brouillon", "zorglub-brouillon")
    draft.unpublish()
    private = standard_page("Zorglub réservé", "zorglub-reserve")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    standard_page("Zorglub dessous", "zorglub-dessous", parent=private)
    shown = standard_page("Zorglub public", "zorglub-public")

    # act, assert
    assert labels("zorglub") == [shown.title]
    assert Page.objects.get(depth=1).title not in labels("root")


def test_content_changes_show_at_once():
    # act, assert
    assert labels("zorglub") == []
    page = standard_page("Zorglub nouveau", "zorglub-nouveau")
    assert labels("zorglub") == ["Zorglub nouveau"]
    page.unpublish()
    assert labels("zorglub") == []


def test_partners_are_suggested_by_name_or_short_name_with_their_page():
    # arrange
    PartnerFactory(name="Régie quillevine des gabares", short_name="RQG", slug="rqg")
    guide("Payer la Régie quillevine", "payer-regie-quillevine")

    # act, assert
    assert suggested("rqg")[0].url == "/partenaires/rqg/"
    for query in ("rqg", "quillevine gab", "gabares"):
        found = [item for item in suggested(query) if item.type == type_label(Kind.PARTNER)]
        assert [(item.label, item.url, item.lang) for item in found] == [
            ("Régie quillevine des gabares (RQG)", "/partenaires/rqg/", "fr")
        ], query


def test_partners_in_english_are_named_in_french_until_translated():
    # arrange
    partner = PartnerFactory(name="Médiateur quillevent", slug="mediateur-quillevent")

    def partners(query: str) -> list[tuple[str, str, str]]:
        found = suggested(query, "en")
        organisation = type_label(Kind.PARTNER, "en")
        return [(item.label, item.url, item.lang) for item in found if item.type == organisation]

    url = "/en/partners/mediateur-quillevent/"
    assert partners("quillevent") == [("Médiateur quillevent", url, "fr")]
    translated = partner.copy_for_translation(locale("en"))
    translated.name = "Quillevent mediator"
    translated.save()
    assert partners("quillev") == [("Quillevent mediator", url, "en")]


def test_type_labels_name_each_kind():
    with translation.override("en"):
        assert [str(TYPE_LABELS[kind]) for kind in Kind] == [
            "Organisation",
            "Procedure guide",
            "Page",
            "France Services",
        ]


def test_the_number_of_suggestions_is_limited():
    # arrange: nine pages say "quillevent"
    for number in range(9):
        standard_page(f"Quillevent {number}", f"quillevent-{number}")

    # act, assert
    assert len(labels("quillevent")) == 8
    assert len(labels("quillevent", limit=3)) == 3
    assert labels("quillevent", limit=0) == []


@pytest.mark.parametrize("query", ["", " ", "a", "l'", "!!", "é", "'' --", "d’"])
def test_fewer_than_two_meaningful_characters_suggest_nothing(query):
    assert suggested(query) == []


def test_queries_are_few_and_do_not_grow_with_the_content(client, django_assert_max_num_queries):
    # arrange
    guide("Quillevine première", "quillevine-premiere")
    cache.clear()  # a new content version: the suggestions are gathered again
    with CaptureQueriesContext(connection) as first:
        assert client.get(ENDPOINT, {"q": "quillevine"}).status_code == 200
    for number in range(20):
        guide(f"Quillevine numéro {number}", f"quillevine-{number}")
        standard_page(f"Page de quillevine {number}", f"page-quillevine-{number}")
        PartnerFactory(name=f"Partenaire quillevine {number}", slug=f"p-quillevine-{number}")
    cache.clear()

    # act, assert
    with django_assert_max_num_queries(len(first)):
        found = client.get(ENDPOINT, {"q": "quillevine"}).json()["suggestions"]
    assert len(first) <= 10
    assert len(found) == 8
    with django_assert_max_num_queries(0):  # gathered: read from memory only
        client.get(ENDPOINT, {"q": "quillevi"})


# ------------------------------------------------------------------------------ Endpoint


def test_endpoint_answers_json_in_the_language_of_the_address(client):
    # arrange
    guide("Immatriculer sa gabare fluviale", "gabare-fluviale")
    english_page("The Quillevent network", "quillevent-network")

    # act
    response = client.get(ENDPOINT, {"q": "  gabare   f "})
    english = client.get(f"/en{ENDPOINT}", {"q": "quillevent netw"}).json()["suggestions"]

    # assert
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    payload = response.json()
    assert set(payload) == {"query", "suggestions"}
    assert payload["query"] == "gabare f"
    assert payload["suggestions"] == [
        {
            "label": "Immatriculer sa gabare fluviale",
            "url": "/demarches/gabare-fluviale/",
            "type": type_label(Kind.GUIDE),
            "lang": "fr",
        }
    ]
    assert [item["url"] for item in english] == ["/en/quillevent-network/"]
    assert english[0]["type"] == "Page"


def test_endpoint_may_be_cached_briefly_by_anyone(client):
    # arrange
    guide("Immatriculer sa gabare fluviale", "gabare-fluviale")

    # act
    response = client.get(ENDPOINT, {"q": "gabare"})

    # assert
    assert [item["label"] for item in response.json()["suggestions"]] == [
        "Immatriculer sa gabare fluviale"
    ]
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=60"}


def test_a_too_long_query_is_refused_with_a_message(client):
    assert client.get(ENDPOINT, {"q": "x" * 200}).status_code == 200
    response = client.get(ENDPOINT, {"q": "x" * 201})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "200" in response.json()["error"]
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    "query",
    [
        "",
        "a",
        "!!!???",
        '"carte grise',
        "' OR 1=1 --",
        "'; DROP TABLE wagtailcore_page; --",
        "title:(a AND",
        "carte* OR grise~2 ^3",
        "NOT -carte +grise",
        "%00",
        "\x00",
        "\\",
        "%",
        "_",
        "(((",
        "😀😀",
    ],
)
def test_odd_queries_get_a_normal_answer(client, query):
    # arrange: a guide with the words some of the queries use
    guide("Obtenir la carte grise d’une gabare", "carte-grise-gabare")

    # act
    response = client.get(ENDPOINT, {"q": query})

    # assert
    assert response.status_code == 200
    assert isinstance(response.json()["suggestions"], list)


def test_without_a_query_the_answer_is_empty(client):
    # arrange: a guide a query could suggest
    guide("Obtenir la carte grise d’une gabare", "carte-grise-gabare")

    # act, assert
    assert client.get(ENDPOINT).json() == {"query": "", "suggestions": []}


def test_only_get_is_allowed(client):
    assert client.post(ENDPOINT, {"q": "carte"}).status_code == 405


# ------------------------------------------------------------------------------ Header


def test_header_search_field_names_the_endpoint_of_its_language(client):
    for path, endpoint in (("/", ENDPOINT), ("/en/", f"/en{ENDPOINT}")):
        html = BeautifulSoup(client.get(path).content, "html.parser")
        field = html.select_one("#header-search-input")
        assert field["data-search-suggestions"] == endpoint
        assert "{n}" in field["data-label-suggestions"]
        assert field["data-label-suggestions-one"] and field["data-label-suggestions-none"]
        assert field.find_parent("form")["action"] == endpoint.removesuffix("suggestions/")
