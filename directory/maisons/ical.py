"""iCalendar (RFC 5545) feeds, e.g. the upcoming stops of a France Services bus."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from icalendar import Calendar, Event

DEFAULT_PRODUCT_ID = "-//Réseau France Services//Portail//FR"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    start: datetime  # timezone-aware
    end: datetime  # timezone-aware
    location: str = ""
    description: str = ""
    geo: tuple[float, float] | None = None  # (latitude, longitude)


def _utc(moment: datetime, what: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware")
    return moment.astimezone(UTC)


def build_calendar(
    *,
    name: str,
    events: Iterable[CalendarEvent],
    product_id: str = DEFAULT_PRODUCT_ID,
    now: datetime | None = None,
) -> bytes:
    """A VCALENDAR holding ``events``; times are written in UTC (no VTIMEZONE needed).

    ``icalendar`` escapes text, folds lines at 75 octets and ends them with CRLF.
    """
    stamp = _utc(now, "now") if now is not None else datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", product_id)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    seen: set[str] = set()
    for item in events:
        if item.uid in seen:
            raise ValueError(f"duplicate event uid {item.uid!r}")
        seen.add(item.uid)
        start, end = _utc(item.start, "start"), _utc(item.end, "end")
        if end <= start:
            raise ValueError(f"event {item.uid!r} ends before it starts")
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", item.summary)
        if item.location:
            event.add("location", item.location)
        if item.description:
            event.add("description", item.description)
        if item.geo is not None:
            event.add("geo", item.geo)
        calendar.add_component(event)
    return calendar.to_ical()
