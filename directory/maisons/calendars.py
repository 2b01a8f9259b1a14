"""The iCalendar feed of a maison: its itinerary stops and partner permanences."""

from datetime import datetime, timedelta

from django.utils import timezone

from directory.maisons.ical import CalendarEvent, build_calendar
from portal.public_urls import public_host

FEED_DAYS = 90


def maison_calendar(page, *, now: datetime | None = None) -> bytes:
    """The next 90 days, leaving out the days the maison is closed."""
    now = now or timezone.now()
    until = now + timedelta(days=FEED_DAYS)
    host = public_host()
    schedule = page.schedule()
    events = []
    for starts, ends, stop in page.occurrences_of(
        page.stops.all(), after=now, until=until, schedule=schedule
    ):
        events.append(
            CalendarEvent(
                uid=f"stop-{stop.pk}-{starts:%Y%m%dT%H%M}@{host}",
                summary=f"{page.title} : {stop.place}",
                start=starts,
                end=ends,
                location=f"{stop.place}, {stop.commune_name}",
                geo=(stop.latitude, stop.longitude)
                if stop.latitude is not None and stop.longitude is not None
                else None,
            )
        )
    for starts, ends, presence in page.occurrences_of(
        page.presences.select_related("partner"), after=now, until=until, schedule=schedule
    ):
        events.append(
            CalendarEvent(
                uid=f"presence-{presence.pk}-{starts:%Y%m%dT%H%M}@{host}",
                summary=f"{presence.partner} : {presence.get_mode_display()}",
                start=starts,
                end=ends,
                location=page.title,
                description=presence.notes,
            )
        )
    events.sort(key=lambda event: event.start)
    return build_calendar(name=str(page.title), events=events, now=now)
