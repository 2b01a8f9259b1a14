"""Reminders of the escalations' deadlines: before it to the handlers of the day and the
team mailbox, after it to the partner's coordinator; each once per deadline."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.escalations.jobs import _queue_reminder, send_reminders
from network.escalations.models import EscalationStatus, Reminder
from tests.network.escalations.jobs_support import (
    back_office,
    escalation,
    referent,
)

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# Monday 7 December 2026, 10:00 in Paris.
NOW = datetime(2026, 12, 7, 10, tzinfo=PARIS)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def office(members):
    office = back_office(code="34", coordinator_email="coordination@partenaire.example")
    referent(office, "presente@partenaire.example")
    # The deputy of the one away works for the same partner in the Puy-de-Dôme.
    deputy = referent(back_office(office.partner, "63"), "suppleante@partenaire.example")
    referent(
        office,
        "absente@partenaire.example",
        away_from=date(2026, 12, 1),
        away_until=date(2026, 12, 31),
        deputy=deputy,
    )
    return office


def due_in(members, office, hours: float, **fields):
    """An escalation of the Hérault's maison due ``hours`` of calendar time after NOW."""
    return escalation(
        members.maison("34"),
        office,
        NOW - timedelta(days=2),
        due_at=NOW + timedelta(hours=hours),
        **fields,
    )


def run(django_capture_on_commit_callbacks, now) -> int:
    with django_capture_on_commit_callbacks(execute=True):
        return send_reminders(now)


def test_a_near_deadline_is_reminded_once_to_the_handlers_and_the_mailbox(
    members, office, now, django_capture_on_commit_callbacks
):
    # arrange: 20 working hours left (Monday 10:00 -> Tuesday 06:00).
    near = due_in(members, office, 20, description="Mme Exemple, NIR inconnu")
    # act
    first = run(django_capture_on_commit_callbacks, now)
    second = run(django_capture_on_commit_callbacks, now)
    # assert
    assert (first, second) == (1, 0)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to[0] == office.mailbox
    assert sorted(message.to[1:]) == [
        "presente@partenaire.example",
        "suppleante@partenaire.example",
    ]
    assert f"/espace-agents/saisines/{near.pk}/" in message.body
    assert members.maison("34").title in message.body
    assert str(near.pk) in message.subject
    assert "Exemple" not in message.body
    assert Reminder.objects.get().kind == Reminder.Kind.BEFORE_DUE


def test_no_reminder_far_from_the_deadline_paused_or_answered(
    members, office, now, django_capture_on_commit_callbacks
):
    # arrange: Monday 10:00 + 48 h is Wednesday 10:00: 48 working hours left.
    due_in(members, office, 48)
    due_in(members, office, -5, paused_at=NOW - timedelta(days=1))
    due_in(members, office, -5, status=EscalationStatus.ANSWERED)
    due_in(members, office, -5, status=EscalationStatus.CLOSED)
    # act
    queued = run(django_capture_on_commit_callbacks, now)
    # assert
    assert queued == 0
    assert mail.outbox == []


def test_the_weekend_does_not_count_in_the_time_left(
    members, office, django_capture_on_commit_callbacks, time_machine
):
    # arrange: Friday 11 December 20:00; due Monday 14 at 10:00 = 4 + 10 working hours.
    friday = datetime(2026, 12, 11, 20, tzinfo=PARIS)
    time_machine.move_to(friday, tick=False)
    escalation(
        members.maison("34"),
        office,
        friday - timedelta(days=3),
        due_at=datetime(2026, 12, 14, 10, tzinfo=PARIS),
    )
    # act
    queued = run(django_capture_on_commit_callbacks, friday)
    # assert
    assert queued == 1
    assert Reminder.objects.get().kind == Reminder.Kind.BEFORE_DUE


def test_an_overdue_escalation_is_reminded_to_the_coordinator_once(
    members, office, now, django_capture_on_commit_callbacks
):
    # arrange: already reminded before its deadline.
    late = due_in(members, office, -5)
    Reminder.objects.create(escalation=late, kind=Reminder.Kind.BEFORE_DUE, due_at=late.due_at)
    # act
    run(django_capture_on_commit_callbacks, now)
    run(django_capture_on_commit_callbacks, now)
    # assert
    assert [message.to for message in mail.outbox] == [["coordination@partenaire.example"]]
    assert str(late.pk) in mail.outbox[0].subject
    assert Reminder.objects.filter(escalation=late).count() == 2


def test_without_a_coordinator_the_overdue_reminder_goes_to_the_mailbox(
    members, office, now, django_capture_on_commit_callbacks
):
    # arrange
    office.coordinator_email = ""
    office.save()
    due_in(members, office, -1)
    # act
    run(django_capture_on_commit_callbacks, now)
    # assert
    assert [message.to for message in mail.outbox] == [[office.mailbox]]


def test_a_new_deadline_after_a_question_gets_a_new_reminder(
    members, office, now, django_capture_on_commit_callbacks
):
    # arrange: reminded once, then the maison replied and the deadline moved.
    near = due_in(members, office, 20)
    run(django_capture_on_commit_callbacks, now)
    near.due_at = NOW + timedelta(hours=22)
    near.save()
    # act
    queued = run(django_capture_on_commit_callbacks, now)
    # assert
    assert queued == 1
    assert len(mail.outbox) == 2
    assert Reminder.objects.filter(escalation=near).count() == 2


def test_the_candidates_are_read_in_one_query(
    members, office, now, django_capture_on_commit_callbacks
):
    # arrange: nothing to send, at two sizes.
    due_in(members, office, 20)
    run(django_capture_on_commit_callbacks, now)
    with CaptureQueriesContext(connection) as one:
        send_reminders(now)
    for _ in range(5):
        due_in(members, office, -3)
        due_in(members, office, 30)
    run(django_capture_on_commit_callbacks, now)
    # act
    with CaptureQueriesContext(connection) as many:
        queued = send_reminders(now)
    # assert
    assert queued == 0
    assert len(one) == len(many) == 1


def test_the_command_reports_what_it_queued(
    members, office, now, django_capture_on_commit_callbacks, capsys
):
    # arrange
    due_in(members, office, 3)
    # act
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_escalation_reminders")
    # assert
    assert "1 escalation reminder(s) queued." in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_no_e_mail_when_the_escalation_is_answered_before_the_worker_runs(
    members, office, now, django_capture_on_commit_callbacks
):
    # arrange
    near = due_in(members, office, 20)
    with django_capture_on_commit_callbacks() as queued:
        send_reminders(now)
    near.status = EscalationStatus.ANSWERED
    near.save()
    # act
    for callback in queued:
        callback()
    # assert
    assert len(queued) == 1
    assert mail.outbox == []


def test_a_reminder_recorded_by_another_run_is_not_queued_again(
    members, office, now, django_capture_on_commit_callbacks
):
    # arrange: two runs read the same candidate before either recorded its reminder.
    near = due_in(members, office, 20)
    # act
    with django_capture_on_commit_callbacks(execute=True):
        first = _queue_reminder(near, Reminder.Kind.BEFORE_DUE, now)
        second = _queue_reminder(near, Reminder.Kind.BEFORE_DUE, now)
    # assert
    assert (first, second) == (True, False)
    assert len(mail.outbox) == 1
