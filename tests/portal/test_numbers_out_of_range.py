"""Numbers past what a database holds (2**63 and beyond), or no number at all, in every
public parameter and form that takes one: a 400 with a JSON error from the API, a form
error or a 404 from the pages, never a 500 (nor an OverflowError on SQLite)."""

import json

import pytest

from network.models import JoinRequest
from tests.factories import GuidePageFactory, MaisonPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

HUGE = [str(2**63), "9" * 30, f"-{2**63}"]
LARGEST = str(2**63 - 1)


@pytest.fixture
def site():
    MaisonPageFactory(hours=[(1, "09:00", "17:00")])
    NewsPageFactory()
    return GuidePageFactory()


@pytest.mark.parametrize("number", HUGE)
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/maisons/?offset={n}",
        "/api/v1/maisons/?limit=5&offset={n}",
        "/api/v1/maisons/?near=43.61,3.88&offset={n}",
        "/api/v1/maisons/?limit={n}",
        "/api/v1/maisons/?near=43.61,3.88&radius_km={n}",
        "/api/v1/maisons/?near={n},{n}",
        "/api/v1/communes/?q=mont&limit={n}",
    ],
)
def test_the_api_answers_a_number_out_of_range_with_a_json_error(client, site, url, number):
    # arrange / act
    response = client.get(url.format(n=number))
    # assert
    assert response.status_code == 400
    assert json.loads(response.content)["detail"]


@pytest.mark.parametrize("number", HUGE)
def test_the_api_answers_an_id_out_of_range_as_unknown(client, site, number):
    # arrange / act
    response = client.get(f"/api/v1/maisons/{number}")
    # assert
    assert response.status_code in {400, 404}
    assert json.loads(response.content)["detail"]


def test_the_largest_offset_is_an_empty_page(client, site):
    # arrange / act
    response = client.get(f"/api/v1/maisons/?offset={LARGEST}")
    # assert
    assert response.status_code == 200
    assert response.json()["results"] == []
    assert response.json()["count"] >= 1


@pytest.mark.parametrize("number", [*HUGE, "1e400"])
@pytest.mark.parametrize(
    "url",
    [
        "/maisons/?q=34000&page={n}",
        "/maisons/?lat={n}&lon={n}",
        "/maisons/?lat=43.61&lon=3.88&radius={n}",
        "/maisons/?lat=43.61&lon=3.88&page={n}",
        "/maisons/?commune={n}",
        "/maisons/embed/?lat=43.61&lon=3.88&page={n}",
        "/maisons/departement/{n}/",
        "/demarches/?page={n}",
        "/demarches/?q=essai&page={n}",
        "/recherche/?q=essai&page={n}",
        "/actualites/?page={n}",
        "/documents/{n}/fichier.pdf",
        "/_util/authenticate_with_password/{n}/{n}/",
        "/en/maisons/?q=34000&page={n}",
    ],
)
def test_pages_answer_a_number_out_of_range_without_an_error(client, site, url, number):
    # arrange / act
    response = client.get(url.format(n=number))
    # assert
    assert response.status_code in {200, 404}


@pytest.mark.parametrize("number", HUGE)
def test_a_guides_help_near_you_refuses_a_position_out_of_range(client, site, number):
    # arrange / act
    response = client.get(site.url, {"lat": number, "lon": number})
    # assert
    assert response.status_code == 200
    assert response.context["help"].errors


@pytest.mark.parametrize("number", HUGE)
def test_a_join_request_for_a_maison_out_of_range_is_a_form_error(client, site, number):
    # arrange
    data = {
        "first_name": "Camille",
        "last_name": "Essai",
        "email": "camille@example.org",
        "maison": number,
        "message": "Bonjour",
    }
    # act
    response = client.post("/espace-agents/rejoindre/", data)
    # assert
    assert response.status_code == 200
    assert "maison" in response.context["form"].errors
    assert not JoinRequest.objects.exists()
