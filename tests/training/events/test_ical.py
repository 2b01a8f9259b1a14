"""Invitations, updates and cancellations, read back with ``icalendar``."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from training.events import ical, services

from .factories import NOW, make_event

pytestmark = pytest.mark.django_db


def calendar_of(message) -> Calendar:
    part = next(p for p in message.message().walk() if p.get_content_type() == "text/calendar")
    return Calendar.from_ical(part.get_payload(decode=True))


def vevent(calendar: Calendar):
    return next(iter(calendar.walk("VEVENT")))


def test_the_invitation_is_a_request_in_utc(
    members, clock, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange
    event = make_event()
    # act
    with django_capture_on_commit_callbacks(execute=True):
        services.register(event=event, user=members.agent.user)
    # assert
    (message,) = mailoutbox
    calendar = calendar_of(message)
    component = vevent(calendar)
    assert calendar["METHOD"] == "REQUEST"
    assert str(component["UID"]) == f"{event.uid}@france-services"
    assert component["SEQUENCE"] == 0
    assert component.decoded("DTSTART") == event.starts_at
    assert b"DTSTART:20260312T090000Z" in calendar.to_ical()


def test_a_new_time_sends_an_update_with_a_higher_sequence(
    members, clock, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange
    event = make_event()
    services.register(event=event, user=members.agent.user)
    later = event.starts_at + timedelta(hours=2)
    # act
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event=event, starts_at=later, ends_at=later + timedelta(hours=3))
    # assert
    (update,) = mailoutbox
    component = vevent(calendar_of(update))
    assert component["SEQUENCE"] == 1
    assert str(component["UID"]) == f"{event.uid}@france-services"
    assert component.decoded("DTSTART") == later


def test_a_new_title_alone_sends_nothing(
    members, clock, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange
    event = make_event()
    services.register(event=event, user=members.agent.user)
    # act
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event=event, title="Autre titre")
    # assert
    event.refresh_from_db()
    assert (event.sequence, len(mailoutbox)) == (0, 0)


def test_cancelling_the_event_sends_a_cancel(
    members, clock, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange
    event = make_event()
    services.register(event=event, user=members.agent.user)
    # act
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_event(event=event)
    # assert
    (message,) = mailoutbox
    calendar = calendar_of(message)
    assert calendar["METHOD"] == "CANCEL"
    assert vevent(calendar)["STATUS"] == "CANCELLED"
    assert vevent(calendar)["SEQUENCE"] == 1


def test_the_feed_lists_my_events_only(members, clock):
    # arrange
    mine, other = make_event(title="La mienne"), make_event(title="L’autre")
    services.register(event=mine, user=members.agent.user)
    services.register(event=other, user=members.other_agent.user)
    # act
    calendar = Calendar.from_ical(ical.feed([mine], NOW))
    # assert
    assert [str(c["SUMMARY"]) for c in calendar.walk("VEVENT")] == ["La mienne"]
    assert "METHOD" not in calendar
