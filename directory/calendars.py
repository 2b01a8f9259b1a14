"""The iCalendar feed of a maison: its itinerary stops and partner permanences."""

from datetime import timedelta

from django.utils import timezone

from .ical import CalendarEvent, build_calendar

FEED_DAYS = 90


def maison_calendar(page, request) -> bytes:
    now = timezone.now()
    until = now + timedelta(days=FEED_DAYS)
    host = request.get_host().split(":")[0] or "france-services"
    events = []
    for stop in page.stops.all():
        for starts, ends in stop.occurrences(now, page.timezone, until=until):
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
    for presence in page.presences.select_related("partner"):
        for starts, ends in presence.occurrences(now, page.timezone, until=until):
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
