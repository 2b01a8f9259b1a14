"""Reminders 60 and 15 days before a credential expires, each sent once, with the renewal
path (the refresher module's address)."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from tests.training.factories import module_with
from training.certifications.models import CredentialReminder, CredentialStatus
from training.certifications.tasks import queue_expiry_reminders

from .conftest import NOW, make_credential, make_definition

pytestmark = pytest.mark.django_db


@pytest.fixture
def definition():
    module = module_with(lessons=1, slug="recyclage-dessai")
    return make_definition(refresher_module=module)


@time_machine.travel(NOW, tick=False)
def test_a_credential_expiring_within_60_days_is_reminded_once(
    members, definition, django_capture_on_commit_callbacks, public_base_url
):
    # arrange
    make_credential(members.agent.user, definition, valid_until=NOW + timedelta(days=45))
    make_credential(members.other_agent.user, definition, valid_until=NOW + timedelta(days=90))
    # act
    with django_capture_on_commit_callbacks(execute=True):
        first = queue_expiry_reminders()
    with django_capture_on_commit_callbacks(execute=True):
        second = queue_expiry_reminders()
    # assert
    assert (first, second) == (1, 0)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [members.agent.user.email]
    assert f"{public_base_url}/espace-agents/formation/modules/recyclage-dessai/" in (
        mail.outbox[0].body
    )


def test_the_15_days_reminder_follows_the_60_days_one(
    members, definition, django_capture_on_commit_callbacks
):
    # arrange
    credential = make_credential(
        members.agent.user, definition, valid_until=NOW + timedelta(days=50)
    )
    # act
    with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
        queue_expiry_reminders()
    later = time_machine.travel(NOW + timedelta(days=40), tick=False)
    with later, django_capture_on_commit_callbacks(execute=True):
        queue_expiry_reminders()
        queue_expiry_reminders()
    # assert
    assert len(mail.outbox) == 2
    assert set(
        CredentialReminder.objects.filter(credential=credential).values_list("days", flat=True)
    ) == {60, 15}


@time_machine.travel(NOW, tick=False)
def test_a_late_first_run_sends_only_the_nearest_reminder(
    members, definition, django_capture_on_commit_callbacks
):
    # arrange
    make_credential(members.agent.user, definition, valid_until=NOW + timedelta(days=10))
    # act
    with django_capture_on_commit_callbacks(execute=True):
        queued = queue_expiry_reminders()
    # assert
    assert queued == 1 and len(mail.outbox) == 1
    assert CredentialReminder.objects.count() == 2  # the 60 days' one will not come after


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    "fields",
    [
        {"status": CredentialStatus.REVOKED, "valid_until": NOW + timedelta(days=10)},
        {"status": CredentialStatus.SUSPENDED, "valid_until": NOW + timedelta(days=10)},
        {"valid_until": NOW - timedelta(days=1)},
        {"valid_until": None},
    ],
)
def test_no_reminder_for_a_withdrawn_expired_or_unlimited_credential(
    members, definition, django_capture_on_commit_callbacks, fields
):
    # arrange
    make_credential(members.agent.user, definition, **fields)
    # act
    with django_capture_on_commit_callbacks(execute=True):
        queued = queue_expiry_reminders()
    # assert
    assert queued == 0 and mail.outbox == []


@time_machine.travel(NOW, tick=False)
def test_the_command_run_twice_sends_once(members, definition, django_capture_on_commit_callbacks):
    # arrange
    make_credential(members.agent.user, definition, valid_until=NOW + timedelta(days=14))
    # act
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_certification_reminders", stdout=None)
        call_command("send_certification_reminders", stdout=None)
    # assert
    assert len(mail.outbox) == 1
