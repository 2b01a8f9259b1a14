from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from directory.maisons.ical import CalendarEvent, build_calendar

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
STOP = CalendarEvent(
    uid="stop-12-2025-03-11@france-services.example",
    summary="Bus France Services – arrêt de Saint-Amans-des-Cots",
    start=datetime(2025, 3, 11, 9, 0, tzinfo=PARIS),
    end=datetime(2025, 3, 11, 12, 0, tzinfo=PARIS),
    location="Place de l’Église, 12460 Saint-Amans-des-Cots",
    description=(
        "Accompagnement aux démarches administratives : impôts, retraite, santé, famille, "
        "emploi, logement. Apportez vos justificatifs ; un agent vous reçoit sans rendez-vous."
    ),
    geo=(44.6731, 2.6893),
)
PERMANENCE = CalendarEvent(
    uid="presence-3-2025-03-20@france-services.example",
    summary="Permanence CAF",
    start=datetime(2025, 3, 20, 13, 30, tzinfo=PARIS),
    end=datetime(2025, 3, 20, 16, 0, tzinfo=PARIS),
)


def build(*events: CalendarEvent) -> bytes:
    return build_calendar(name="France Services de Laguiole", events=events, now=NOW)


def test_calendar_parses_back_to_the_same_events():
    # arrange
    raw = build(STOP, PERMANENCE)
    # act
    parsed = icalendar.Calendar.from_ical(raw)
    events = parsed.walk("VEVENT")
    # assert
    assert [
        (
            str(event["uid"]),
            event.decoded("dtstart"),
            event.decoded("dtend"),
            str(event["summary"]),
            str(event.get("location", "")),
        )
        for event in events
    ] == [
        (item.uid, item.start, item.end, item.summary, item.location)
        for item in (STOP, PERMANENCE)
    ]
    assert str(events[0]["description"]) == STOP.description
    assert (events[0]["geo"].latitude, events[0]["geo"].longitude) == STOP.geo
    assert "geo" not in events[1]
    assert [event.decoded("dtstamp") for event in events] == [NOW, NOW]


def test_calendar_properties():
    # arrange
    raw = build(STOP)
    # act
    parsed = icalendar.Calendar.from_ical(raw)
    # assert
    assert str(parsed["version"]) == "2.0"
    assert str(parsed["prodid"]) == "-//Réseau France Services//Portail//FR"
    assert str(parsed["calscale"]) == "GREGORIAN"
    assert str(parsed["x-wr-calname"]) == "France Services de Laguiole"


def test_times_are_written_in_utc():
    # arrange: 09:00 in Paris in March is 08:00 UTC
    raw = build(STOP)
    # act
    lines = raw.decode().split("\r\n")
    # assert
    assert "DTSTART:20250311T080000Z" in lines
    assert "DTEND:20250311T110000Z" in lines
    assert "DTSTAMP:20250301T080000Z" in lines


def test_lines_end_with_crlf_and_are_folded_at_75_octets():
    # arrange: the description is longer than one line and holds multi-byte characters
    raw = build(STOP, PERMANENCE)
    # act
    lines = raw.split(b"\r\n")
    # assert
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert b"\r" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # folding did happen


def test_an_empty_feed_is_still_a_valid_calendar():
    # arrange
    raw = build()
    # act
    parsed = icalendar.Calendar.from_ical(raw)
    # assert
    assert parsed.name == "VCALENDAR"
    assert parsed.walk("VEVENT") == []


def test_custom_product_id_and_default_stamp():
    # arrange
    before = datetime.now(UTC).replace(microsecond=0)
    # act
    raw = build_calendar(name="Test", events=[PERMANENCE], product_id="-//Test//Test//EN")
    # assert
    parsed = icalendar.Calendar.from_ical(raw)
    assert str(parsed["prodid"]) == "-//Test//Test//EN"
    assert parsed.walk("VEVENT")[0].decoded("dtstamp") >= before


@pytest.mark.parametrize(
    ("event", "message"),
    [
        (
            CalendarEvent("a", "Naive", datetime(2025, 3, 11, 9), datetime(2025, 3, 11, 12)),
            "start must be timezone-aware",
        ),
        (
            CalendarEvent(
                "b",
                "Backwards",
                datetime(2025, 3, 11, 12, tzinfo=PARIS),
                datetime(2025, 3, 11, 9, tzinfo=PARIS),
            ),
            "event 'b' ends before it starts",
        ),
    ],
)
def test_bad_events_are_refused(event, message):
    # arrange: the event comes from the parametrisation
    # act / assert
    with pytest.raises(ValueError, match=message):
        build(event)


def test_duplicate_uids_are_refused():
    # arrange
    events = (PERMANENCE, PERMANENCE)
    # act / assert
    with pytest.raises(ValueError, match="duplicate event uid"):
        build(*events)
