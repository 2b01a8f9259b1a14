"""The escalations panel: requests of the last 12 months to partners' back offices and
their answer times against the 72-hour promise, by partner and department, of the
member's territory only; figures, never a request's text."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.escalations.models import EscalationStatus
from tests.factories import PartnerFactory
from tests.network.escalations.jobs_support import back_office, escalation

from .panels_support import csv_rows

pytestmark = pytest.mark.django_db

URL = "/espace-agents/pilotage/saisines/"
NOW = datetime.datetime(2026, 12, 7, 10, tzinfo=datetime.UTC)
SENT = datetime.datetime(2026, 11, 10, 9, tzinfo=datetime.UTC)
TEXT = "Le dossier de Mme Exemple est bloqué."


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def answered(maison, office, hours: str, created_at=SENT):
    return escalation(
        maison,
        office,
        created_at,
        description=TEXT,
        status=EscalationStatus.ANSWERED,
        answered_at=created_at + datetime.timedelta(days=2),
        answer_working_hours=Decimal(hours),
    )


@pytest.fixture
def offices(members):
    caf, cpam = PartnerFactory(name="CAF d’essai"), PartnerFactory(name="CPAM d’essai")
    return {
        "caf34": back_office(caf, "34"),
        "caf63": back_office(caf, "63"),
        "cpam34": back_office(cpam, "34"),
    }


@pytest.fixture
def sent(members, offices):
    """Gignac (34): four answered by the CAF in 10, 20, 30 and 80 working hours, one
    answered 400 days ago (out of the period), one to the CPAM open and overdue. Ambert
    (63): one answered by the CAF in 100 hours."""
    gignac, ambert = members.maison("34"), members.maison("63")
    for hours in ("10", "20", "30", "80"):
        answered(gignac, offices["caf34"], hours)
    answered(gignac, offices["caf34"], "5", created_at=NOW - datetime.timedelta(days=400))
    escalation(gignac, offices["cpam34"], NOW - datetime.timedelta(days=60), description=TEXT)
    answered(ambert, offices["caf63"], "100")


def by_label(rows):
    return {row.label: (row, share) for row, share in rows}


def test_the_national_cell_sees_every_partner_and_department(members, member_client, sent):
    # act
    response = member_client(members.national).get(URL)
    # assert
    assert response.status_code == 200
    partners = by_label(response.context["by_partner"])
    caf, caf_share = partners["CAF d’essai"]
    assert (caf.sent, caf.answered, caf.within_promise, caf_share) == (5, 5, 3, 60.0)
    assert caf.median_hours == Decimal("30")
    cpam, cpam_share = partners["CPAM d’essai"]
    assert (cpam.sent, cpam.open_now, cpam.overdue_now, cpam_share) == (1, 1, 1, None)
    departments = {row.key: row for row, _share in response.context["by_department"]}
    assert sorted(departments) == ["34", "63"]
    assert {bar.label: bar.value for bar in response.context["chart"].bars} == {
        "CAF d’essai": 60.0
    }


def test_a_coordinator_sees_their_maisons_only(members, member_client, sent):
    # arrange
    client = member_client(members.coordinator)
    # act
    response = client.get(URL)
    rows = csv_rows(client.get(URL, {"format": "csv"}))
    # assert
    caf, share = by_label(response.context["by_partner"])["CAF d’essai"]
    assert (caf.sent, caf.answered, caf.within_promise, share) == (4, 4, 3, 75.0)
    assert (caf.median_hours, caf.ninth_decile_hours) == (Decimal("25"), Decimal("65.0"))
    assert [row.key for row, _share in response.context["by_department"]] == ["34"]
    assert "Puy-de-Dôme" not in response.content.decode()
    assert [row[1] for row in rows[1:] if row[0] == "departement"] == ["34"]


def test_the_csv_equals_the_tables(members, member_client, sent):
    # arrange
    client = member_client(members.national)
    context = client.get(URL).context
    shown = [
        [
            group,
            str(row.key),
            row.label,
            str(row.sent),
            str(row.answered),
            str(row.within_promise),
            "" if share is None else str(share),
            "" if row.median_hours is None else str(row.median_hours),
            "" if row.ninth_decile_hours is None else str(row.ninth_decile_hours),
            str(row.open_now),
            str(row.overdue_now),
        ]
        for group, rows in (
            ("partenaire", context["by_partner"]),
            ("departement", context["by_department"]),
        )
        for row, share in rows
    ]
    # act
    rows = csv_rows(client.get(URL, {"format": "csv"}))
    # assert
    assert rows[0][:3] == ["groupe", "code", "libelle"]
    assert rows[1:] == shown


def test_no_text_of_a_request_shows(members, member_client, sent):
    # arrange
    client = member_client(members.national)
    # act
    page = client.get(URL).content.decode()
    download = str(csv_rows(client.get(URL, {"format": "csv"})))
    # assert
    assert "Mme Exemple" not in page
    assert "Mme Exemple" not in download


@pytest.mark.parametrize("who", ["agent", "trainer"])
def test_agents_and_trainers_are_refused(members, member_client, who):
    assert member_client(getattr(members, who)).get(URL).status_code == 404


def test_the_page_costs_the_same_queries_for_more_requests(members, member_client, offices, sent):
    # arrange
    client = member_client(members.national)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for hours in ("1", "2", "3", "4", "5", "6"):
        answered(members.maison("63"), offices["caf63"], hours)
    # act
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    # assert
    assert by_label(response.context["by_partner"])["CAF d’essai"][0].sent == 11
    assert len(few) == len(many)
