"""The freshness panel: maisons whose information nobody confirmed for 12 months, by the
age of their last confirmation, per department, listed and downloaded."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Department
from tests.factories import MaisonPageFactory

from .panels_support import csv_rows

pytestmark = pytest.mark.django_db

URL = "/espace-agents/pilotage/fraicheur/"
TODAY = datetime.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2026, 12, 7, 10, tzinfo=datetime.UTC), tick=False):
        yield


def confirmed(title: str, day: datetime.date | None, code: str = "34"):
    return MaisonPageFactory(
        title=title,
        information_confirmed_on=day,
        department=Department.objects.get(code=code),
    )


@pytest.fixture
def maisons(members):
    """Gignac (34) and Ambert (63), from ``members``, never confirmed; in the Hérault, one
    maison per age of its last confirmation, and one confirmed exactly 12 months ago (not
    stale yet)."""
    return {
        "recent": confirmed("FS de Lodève", datetime.date(2026, 11, 1)),
        "3_6": confirmed("FS de Pézenas", datetime.date(2026, 7, 1)),
        "6_12": confirmed("FS de Sète", datetime.date(2026, 3, 1)),
        "twelve": confirmed("FS de Lunel", datetime.date(2025, 12, 7)),
        "old": confirmed("FS de Ganges", datetime.date(2025, 12, 6)),
    }


def bars(response) -> dict[str, float]:
    return {str(bar.label): bar.value for bar in response.context["chart"].bars}


def test_the_national_cell_sees_every_maison_by_age(members, member_client, maisons):
    # act
    response = member_client(members.national).get(URL)
    # assert
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert list(bars(response).values()) == [1, 1, 2, 1, 2]  # recent … never
    stale = [maison.title for maison in response.context["page_obj"]]
    assert stale == [
        "France Services d’essai de Gignac",
        "France Services d’essai d’Ambert",
        "FS de Ganges",
    ]
    # Hérault: 2 stale of 6; Puy-de-Dôme: 1 of 1.
    assert response.context["department_map"].values == {"34": 33.3, "63": 100.0}


def test_the_page_says_never_confirmed_apart(members, member_client, maisons):
    # act
    content = member_client(members.national).get(URL).content.decode()
    # assert
    assert "jamais confirmée" in content
    assert "Plus de 12 mois" in content
    assert "06/12/2025" in content


def test_the_csv_equals_the_list(members, member_client, maisons):
    # arrange
    client = member_client(members.national)
    listed = [
        [m.source_id, m.title, m.department.code, str(m.information_confirmed_on or "")]
        for m in client.get(URL).context["page_obj"]
    ]
    # act
    rows = csv_rows(client.get(URL, {"format": "csv"}))
    # assert
    assert rows[0] == ["id_fs", "nom", "departement", "confirmee_le"]
    assert rows[1:] == listed
    assert rows[3][3] == "2025-12-06"


def test_a_coordinator_sees_only_their_department(members, member_client, maisons):
    # arrange
    client = member_client(members.coordinator)
    # act
    response = client.get(URL)
    rows = csv_rows(client.get(URL, {"format": "csv"}))
    # assert
    assert "Ambert" not in response.content.decode()
    assert sum(bars(response).values()) == 6
    assert response.context["department_map"].values == {"34": 33.3}
    assert [row[1] for row in rows[1:]] == ["France Services d’essai de Gignac", "FS de Ganges"]


def test_a_bar_drills_down_to_its_maisons(members, member_client, maisons):
    # arrange
    client = member_client(members.national)
    never = client.get(URL).context["chart"].bars[-1]
    # act
    response = client.get(URL + never.href)
    # assert
    assert never.href == "?band=never"
    assert [m.title for m in response.context["page_obj"]] == [
        "France Services d’essai de Gignac",
        "France Services d’essai d’Ambert",
    ]


def test_an_unknown_band_lists_every_stale_maison(members, member_client, maisons):
    # act
    response = member_client(members.national).get(URL, {"band": "recent"})
    # assert
    assert response.context["page_obj"].paginator.count == 3


@pytest.mark.parametrize("who", ["agent", "trainer"])
def test_agents_and_trainers_are_refused(members, member_client, who):
    assert member_client(getattr(members, who)).get(URL).status_code == 404


def test_the_page_costs_the_same_queries_for_more_maisons(members, member_client, maisons):
    # arrange
    client = member_client(members.national)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for number in range(8):
        confirmed(f"FS nouvelle {number}", None, code="63")
        confirmed(f"FS ancienne {number}", datetime.date(2024, 1, number + 1))
    # act
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    # assert
    assert response.context["page_obj"].paginator.count == 19
    assert len(few) == len(many)
