"""A session over several days at the same hours: its days, its invitation (the first day
repeated daily, in the place's time zone), its page and its signature sheet."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from icalendar import Calendar

from training.events import ical

from .factories import NOW, make_event

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# Friday 27 March 2026, 9:00 in Paris, to Monday 30 March, 17:00: the clocks go forward on
# Sunday 29 March.
FIRST_DAY = datetime(2026, 3, 27, 9, tzinfo=PARIS)
LAST_DAY_END = datetime(2026, 3, 30, 17, tzinfo=PARIS)


@pytest.fixture
def four_days(clock):
    return make_event(starts_at=FIRST_DAY, ends_at=LAST_DAY_END, daily=True)


def test_each_day_keeps_the_local_hours_across_the_change_of_clocks(four_days):
    # act
    days = four_days.days
    # assert
    assert [start.date().day for start, _ in days] == [27, 28, 29, 30]
    assert {(start.time(), end.time()) for start, end in days} == {(time(9), time(17))}
    assert days[0][0].utcoffset() == timedelta(hours=1)
    assert days[-1][0].utcoffset() == timedelta(hours=2)


def test_the_invitation_repeats_the_first_day_daily_in_the_places_time_zone(four_days):
    # act
    calendar = Calendar.from_ical(ical.invitation(four_days, "agent@example.org", NOW))
    # assert
    (component,) = calendar.walk("VEVENT")
    assert component.decoded("DTSTART") == FIRST_DAY
    assert component.decoded("DTEND") == datetime(2026, 3, 27, 17, tzinfo=PARIS)
    assert component["RRULE"]["FREQ"] == ["DAILY"]
    assert component["RRULE"]["COUNT"] == [4]
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_a_single_span_stays_in_utc_without_repetition(clock):
    # arrange
    event = make_event(starts_at=FIRST_DAY, ends_at=LAST_DAY_END)
    # act
    calendar = Calendar.from_ical(ical.invitation(event, "agent@example.org", NOW))
    # assert
    (component,) = calendar.walk("VEVENT")
    assert "RRULE" not in component
    assert component.decoded("DTEND") == LAST_DAY_END
    assert b"DTSTART:20260327T080000Z" in calendar.to_ical()


@pytest.mark.parametrize(
    ("ends_at", "field"),
    [
        (datetime(2026, 3, 27, 17, tzinfo=PARIS), "daily"),  # the same day
        (datetime(2026, 3, 30, 8, tzinfo=PARIS), "ends_at"),  # each day ends before it starts
    ],
)
def test_same_hours_each_day_needs_later_days_and_a_later_hour(clock, ends_at, field):
    # act
    with pytest.raises(ValidationError) as refused:
        make_event(starts_at=FIRST_DAY, ends_at=ends_at, daily=True)
    # assert
    assert field in refused.value.message_dict


def test_the_page_says_each_day(member_client, members, four_days):
    # act
    response = member_client(members.agent).get(
        reverse("events:detail", kwargs={"pk": four_days.pk})
    )
    # assert
    text = response.content.decode()
    assert "27 mars 2026" in text
    assert "30 mars 2026" in text
    assert "chaque jour" in text


def test_the_signature_sheet_has_a_column_per_day(four_days):
    # act
    sheet = render_to_string(
        "training/events/signature_sheet.html", {"event": four_days, "rows": []}
    )
    # assert
    assert sheet.count('<th scope="col">Signature') == 4
    assert "30/03/2026" in sheet
