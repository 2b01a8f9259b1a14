"""Answer times against the 72-hour promise, by partner and by department."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import MaisonPage
from network.escalations import figures
from network.escalations.models import EscalationStatus
from tests.factories import PartnerFactory
from tests.network.escalations.jobs_support import back_office, escalation

pytestmark = pytest.mark.django_db

START = datetime(2026, 11, 1, tzinfo=UTC)
END = datetime(2026, 12, 1, tzinfo=UTC)
NOW = datetime(2026, 12, 7, 9, tzinfo=UTC)
IN_PERIOD = datetime(2026, 11, 10, 9, tzinfo=UTC)


def answered(maison, office, hours: str, created_at=IN_PERIOD, **fields):
    return escalation(
        maison,
        office,
        created_at,
        status=fields.pop("status", EscalationStatus.ANSWERED),
        answered_at=created_at + timedelta(days=2),
        answer_working_hours=Decimal(hours),
        **fields,
    )


@pytest.fixture
def offices(members):
    caf, cpam = PartnerFactory(name="CAF d’essai"), PartnerFactory(name="CPAM d’essai")
    return {
        ("caf", "34"): back_office(caf, "34"),
        ("caf", "63"): back_office(caf, "63"),
        ("cpam", "34"): back_office(cpam, "34"),
    }


@pytest.fixture
def rows(members, offices):
    herault, ambert = members.maison("34"), members.maison("63")
    caf34, caf63, cpam34 = offices["caf", "34"], offices["caf", "63"], offices["cpam", "34"]
    for hours in ("10", "20", "30", "80"):
        answered(herault, caf34, hours)
    answered(ambert, caf63, "100", status=EscalationStatus.CLOSED, purged_at=NOW)
    answered(herault, caf34, "5", created_at=START - timedelta(days=3))  # before the period
    # Open now: overdue (sent long ago), not yet due, paused after its deadline.
    escalation(herault, cpam34, NOW - timedelta(days=60))
    escalation(herault, cpam34, NOW - timedelta(hours=2))
    escalation(
        ambert,
        caf63,
        NOW - timedelta(days=60),
        status=EscalationStatus.WAITING_AGENT,
        paused_at=NOW - timedelta(days=1),
    )


def test_by_partner(rows, offices):
    # act
    result = {row.label: row for row in figures.by_partner(START, END, NOW)}
    # assert
    caf, cpam = result["CAF d’essai"], result["CPAM d’essai"]
    assert (caf.sent, caf.answered, caf.within_promise) == (5, 5, 3)
    assert caf.within_promise_share == pytest.approx(0.6)
    assert caf.median_hours == Decimal("30")
    assert caf.ninth_decile_hours == Decimal("92.0")
    assert (caf.open_now, caf.overdue_now) == (1, 1)
    assert (cpam.sent, cpam.answered, cpam.within_promise_share) == (0, 0, None)
    assert (cpam.median_hours, cpam.ninth_decile_hours) == (None, None)
    assert (cpam.open_now, cpam.overdue_now) == (2, 1)


def test_by_department(rows):
    # act
    result = {row.key: row for row in figures.by_department(START, END, NOW)}
    # assert
    herault, puy_de_dome = result["34"], result["63"]
    assert (herault.sent, herault.answered, herault.within_promise) == (4, 4, 3)
    assert herault.median_hours == Decimal("25")
    assert (herault.open_now, herault.overdue_now) == (2, 1)
    assert (puy_de_dome.sent, puy_de_dome.within_promise, puy_de_dome.median_hours) == (
        1,
        0,
        Decimal("100"),
    )
    assert puy_de_dome.ninth_decile_hours == Decimal("100")
    assert (puy_de_dome.open_now, puy_de_dome.overdue_now) == (1, 1)


def test_the_figures_take_two_queries_whatever_the_number_of_rows(members, offices, rows):
    # arrange
    with CaptureQueriesContext(connection) as few:
        figures.by_partner(START, END, NOW)
    for _ in range(5):
        answered(members.maison("63"), offices["cpam", "34"], "12")
    # act
    with CaptureQueriesContext(connection) as many:
        result = figures.by_partner(START, END, NOW)
    # assert
    assert len(few) == len(many) == 2
    assert {row.label: row.answered for row in result}["CPAM d’essai"] == 5


def test_the_figures_of_some_maisons_only(members, rows):
    # act
    herault = MaisonPage.objects.filter(pk=members.maison("34").pk)
    by_partner = {row.label: row for row in figures.by_partner(START, END, NOW, herault)}
    by_department = figures.by_department(START, END, NOW, herault)
    # assert
    caf = by_partner["CAF d’essai"]
    assert (caf.sent, caf.answered, caf.median_hours, caf.open_now) == (4, 4, Decimal("25"), 0)
    assert [row.key for row in by_department] == ["34"]
