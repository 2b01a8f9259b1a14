"""Attendance: who came, the module completed for them, who may take it."""

from datetime import date, timedelta

import pypdfium2
import pytest
from django.urls import reverse

from tests.training.factories import ModulePageFactory
from training.events import services
from training.events.models import EventKind
from training.models import Completion, ModuleProgress, ProgressStatus

from .factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(members, clock):
    """Yesterday's session of a two-year module by the trainer: the agent and the other
    agent registered."""
    event = make_event(
        days=1, trainer=members.trainer.user, module=ModulePageFactory(validity_months=24)
    )
    for profile in (members.agent, members.other_agent):
        services.register(event=event, user=profile.user)
    clock.shift(timedelta(days=2))
    return event


def test_attending_completes_the_module_once(members, session):
    # arrange
    agent_seat = session.registrations.get(user=members.agent.user)
    # act
    services.mark_attendance(event=session, present={agent_seat.pk})
    services.mark_attendance(event=session, present={agent_seat.pk})
    # assert
    completion = Completion.objects.get()
    assert (completion.user, completion.source, completion.score) == (
        members.agent.user,
        "session",
        None,
    )
    assert completion.module_version == session.module.version
    assert completion.valid_until == date(2028, 3, 4)
    assert ModuleProgress.objects.get(user=members.agent.user).status == ProgressStatus.COMPLETED
    assert not ModuleProgress.objects.filter(user=members.other_agent.user).exists()
    assert list(session.registrations.order_by("pk").values_list("attended", flat=True)) == [
        True,
        False,
    ]


def test_a_meeting_completes_nothing(members, clock):
    # arrange
    meeting = make_event(kind=EventKind.MEETING, days=1)
    seat = services.register(event=meeting, user=members.agent.user)
    # act
    services.mark_attendance(event=meeting, present={seat.pk})
    # assert
    assert not Completion.objects.exists()


def test_the_trainer_ticks_who_came_on_one_form(member_client, members, session):
    # arrange
    client = member_client(members.trainer)
    agent_seat = session.registrations.get(user=members.agent.user)
    url = reverse("events:attendance", kwargs={"pk": session.pk})
    # act
    page = client.get(url)
    response = client.post(url, {"present": [str(agent_seat.pk), "x", "999999"]})
    # assert
    assert page.status_code == 200
    assert f'value="{agent_seat.pk}"' in page.content.decode()
    assert response.status_code == 302
    assert Completion.objects.get().user == members.agent.user


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("trainer", True),  # the session's trainer
        ("national", True),
        ("agent", False),
        ("coordinator", False),  # the session is at an address, of no maison they cover
    ],
)
def test_who_takes_attendance(member_client, members, session, who, allowed):
    # arrange
    client = member_client(getattr(members, who))
    # act
    attendance = client.get(reverse("events:attendance", kwargs={"pk": session.pk}))
    sheet = client.get(reverse("events:signature_sheet", kwargs={"pk": session.pk}))
    # assert
    assert attendance.status_code == (200 if allowed else 404)
    assert sheet.status_code == (200 if allowed else 404)


def test_a_coordinator_takes_attendance_at_a_maison_they_cover(member_client, members, clock):
    # arrange
    event = make_event(maison=members.maison("34"), address="")
    client = member_client(members.coordinator)
    # act
    response = client.get(reverse("events:attendance", kwargs={"pk": event.pk}))
    # assert
    assert response.status_code == 200
    assert (
        member_client(members.other_coordinator)
        .get(reverse("events:attendance", kwargs={"pk": event.pk}))
        .status_code
        == 404
    )


def test_the_signature_sheet_is_a_pdf_of_the_registered(member_client, members, session):
    # arrange
    client = member_client(members.trainer)
    # act
    response = client.get(reverse("events:signature_sheet", kwargs={"pk": session.pk}))
    # assert
    assert response["Content-Type"] == "application/pdf"
    assert f"emargement-{session.pk}.pdf" in response["Content-Disposition"]
    (page,) = pypdfium2.PdfDocument(response.content)
    text = page.get_textpage().get_text_range()
    for profile in (members.agent, members.other_agent):
        assert profile.user.get_full_name() in text
