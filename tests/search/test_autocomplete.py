"""Search suggestions: the selector (``search.autocomplete.suggestions``) and the JSON
endpoint ``/recherche/suggestions/`` the search fields call."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction

from directory.models import GuidePage, Partner
from home.factories import ensure_child_page
from home.models import HomePage, StandardPage
from search.autocomplete import TYPE_LABELS, Kind, suggestions

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


def french_home() -> HomePage:
    return HomePage.objects.get(locale__language_code="fr")


def standard_page(title: str, slug: str) -> StandardPage:
    return ensure_child_page(french_home(), StandardPage, slug=slug, title=title)


def guide_copy(title: str, slug: str) -> GuidePage:
    source = GuidePage.objects.get(slug="prime-activite", locale__language_code="fr")
    copy = source.copy(update_attrs={"slug": slug, "title": title})
    copy.save_revision().publish()
    return copy


# ------------------------------------------------------------------------------ Selector


@pytest.mark.parametrize("query", ["secu", "SÉCU", "sécu", "Sécurité soc", "sociale secu"])
def test_accents_case_and_word_order_do_not_matter(demo_site, query):
    page = standard_page("Sécurité sociale : vos droits", "securite-sociale")
    found = suggested(query)
    assert [item.url for item in found] == [page.url]
    assert found[0].label == "Sécurité sociale : vos droits"


@pytest.mark.parametrize("query", ["carte g", "Carte-Grise", "cart gri", "grise", "la carte gr"])
def test_each_word_typed_starts_a_word_of_the_title(demo_site, query):
    assert labels(query)[0] == "Faire sa carte grise après l’achat d’un véhicule d’occasion"


def test_a_word_is_found_while_its_elision_is_typed(demo_site):
    title = "Faire une pré-demande de carte d’identité"
    assert title in labels("carte d")
    assert title in labels("carte d'i")
    assert title in labels("carte identi")


def test_best_first_start_then_partners_guides_pages_maisons_then_shorter(demo_site):
    standard_page("Lodévois, le pays", "lodevois-pays")
    guide_copy("Les démarches en Lodévois", "demarches-lodevois")
    guide_copy("Démarches au Lodévois", "demarches-au-lodevois")
    standard_page("Venir au Lodévois", "venir-lodevois")
    Partner.objects.create(name="Association du Lodévois", slug="asso-lodevois", locale=locale())

    found = suggested("lodevois")

    assert [(item.label, item.type) for item in found] == [
        ("Lodévois, le pays", type_label(Kind.PAGE)),
        ("Association du Lodévois", type_label(Kind.PARTNER)),
        ("Démarches au Lodévois", type_label(Kind.GUIDE)),
        ("Les démarches en Lodévois", type_label(Kind.GUIDE)),
        ("Venir au Lodévois", type_label(Kind.PAGE)),
        ("France Services du Lodévois", type_label(Kind.MAISON)),
    ]


def test_suggestions_are_pages_of_the_language_asked_for_only(demo_site):
    french, english = suggested("reseau"), suggested("network", "en")
    assert "/le-reseau/" in [item.url for item in french]
    assert "/en/network/" in [item.url for item in english]
    assert not [item for item in suggested("network") if item.url.startswith("/en/")]
    assert "/le-reseau/" not in [item.url for item in suggested("reseau", "en")]
    assert {item.lang for item in english if item.url == "/en/network/"} == {"en"}


def test_only_live_public_pages_are_suggested(demo_site):
    draft = guide_copy("Zorglub en brouillon", "zorglub-brouillon")
    draft.unpublish()
    private = standard_page("Zorglub réservé", "zorglub-reserve")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    ensure_child_page(private, StandardPage, slug="zorglub-dessous", title="Zorglub dessous")
    shown = standard_page("Zorglub public", "zorglub-public")

    assert labels("zorglub") == [shown.title]
    assert Page.objects.get(depth=1).title not in labels("root")


def test_content_changes_show_at_once(demo_site):
    assert labels("zorglub") == []
    page = standard_page("Zorglub nouveau", "zorglub-nouveau")
    assert labels("zorglub") == ["Zorglub nouveau"]
    page.unpublish()
    assert labels("zorglub") == []


def test_partners_are_suggested_by_name_or_short_name_with_their_page(demo_site):
    assert suggested("caf")[0].url == "/partenaires/caf/"
    for query in ("caf", "allocations fam", "caisse"):
        found = [item for item in suggested(query) if item.type == type_label(Kind.PARTNER)]
        assert [(item.label, item.url, item.lang) for item in found] == [
            ("Caisse d’allocations familiales (CAF)", "/partenaires/caf/", "fr")
        ], query


def test_partners_in_english_are_named_in_french_until_translated(demo_site):
    def partners(query: str) -> list[tuple[str, str, str]]:
        found = suggested(query, "en")
        organisation = type_label(Kind.PARTNER, "en")
        return [(item.label, item.url, item.lang) for item in found if item.type == organisation]

    url = "/en/partners/conciliateur/"
    assert partners("conciliateur") == [("Conciliateur de justice", url, "fr")]
    partner = Partner.objects.get(slug="conciliateur", locale__language_code="fr")
    translated = partner.copy_for_translation(locale("en"))
    translated.name = "Conciliator of justice"
    translated.save()
    assert partners("conciliat") == [("Conciliator of justice", url, "en")]


def test_type_labels_name_each_kind(demo_site):
    with translation.override("en"):
        assert [str(TYPE_LABELS[kind]) for kind in Kind] == [
            "Organisation",
            "Procedure guide",
            "Page",
            "France Services",
        ]


def test_the_number_of_suggestions_is_limited(demo_site):
    assert len(labels("france")) == 8
    assert len(labels("france", limit=3)) == 3
    assert labels("france", limit=0) == []


@pytest.mark.parametrize("query", ["", " ", "a", "l'", "!!", "é", "'' --", "d’"])
def test_fewer_than_two_meaningful_characters_suggest_nothing(demo_site, query):
    assert suggested(query) == []


def test_queries_are_few_and_do_not_grow_with_the_content(
    demo_site, client, django_assert_max_num_queries
):
    cache.clear()  # a new content version: the suggestions are gathered again
    with CaptureQueriesContext(connection) as first:
        assert client.get(ENDPOINT, {"q": "demande"}).status_code == 200
    assert len(first) <= 10
    for number in range(20):
        guide_copy(f"Demande numéro {number}", f"demande-{number}")
        standard_page(f"Page de demande {number}", f"page-demande-{number}")
        Partner.objects.create(name=f"Partenaire {number}", slug=f"p-{number}", locale=locale())

    cache.clear()
    with django_assert_max_num_queries(len(first)):
        found = client.get(ENDPOINT, {"q": "demande"}).json()["suggestions"]
    assert len(found) == 8
    with django_assert_max_num_queries(0):  # gathered: read from memory only
        client.get(ENDPOINT, {"q": "deman"})


# ------------------------------------------------------------------------------ Endpoint


def test_endpoint_answers_json_in_the_language_of_the_address(demo_site, client):
    response = client.get(ENDPOINT, {"q": "  carte   g "})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    payload = response.json()
    assert set(payload) == {"query", "suggestions"}
    assert payload["query"] == "carte g"
    first = payload["suggestions"][0]
    assert set(first) == {"label", "url", "type", "lang"}
    assert first["url"] == "/demarches/carte-grise/"
    assert first["type"] == type_label(Kind.GUIDE)

    english = client.get(f"/en{ENDPOINT}", {"q": "netw"}).json()["suggestions"]
    assert [item["url"] for item in english] == ["/en/network/"]
    assert english[0]["type"] == "Page"


def test_endpoint_may_be_cached_briefly_by_anyone(demo_site, client):
    response = client.get(ENDPOINT, {"q": "carte"})
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=60"}


def test_a_too_long_query_is_refused_with_a_message(demo_site, client):
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
def test_odd_queries_get_a_normal_answer(demo_site, client, query):
    response = client.get(ENDPOINT, {"q": query})
    assert response.status_code == 200
    assert isinstance(response.json()["suggestions"], list)


def test_without_a_query_the_answer_is_empty(demo_site, client):
    assert client.get(ENDPOINT).json() == {"query": "", "suggestions": []}


def test_only_get_is_allowed(demo_site, client):
    assert client.post(ENDPOINT, {"q": "carte"}).status_code == 405


# ------------------------------------------------------------------------------ Header


def test_header_search_field_names_the_endpoint_of_its_language(demo_site, client):
    for path, endpoint in (("/", ENDPOINT), ("/en/", f"/en{ENDPOINT}")):
        html = BeautifulSoup(client.get(path).content, "html.parser")
        field = html.select_one("#header-search-input")
        assert field["data-search-suggestions"] == endpoint
        assert "{n}" in field["data-label-suggestions"]
        assert field["data-label-suggestions-one"] and field["data-label-suggestions-none"]
        assert field.find_parent("form")["action"] == endpoint.removesuffix("suggestions/")
