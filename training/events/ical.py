"""Events as iCalendar (RFC 5545): invitations, updates and cancellations attached to the
e-mails, and each member's private feed. Times are written in UTC, but for an event over
several days at the same hours: its first day in the place's time zone (VTIMEZONE
included), repeated daily."""

from datetime import UTC

from django.conf import settings
from icalendar import Calendar
from icalendar import Event as VEvent

PRODID = "-//France Services//Agenda des agents//FR"


def _calendar(method: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    return calendar


def _vevent(event, now, *, cancelled: bool = False) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", f"{event.uid}@france-services")
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", now.astimezone(UTC))
    days = event.days
    if len(days) > 1:
        # Each day the same local hours: the first day, repeated (with the place's
        # VTIMEZONE, so that a change of clocks keeps the hours).
        vevent.add("dtstart", days[0][0])
        vevent.add("dtend", days[0][1])
        vevent.add("rrule", {"freq": "daily", "count": len(days)})
    else:
        vevent.add("dtstart", event.starts_at.astimezone(UTC))
        vevent.add("dtend", event.ends_at.astimezone(UTC))
    vevent.add("summary", event.title)
    if event.place:
        vevent.add("location", event.place)
    if event.description:
        vevent.add("description", event.description)
    if event.visio_url:
        vevent.add("url", event.visio_url)
    organizer = settings.DEFAULT_FROM_EMAIL.rpartition("<")[2].rstrip(">")
    vevent.add("organizer", f"mailto:{organizer}")
    vevent.add("status", "CANCELLED" if cancelled or event.cancelled_at else "CONFIRMED")
    return vevent


def invitation(event, attendee_email: str, now) -> bytes:
    """METHOD:REQUEST for one member: the invitation, or its update (same UID, the
    event's current SEQUENCE)."""
    calendar = _calendar("REQUEST")
    vevent = _vevent(event, now)
    vevent.add("attendee", f"mailto:{attendee_email}", parameters={"ROLE": "REQ-PARTICIPANT"})
    calendar.add_component(vevent)
    return _with_time_zones(calendar)


def cancellation(event, attendee_email: str, now) -> bytes:
    """METHOD:CANCEL: the event (or this member's seat) is off."""
    calendar = _calendar("CANCEL")
    vevent = _vevent(event, now, cancelled=True)
    vevent.add("attendee", f"mailto:{attendee_email}")
    calendar.add_component(vevent)
    return _with_time_zones(calendar)


def feed(events, now) -> bytes:
    """A plain calendar (no METHOD) of ``events``, for a subscription."""
    calendar = _calendar()
    calendar.add("x-wr-calname", "France Services – mon agenda")
    for event in events:
        calendar.add_component(_vevent(event, now))
    return _with_time_zones(calendar)


def _with_time_zones(calendar: Calendar) -> bytes:
    calendar.add_missing_timezones()
    return calendar.to_ical()
