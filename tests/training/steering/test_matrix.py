"""The coordinator's matrix: agents of their territory by the plan's modules, with status,
rates by module and maison, refreshers due, filters, CSV and pages of 50 agents."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.models import Role
from tests.network.conftest import make_member
from training.steering.models import TrainedDefinition
from training.steering.selectors import Status

from .conftest import AFTER_DUE, BEFORE_DUE, complete, start

pytestmark = pytest.mark.django_db

URL = "/espace-agents/formation/suivi/matrice/"


@pytest.fixture
def progress(members, plan):
    """The Hérault's agent: core done, CAF-1 started, a refresher due in 30 days; the
    Puy-de-Dôme's: nothing."""
    complete(members.agent.user, plan.core)
    start(members.agent.user, plan.caf)
    complete(
        members.agent.user,
        plan.refresher,
        valid_until=BEFORE_DUE.date() + datetime.timedelta(days=30),
    )
    return plan


def statuses(page) -> dict[str, list[str]]:
    return {row.profile.user.email: row.statuses for row in page.context["rows"]}


@time_machine.travel(BEFORE_DUE, tick=False)
def test_before_the_due_date_nothing_is_overdue(members, member_client, progress):
    # arrange
    client = member_client(members.coordinator)
    # act
    page = client.get(URL)
    # assert
    assert page.status_code == 200
    assert statuses(page) == {"agent@example.org": ["done", "in_progress", "to_do", "done"]}
    rates = {
        rate.entry.code: (rate.done, rate.agents, rate.overdue)
        for rate in page.context["module_rates"]
    }
    assert rates == {
        "SOCLE-1": (1, 1, 0),
        "CAF-1": (0, 1, 0),
        "LOC-1": (0, 1, 0),
        "RECY-1": (1, 1, 0),
    }
    assert [
        (r.title, r.mandatory_done, r.mandatory_total) for r in page.context["maison_rates"]
    ] == [("France Services d’essai de Gignac", 1, 2)]
    assert [c.module_code for c in page.context["refreshers"]] == ["RECY-1"]


@time_machine.travel(AFTER_DUE, tick=False)
def test_after_the_due_date_a_mandatory_module_not_done_is_overdue(
    members, member_client, progress
):
    # arrange
    client = member_client(members.region_coordinator)
    # act
    page = client.get(URL)
    # assert
    # The refresher expired on 15 July 2026: optional, it is to do again, not overdue.
    assert statuses(page) == {"agent@example.org": ["done", "overdue", "to_do", "to_do"]}
    assert {r.entry.code: r.overdue for r in page.context["module_rates"]}["CAF-1"] == 1
    assert list(page.context["refreshers"]) == []


@time_machine.travel(BEFORE_DUE, tick=False)
def test_an_expired_mandatory_completion_is_overdue_before_the_due_date(
    members, member_client, plan
):
    # arrange
    complete(
        members.agent.user, plan.core, valid_until=BEFORE_DUE.date() - datetime.timedelta(days=1)
    )
    client = member_client(members.coordinator)
    # act
    page = client.get(URL)
    overdue = client.get(URL, {"status": "overdue"})
    # assert
    assert statuses(page)["agent@example.org"][0] == "overdue"
    assert list(statuses(overdue)) == ["agent@example.org"]


@time_machine.travel(BEFORE_DUE, tick=False)
def test_the_cells_due_date_replaces_the_plans_year_end(members, member_client, progress):
    # arrange
    definition = TrainedDefinition.load()
    definition.due_date = datetime.date(2026, 3, 31)
    definition.save()
    client = member_client(members.coordinator)
    # act
    page = client.get(URL)
    # assert
    assert statuses(page)["agent@example.org"][:2] == ["done", "overdue"]


@time_machine.travel(BEFORE_DUE, tick=False)
def test_each_coordinator_sees_their_territory_only(members, member_client, progress):
    # arrange
    herault, puy, cell = members.coordinator, members.other_coordinator, members.national
    # act
    seen = {who: list(statuses(member_client(who).get(URL))) for who in (herault, puy, cell)}
    # assert
    assert seen[herault] == ["agent@example.org"]
    assert seen[puy] == ["autre@example.org"]
    assert sorted(seen[cell]) == ["agent@example.org", "autre@example.org"]


