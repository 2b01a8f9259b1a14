"""Each maison's trained agents (0, 1, 2+) and the maisons below two, for coordinators
(their territory) and the national cell (all); refused to agents and trainers."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Department
from network.models import Role
from tests.factories import MaisonPageFactory
from tests.network.conftest import make_member

from .conftest import BEFORE_DUE, complete, train

pytestmark = pytest.mark.django_db

URL = "/espace-agents/formation/suivi/maisons/"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(BEFORE_DUE, tick=False) as traveller:
        yield traveller


@pytest.fixture
def herault(members, plan):
    """In the Hérault: Gignac with one trained agent (and one who lacks CAF-1, and an
    inactive trained one), Lodève with two, Pézenas with none and no agent; in the
    Puy-de-Dôme: Ambert with no trained agent."""
    train(members.agent.user, plan)
    lacking = make_member("manque@example.org", Role.AGENT, maison=members.maison("34"))
    complete(lacking.user, plan.core)
    gone = make_member("parti@example.org", Role.AGENT, maison=members.maison("34"))
    train(gone.user, plan)
    gone.user.is_active = False
    gone.user.save()
    lodeve = MaisonPageFactory(title="France Services de Lodève")
    for name in ("un", "deux"):
        train(make_member(f"{name}@example.org", Role.AGENT, maison=lodeve).user, plan)
    MaisonPageFactory(title="France Services de Pézenas")
    return lodeve


def test_a_coordinator_sees_their_maisons_by_trained_agents(members, member_client, herault):
    # arrange
    client = member_client(members.coordinator)
    # act
    page = client.get(URL)
    html = page.content.decode()
    # assert
    assert page.status_code == 200
    assert page.context["overview"].counts == {"none": 1, "one": 1, "two_or_more": 1}
    below = [(row.title, row.trained) for row in page.context["page_obj"]]
    assert below == [("France Services de Pézenas", 0), ("France Services d’essai de Gignac", 1)]
    gignac = page.context["page_obj"][1]
    assert [(agent.name, agent.lacks) for agent in gignac.agents] == [
        ("Agent Testeur", []),
        ("Manque Testeur", ["CAF-1"]),
    ]
    assert "Ambert" not in html and "Lodève" not in html


def test_another_departments_coordinator_sees_only_theirs(members, member_client, herault):
    # arrange
    client = member_client(members.other_coordinator)
    # act
    page = client.get(URL)
    # assert
    assert page.context["overview"].counts == {"none": 1, "one": 0, "two_or_more": 0}
    assert [row.title for row in page.context["page_obj"]] == ["France Services d’essai d’Ambert"]


def test_the_national_cell_filters_by_department_and_downloads_csv(
    members, member_client, herault
):
    # arrange
    client = member_client(members.national)
    # act
    puy = client.get(URL, {"department": "63"})
    csv = client.get(URL, {"department": "34", "format": "csv"}).content.decode("utf-8-sig")
    # assert
    assert [row.title for row in puy.context["page_obj"]] == ["France Services d’essai d’Ambert"]
    assert csv.splitlines() == [
        "france_services,departement,agents_formes,agent,modules_manquants",
        "France Services de Pézenas,Hérault (34),0,,",
        "France Services d’essai de Gignac,Hérault (34),1,Agent Testeur,",
        "France Services d’essai de Gignac,Hérault (34),1,Manque Testeur,CAF-1",
    ]


def test_an_unknown_department_is_a_form_error_not_a_failure(members, member_client, herault):
    # arrange
    client = member_client(members.national)
    # act
    page = client.get(URL, {"department": "999", "region": "nowhere"})
    # assert
    assert page.status_code == 200
    assert page.context["form"].errors.keys() == {"department", "region"}


@pytest.mark.parametrize("who", ["agent", "trainer"])
def test_agents_and_trainers_are_refused(members, member_client, herault, who):
    # arrange
    client = member_client(getattr(members, who))
    # act
    page = client.get(URL)
    # assert
    assert page.status_code == 404


def test_the_list_costs_the_same_queries_for_more_maisons(members, member_client, plan):
    # arrange
    client = member_client(members.national)
    client.get(URL)
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    gard = Department.objects.get(code="30")
    for number in range(6):
        maison = MaisonPageFactory(department=gard, postcode="30000")
        agent = make_member(f"gard{number}@example.org", Role.AGENT, maison=maison)
        if number % 2:
            train(agent.user, plan)
    # act
    with CaptureQueriesContext(connection) as full:
        page = client.get(URL)
    # assert
    assert page.context["overview"].counts["none"] == 5  # Gignac, Ambert and 3 in the Gard
    assert len(full) == len(small)


def test_a_completion_expiring_today_still_counts(members, member_client, plan):
    # arrange
    for number in range(2):
        agent = make_member(f"limite{number}@example.org", Role.AGENT, maison=members.maison("63"))
        train(agent.user, plan, valid_until=BEFORE_DUE.date())
    client = member_client(members.other_coordinator)
    # act
    today = client.get(URL)
    with time_machine.travel(BEFORE_DUE + datetime.timedelta(days=1), tick=False):
        tomorrow = member_client(members.other_coordinator).get(URL)
    # assert
    assert today.context["overview"].counts == {"none": 0, "one": 0, "two_or_more": 1}
    assert tomorrow.context["overview"].counts == {"none": 1, "one": 0, "two_or_more": 0}
