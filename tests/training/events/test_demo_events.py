"""The demo's sessions and meetings, as ``seed_demo`` builds them with the demo members."""

import pytest
from django.core.management import call_command

from training.events.models import Event, EventKind, Registration
from training.models import Completion

pytestmark = pytest.mark.django_db


def test_the_demo_has_upcoming_and_past_events_a_waiting_list_and_attendance(demo_site):
    # act
    call_command("seed_demo")
    call_command("seed_demo")  # a second run adds nothing
    # assert
    regions = set(
        Event.objects.filter(kind=EventKind.MEETING).values_list("region__code", flat=True)
    )
    assert regions == {"76", "84", "32"}
    assert Registration.objects.filter(status="waiting").count() == 1
    assert Registration.objects.filter(attended=True).count() == 2
    assert Completion.objects.get(source="session").user.email == (
        "agent.nord@france-services.example"
    )
    assert Event.objects.count() == 6