@pytest.mark.parametrize("who", ["agent", "trainer"])
def test_agents_and_trainers_are_refused(members, member_client, plan, who):
    # arrange
    client = member_client(getattr(members, who))
    # act
    page = client.get(URL)
    csv = client.get(URL, {"format": "csv"})
    # assert
    assert page.status_code == csv.status_code == 404


@time_machine.travel(BEFORE_DUE, tick=False)
def test_filters_by_module_and_status(members, member_client, progress):
    # arrange
    client = member_client(members.national)
    caf = str(progress.caf.pk)
    # act
    started = client.get(URL, {"module": caf, "status": "in_progress"})
    to_do = client.get(URL, {"module": caf, "status": "to_do"})
    by_department = client.get(URL, {"department": "63"})
    by_maison = client.get(URL, {"maison": "gignac"})
    no_module = client.get(URL, {"status": "done"})
    unknown = client.get(URL, {"module": "nope", "department": "999"})
    # assert
    assert list(statuses(started)) == ["agent@example.org"]
    assert list(statuses(to_do)) == ["autre@example.org"]
    assert list(statuses(by_department)) == ["autre@example.org"]
    assert list(statuses(by_maison)) == ["agent@example.org"]
    assert no_module.status_code == 200 and "module" in no_module.context["form"].errors
    assert unknown.status_code == 200
    assert unknown.context["form"].errors.keys() == {"module", "department"}


@time_machine.travel(AFTER_DUE, tick=False)
def test_every_table_downloads_as_csv(members, member_client, progress):
    # arrange
    client = member_client(members.coordinator)

    def table(name):
        response = client.get(URL, {"format": "csv", "table": name})
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        return response.content.decode("utf-8-sig").splitlines()

    # act
    matrix, modules, maisons, late = (
        table(n) for n in ("matrice", "modules", "maisons", "retards")
    )
    # assert
    assert matrix == [
        "nom,prenom,france_services,SOCLE-1,CAF-1,LOC-1,RECY-1",
        "Testeur,Agent,France Services d’essai de Gignac,"
        + ",".join(str(Status.labels[s]) for s in ("done", "overdue", "to_do", "to_do")),
    ]
    assert modules[2] == "CAF-1,Prestations CAF,True,1,0,0,1"
    assert maisons == [
        "france_services,agents,obligatoires_termines,obligatoires,taux",
        "France Services d’essai de Gignac,1,1,2,50",
    ]
    assert late == [
        "nom,prenom,france_services,code,module",
        "Testeur,Agent,France Services d’essai de Gignac,CAF-1,Prestations CAF",
    ]


@time_machine.travel(BEFORE_DUE, tick=False)
def test_refreshers_due_within_90_days_download_as_csv(members, member_client, progress):
    # arrange
    complete(
        members.agent.user,
        progress.local,
        valid_until=BEFORE_DUE.date() + datetime.timedelta(days=120),
    )
    client = member_client(members.coordinator)
    # act
    rows = client.get(URL, {"format": "csv", "table": "recyclages"}).content.decode("utf-8-sig")
    # assert
    assert rows.splitlines() == [
        "nom,prenom,france_services,code,module,valide_jusqu_au",
        "Testeur,Agent,France Services d’essai de Gignac,RECY-1,Recyclage,2026-07-15",
    ]


@time_machine.travel(BEFORE_DUE, tick=False)
def test_the_matrix_pages_50_agents_in_the_same_queries(members, member_client, progress):
    # arrange
    client = member_client(members.coordinator)
    client.get(URL)
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    for number in range(60):
        agent = make_member(f"a{number:02d}@example.org", Role.AGENT, maison=members.maison("34"))
        complete(agent.user, progress.core)
        start(agent.user, progress.caf)
    # act
    with CaptureQueriesContext(connection) as full:
        page = client.get(URL)
    second = client.get(URL, {"page": 2})
    # assert
    assert len(page.context["rows"]) == 50 and len(second.context["rows"]) == 11
    assert len(full) == len(small)
