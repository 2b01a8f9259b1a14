"""The coordinators' queue and the steering panel: their figures within the territory,
the CSV equal to the table, and a number of queries that does not grow with the data."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Department
from network.maison_changes import panel, services
from network.selectors import maisons_covered
from network.steering.scope import SteeringScope
from tests.factories import MaisonPageFactory

from .conftest import QUEUE

pytestmark = pytest.mark.django_db


def _pending(count: int, department: str, agent) -> None:
    for number in range(count):
        maison = MaisonPageFactory(department=Department.objects.get(code=department))
        services.propose(
            maison=maison,
            sections={"contact": {"phone": f"04 67 00 00 {number:02d}"}},
            user=agent.user,
        )


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_queue_and_the_panel_take_as_many_queries_for_3_or_12_changes(members, member_client):
    client = member_client(members.national)
    _pending(3, "34", members.agent)
    for path in (QUEUE, PANEL):  # the site's caches (sites, locales) warmed
        client.get(path)
    small = [_queries(client, path) for path in (QUEUE, PANEL, f"{QUEUE}?format=csv")]
    _pending(9, "63", members.agent)
    large = [_queries(client, path) for path in (QUEUE, PANEL, f"{QUEUE}?format=csv")]
    assert small == large


PANEL = "/espace-agents/pilotage/modifications-en-attente/"


def test_the_queue_csv_is_the_table_of_the_territory(members, member_client):
    _pending(2, "34", members.agent)
    _pending(1, "63", members.other_agent)
    response = member_client(members.coordinator).get(f"{QUEUE}?format=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["departement"] for row in rows] == ["34", "34"]
    assert {row["rubriques"] for row in rows} == {"Contact"}
    assert rows[0]["proposee_le"] == "2026-12-03"


def test_the_panel_counts_pending_changes_by_department_in_the_scope(members, member_client):
    _pending(2, "34", members.agent)
    _pending(1, "63", members.other_agent)
    national = SteeringScope(profile=members.national, maisons=maisons_covered(members.national))
    assert panel.card(national)["count"] == 3
    herault = SteeringScope(
        profile=members.coordinator, maisons=maisons_covered(members.coordinator)
    )
    assert panel.card(herault)["count"] == 2
    table = panel.csv(None, herault)
    assert list(table.rows) == [("34", "Hérault", 2, "2026-12-03")]
    page = member_client(members.coordinator).get(PANEL).content.decode()
    assert "Modifications en attente par département" in page
    assert "Puy-de-Dôme" not in page
