"""Reminders to late agents: once a week at most each, from the coordinator's button or
the weekly command, e-mailed after the commit."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from training.steering.models import LateReminder

from .conftest import AFTER_DUE, complete

pytestmark = pytest.mark.django_db

URL = "/espace-agents/formation/suivi/matrice/relancer/"


@pytest.fixture
def late(members, plan):
    """Both agents are late with CAF-1 after the due date; the Hérault's did the core."""
    complete(members.agent.user, plan.core)
    return plan


def test_twice_in_a_week_one_email_a_week_later_another(
    members, member_client, late, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange
    with time_machine.travel(AFTER_DUE, tick=False):
        client = member_client(members.coordinator)
        # act
        with django_capture_on_commit_callbacks(execute=True):
            first = client.post(URL)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(URL)
    with time_machine.travel(AFTER_DUE + datetime.timedelta(days=6, hours=23), tick=False):
        client = member_client(members.coordinator)  # the session expired meanwhile
        with django_capture_on_commit_callbacks(execute=True):
            client.post(URL)
        within_week = len(mailoutbox)
    with time_machine.travel(AFTER_DUE + datetime.timedelta(days=7, minutes=1), tick=False):
        client = member_client(members.coordinator)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(URL)
    # assert
    assert (
        first.status_code == 302 and first["Location"] == "/espace-agents/formation/suivi/matrice/"
    )
    assert within_week == 1
    assert [message.to for message in mailoutbox] == [["agent@example.org"]] * 2
    body = mailoutbox[0].body
    assert "CAF-1 – Prestations CAF" in body and "SOCLE-1" not in body
    assert "/espace-agents/formation/ma-progression/" in body
    assert LateReminder.objects.filter(user=members.agent.user).count() == 2


def test_nobody_is_reminded_before_the_due_date(
    members, member_client, late, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange
    with time_machine.travel(AFTER_DUE - datetime.timedelta(days=30), tick=False):
        client = member_client(members.national)
        # act
        with django_capture_on_commit_callbacks(execute=True):
            client.post(URL)
    # assert
    assert mailoutbox == []


@pytest.mark.parametrize("who", ["agent", "trainer"])
def test_agents_and_trainers_cannot_remind(
    members, member_client, late, mailoutbox, django_capture_on_commit_callbacks, who
):
    # arrange
    with time_machine.travel(AFTER_DUE, tick=False):
        client = member_client(getattr(members, who))
        # act
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(URL)
    # assert
    assert response.status_code == 404
    assert mailoutbox == [] and not LateReminder.objects.exists()


def test_reminding_is_a_post(members, member_client, late):
    # arrange
    client = member_client(members.coordinator)
    # act
    response = client.get(URL)
    # assert
    assert response.status_code == 405


def test_the_weekly_command_reminds_the_whole_network_once(
    members, late, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange
    with time_machine.travel(AFTER_DUE, tick=False):
        # act
        with django_capture_on_commit_callbacks(execute=True):
            call_command("remind_late_agents")
        with django_capture_on_commit_callbacks(execute=True):
            call_command("remind_late_agents")
    # assert
    assert sorted(message.to[0] for message in mailoutbox) == [
        "agent@example.org",
        "autre@example.org",
    ]
