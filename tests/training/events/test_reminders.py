"""Reminders a week and a day before, feedback after: each once."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command

from training.events import services
from training.events.models import ReminderSent

from .factories import make_event

pytestmark = pytest.mark.django_db


def test_each_reminder_is_sent_once_even_when_the_job_runs_twice(
    members, clock, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange
    event = make_event(days=6)
    services.register(event=event, user=members.agent.user)
    # act
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=io.StringIO())
        call_command("send_event_reminders", stdout=io.StringIO())
    # assert
    assert len(mailoutbox) == 1
    assert list(ReminderSent.objects.values_list("kind", flat=True)) == ["week"]


def test_week_then_day_then_feedback(
    members, clock, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange
    event = make_event(days=10)
    services.register(event=event, user=members.agent.user)
    sent = []
    # act
    with django_capture_on_commit_callbacks(execute=True):
        for days in (0, 4, 9.5, 10.5, 11):  # too early, a week before, the eve, after, later
            clock.move_to(event.starts_at - timedelta(days=10) + timedelta(days=days))
            sent.append(services.send_reminders())
    # assert
    assert sent == [0, 1, 1, 1, 0]
    assert sorted(ReminderSent.objects.values_list("kind", flat=True)) == [
        "day",
        "feedback",
        "week",
    ]
    assert len(mailoutbox) == 3


def test_no_reminder_for_a_cancelled_event_or_the_waiting_list(members, clock):
    # arrange
    cancelled = make_event(days=3)
    services.register(event=cancelled, user=members.agent.user)
    services.cancel_event(event=cancelled)
    full = make_event(days=3, capacity=1)
    services.register(event=full, user=members.coordinator.user)
    services.register(event=full, user=members.agent.user)  # waiting
    # act
    queued = services.send_reminders()
    # assert
    assert queued == 1
    assert ReminderSent.objects.get().registration.user == members.coordinator.user
