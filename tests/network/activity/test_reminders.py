"""Reminders: on the first run of a month to the maisons that have not reported the month
before, after the due day to those still late; each once, even when run twice."""

from datetime import date, datetime

import pytest
from django.core.management import call_command

from network.activity import jobs, services
from network.activity.models import ActivityReminder
from network.models import Role
from tests.factories import MaisonPageFactory
from tests.network.conftest import make_member

from .conftest import PARIS

pytestmark = pytest.mark.django_db


def run(today: date, capture) -> int:
    with capture(execute=True):
        return jobs.send_reminders(today)


def test_each_reminder_goes_once_to_the_maisons_missing_the_month(
    members, partners, time_machine, mailoutbox, django_capture_on_commit_callbacks
):
    time_machine.move_to(datetime(2026, 11, 1, 8, tzinfo=PARIS), tick=False)
    make_member("collegue@example.org", Role.AGENT, maison=members.maison("34"))
    MaisonPageFactory(title="France Services sans agent")
    services.submit_report(members.maison("63"), date(2026, 10, 1), {(None, "sante"): 4}, None)

    first = run(date(2026, 11, 1), django_capture_on_commit_callbacks)
    again = run(date(2026, 11, 2), django_capture_on_commit_callbacks)

    assert (first, again) == (1, 0)
    assert len(mailoutbox) == 1
    assert sorted(mailoutbox[0].to) == ["agent@example.org", "collegue@example.org"]
    assert mailoutbox[0].subject == "À déclarer : visites en octobre 2026"
    assert "/espace-agents/activite/2026-10/" in mailoutbox[0].body


def test_after_the_due_day_the_late_maisons_are_reminded_once(
    members, partners, time_machine, mailoutbox, django_capture_on_commit_callbacks
):
    time_machine.move_to(datetime(2026, 11, 11, 8, tzinfo=PARIS), tick=False)
    run(date(2026, 11, 1), django_capture_on_commit_callbacks)
    services.submit_report(members.maison("63"), date(2026, 10, 1), {(None, "sante"): 4}, None)
    mailoutbox.clear()

    on_the_due_day = run(date(2026, 11, 10), django_capture_on_commit_callbacks)
    late = run(date(2026, 11, 11), django_capture_on_commit_callbacks)
    again = run(date(2026, 11, 12), django_capture_on_commit_callbacks)

    assert (on_the_due_day, late, again) == (0, 1, 0)
    assert [message.subject for message in mailoutbox] == ["En retard : visites en octobre 2026"]
    assert mailoutbox[0].to == ["agent@example.org"]
    assert set(ActivityReminder.objects.values_list("maison", "kind")) == {
        (members.maison("34").pk, "due"),
        (members.maison("63").pk, "due"),
        (members.maison("34").pk, "late"),
    }


def test_a_reminder_of_a_month_reported_meanwhile_is_not_sent(
    members, partners, time_machine, mailoutbox, django_capture_on_commit_callbacks
):
    time_machine.move_to(datetime(2026, 11, 1, 8, tzinfo=PARIS), tick=False)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        jobs.send_reminders(date(2026, 11, 1))
    services.submit_report(members.maison("34"), date(2026, 10, 1), {(None, "sante"): 1}, None)
    services.submit_report(members.maison("63"), date(2026, 10, 1), {(None, "sante"): 1}, None)

    for callback in callbacks:
        callback()

    assert mailoutbox == []


def test_the_command_says_how_many_it_queued(members, time_machine, capsys):
    time_machine.move_to(datetime(2026, 11, 1, 8, tzinfo=PARIS), tick=False)
    call_command("send_activity_reminders")
    assert capsys.readouterr().out == "2 activity reminder(s) queued.\n"
