"""The escalations' demo: back offices of the national partners in the demo departments,
référents with one away and a deputy, escalations at every stage, one overdue."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from network.escalations import clock
from network.escalations.models import (
    AuditEntry,
    BackOffice,
    Escalation,
    EscalationStatus,
    Motive,
    Referent,
    Step,
)

pytestmark = pytest.mark.django_db


def test_the_demo_has_escalations_at_every_stage_once(
    demo_site, django_capture_on_commit_callbacks, time_machine
):
    # arrange: seeded on Wednesday 9 December 2026 at 10:00 in Paris, the clock running.
    time_machine.move_to(datetime(2026, 12, 9, 10, tzinfo=ZoneInfo("Europe/Paris")))
    # act
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    counts = {
        model: model.objects.count() for model in (BackOffice, Motive, Referent, Escalation, Step)
    }
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())  # a second run adds nothing
    # assert
    assert {model: model.objects.count() for model in counts} == counts
    assert Motive.objects.filter(partner__slug="caf", label="Trop-perçu").exists()
    assert BackOffice.objects.filter(partner__slug="caf", department__code="63").exists()
    assert BackOffice.objects.filter(
        partner__slug="assurance-retraite", region__code="76"
    ).exists()
    now = timezone.now()
    away = Referent.objects.get(away_from__isnull=False)
    assert away.is_away(timezone.localdate(now))
    assert away.deputy.back_office == away.back_office
    escalations = Escalation.objects.select_related("maison__department")
    assert set(escalations.values_list("status", flat=True)) == set(EscalationStatus.values)
    assert escalations.filter(
        status=EscalationStatus.WAITING_AGENT, paused_at__isnull=False
    ).exists()
    overdue = [row for row in escalations if row.is_open and clock.clock_status(row, now).overdue]
    assert len(overdue) == 1
    purged = escalations.get(purged_at__isnull=False)
    assert purged.description == ""
    assert purged.answer_working_hours is not None
    assert AuditEntry.objects.filter(escalation=purged, action=AuditEntry.Action.PURGED).exists()
    closed = escalations.get(status=EscalationStatus.CLOSED, purged_at=None)
    assert closed.steps.filter(kind=Step.Kind.REPLY).exists()
    assert closed.answer_working_hours <= clock.PROMISE_HOURS
