"""The dashboards' training panel: maisons by their number of trained agents, modules'
completion and national partners' certifications held and expiring, for the member's
territory, with its CSV and drill-downs to the training follow-up."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.models import Role
from tests.factories import MaisonPageFactory, PartnerFactory
from tests.network.conftest import make_member
from tests.network.steering.panels_support import csv_rows
from tests.training.certifications_members.conftest import make_credential, make_definition
from training.certifications.models import CredentialStatus

from .conftest import BEFORE_DUE, complete, train

pytestmark = pytest.mark.django_db

URL = "/espace-agents/pilotage/formation/"
LASTING = BEFORE_DUE + datetime.timedelta(days=700)
SOON = BEFORE_DUE + datetime.timedelta(days=30)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(BEFORE_DUE, tick=False):
        yield


def certify(profile, definition, *, until=LASTING, **fields):
    return make_credential(
        profile.user,
        definition,
        issued_at=BEFORE_DUE - datetime.timedelta(days=30),
        valid_until=until,
        **fields,
    )


@pytest.fixture
def network(members, plan):
    """Hérault: Gignac with one trained agent (and one lacking the CAF module), Lodève with
    two, Pézenas with none; Puy-de-Dôme: Ambert with one. A national partner's
    certification held for long in Gignac and Ambert, expiring within 90 days in Lodève,
    and revoked for Lodève's other agent."""
    train(members.agent.user, plan)
    lacking = make_member("manque@example.org", Role.AGENT, maison=members.maison("34"))
    complete(lacking.user, plan.core)
    lodeve = MaisonPageFactory(title="France Services de Lodève")
    first, second = (
        make_member(f"{name}@example.org", Role.AGENT, maison=lodeve) for name in ("un", "deux")
    )
    train(first.user, plan)
    train(second.user, plan)
    MaisonPageFactory(title="France Services de Pézenas")
    train(members.other_agent.user, plan)
    definition = make_definition(
        PartnerFactory(name="ANTS d’essai", national=True), title="Titres sécurisés"
    )
    certify(members.agent, definition)
    certify(members.other_agent, definition)
    certify(first, definition, until=SOON)
    certify(second, definition, status=CredentialStatus.REVOKED)
    return definition


def rates(response) -> dict[str, tuple[int, int]]:
    return {rate.entry.code: (rate.done, rate.agents) for rate in response.context["modules"]}


def test_the_national_cell_sees_the_whole_network(members, member_client, network):
    # act
    response = member_client(members.national).get(URL)
    # assert
    assert response.status_code == 200
    assert response.context["counts"] == {"none": 1, "one": 2, "two_or_more": 1}
    assert rates(response) == {
        "SOCLE-1": (5, 5),
        "CAF-1": (4, 5),
        "LOC-1": (0, 5),
        "RECY-1": (0, 5),
    }
    [held] = response.context["certifications"]
    assert (held.title, held.agents, held.maisons, held.expiring) == ("Titres sécurisés", 3, 3, 1)
    bars = [bar.value for bar in response.context["modules_chart"].bars]
    assert bars == [100, 80, 0, 0]


def test_a_coordinator_sees_their_department_only(members, member_client, network):
    # arrange
    client = member_client(members.coordinator)
    # act
    response = client.get(URL)
    rows = csv_rows(client.get(URL, {"format": "csv"}))
    # assert
    assert response.context["counts"] == {"none": 1, "one": 1, "two_or_more": 1}
    assert rates(response)["CAF-1"] == (3, 4)
    [held] = response.context["certifications"]
    assert (held.agents, held.maisons, held.expiring) == (2, 2, 1)
    assert ["certification_detenue", network.code, "Titres sécurisés", "2", "4", "50.0"] in rows
    assert "Ambert" not in response.content.decode()


def test_the_csv_equals_the_tables(members, member_client, network):
    # arrange
    client = member_client(members.national)
    context = client.get(URL).context
    counts, maisons, agents = context["counts"], context["maisons"], context["agents"]
    # act
    rows = csv_rows(client.get(URL, {"format": "csv"}))
    # assert
    assert rows[0] == ["indicateur", "code", "libelle", "valeur", "sur", "pourcentage"]
    assert rows[1:4] == [
        ["maisons_par_agents_formes", "0", "Aucun agent formé", str(counts["none"]), "4", "25.0"],
        ["maisons_par_agents_formes", "1", "Un agent formé", str(counts["one"]), "4", "50.0"],
        ["maisons_par_agents_formes", "2+", "Deux ou plus", "1", str(maisons), "25.0"],
    ]
    modules = [row[1:5] for row in rows if row[0] == "module_termine"]
    assert modules == [
        [rate.entry.code, rate.entry.title, str(rate.done), str(agents)]
        for rate in context["modules"]
    ]
    assert [row[3:] for row in rows if row[0].startswith("certification")] == [
        ["3", "5", "60.0"],
        ["1", "3", "33.3"],
    ]


def test_the_drill_downs_lead_to_the_training_follow_up(members, member_client, network):
    # arrange
    client = member_client(members.coordinator)
    context = client.get(URL).context
    none, one, _two = context["trained_chart"].bars
    module = context["modules_chart"].bars[1]
    # act
    maisons = client.get(none.href)
    matrix = client.get(module.href)
    # assert
    assert none.href == one.href == "/espace-agents/formation/suivi/maisons/"
    assert maisons.status_code == 200
    assert "France Services de Pézenas" in maisons.content.decode()
    assert module.href.startswith("/espace-agents/formation/suivi/matrice/?module=")
    assert matrix.status_code == 200


@pytest.mark.parametrize("who", ["agent", "trainer"])
def test_agents_and_trainers_are_refused(members, member_client, who):
    assert member_client(getattr(members, who)).get(URL).status_code == 404


def test_the_page_costs_the_same_queries_for_more_maisons(members, member_client, plan, network):
    # arrange
    client = member_client(members.national)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for number in range(4):
        maison = MaisonPageFactory(title=f"France Services nouvelle {number}")
        agent = make_member(f"nouveau{number}@example.org", Role.AGENT, maison=maison)
        train(agent.user, plan)
        certify(agent, network)
    # act
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    # assert
    assert response.context["counts"]["one"] == 6
    assert len(few) == len(many)
