"""The dashboards' pages: for coordinators and the national cell only."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["agent", "trainer"])
def test_the_dashboards_are_refused_to_agents_and_trainers(members, member_client, who):
    client = member_client(getattr(members, who))
    assert client.get("/espace-agents/pilotage/").status_code == 404


@pytest.mark.parametrize("who", ["coordinator", "national"])
def test_coordinators_and_the_cell_see_the_overview_privately(members, member_client, who):
    response = member_client(getattr(members, who)).get("/espace-agents/pilotage/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_an_unknown_panel_is_not_found(members, member_client):
    client = member_client(members.national)
    assert client.get("/espace-agents/pilotage/inconnu/").status_code == 404
