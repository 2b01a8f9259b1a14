"""What the site search records, the editors' promoted results and the report of
searches without results.

The searches with results find a guide the test builds (factories), with words the demo
does not use ("gabare fluviale")."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import UnansweredSearch
from tests.auth import login_with_second_factor
from tests.factories import GuidePageFactory

pytestmark = pytest.mark.django_db


def test_each_search_is_counted_and_those_without_results_too(client):
    # arrange
    GuidePageFactory(title="Immatriculer sa gabare fluviale")

    # act
    client.get("/recherche/", {"q": "gabare fluviale"})
    client.get("/recherche/", {"q": "gabare fluviale", "page": 2})  # turning pages: not counted
    client.get("/recherche/", {"q": "zzyzx introuvable"})
    client.get("/recherche/", {"q": "zzyzx introuvable"})

    # assert
    assert Query.get("gabare fluviale").hits == 1
    assert not UnansweredSearch.objects.filter(query__query_string="gabare fluviale").exists()
    assert UnansweredSearch.objects.get(query__query_string="zzyzx introuvable").hits == 2


def test_a_search_without_words_records_nothing(client):
    for query in ("   ", "!!!", "\x00"):
        assert client.get("/recherche/", {"q": query}).status_code == 200
    assert not Query.objects.exists()


def test_searches_are_kept_as_their_words(client):
    # arrange
    GuidePageFactory(title="Immatriculer sa gabare fluviale")

    # act
    client.get("/recherche/", {"q": "Gabare-Fluviale !"})
    client.get("/recherche/", {"q": "gabare fluviale"})

    # assert
    assert Query.objects.get().query_string == "gabare fluviale"
    assert Query.objects.get().hits == 2


def test_promoted_results_come_first_and_only_live_pages(client):
    # arrange
    guide = GuidePageFactory(title="Prime quillevine", slug="prime-quillevine")
    hidden = GuidePageFactory(title="Aide quillevine", slug="aide-quillevine")
    query = Query.get("argent")
    SearchPromotion.objects.create(query=query, page=guide, description="La fiche", sort_order=0)
    SearchPromotion.objects.create(query=query, page=hidden, sort_order=1)
    hidden.unpublish()

    # act
    html = BeautifulSoup(client.get("/recherche/", {"q": "Argent"}).content, "html.parser")

    # assert
    links = html.select("section[aria-labelledby=promoted-heading] a")
    assert [a["href"] for a in links] == ["/demarches/prime-quillevine/"]
    assert guide.url == "/demarches/prime-quillevine/"


def test_the_report_lists_searches_without_results_for_administrators_only(client):
    client.get("/recherche/", {"q": "zzyzx introuvable"})
    editor = get_user_model().objects.create_user("editor@example.org", "pass-w0rd-Long")
    editor.groups.add(Group.objects.get(name="Editors"))
    login_with_second_factor(client, editor)
    assert client.get("/admin/reports/recherches-sans-resultat/").status_code in {302, 403}
    admin = get_user_model().objects.create_superuser("root@example.org", "pass-w0rd-Long")
    login_with_second_factor(client, admin)
    response = client.get("/admin/reports/recherches-sans-resultat/")
    assert response.status_code == 200
    assert "zzyzx introuvable" in response.content.decode()
