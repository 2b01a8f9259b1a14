from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from directory.maisons.recurrence import Frequency, Recurrence, TimeSlot

PARIS = ZoneInfo("Europe/Paris")
REUNION = ZoneInfo("Indian/Reunion")
TUESDAY = 1
# 4 March 2025 is a Tuesday.
BIWEEKLY_TUESDAY = Recurrence(Frequency.BIWEEKLY, weekday=TUESDAY, reference_date=date(2025, 3, 4))


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


# Recurrence.validate ---------------------------------------------------------


@pytest.mark.parametrize(
    "recurrence",
    [
        Recurrence(Frequency.WEEKLY, weekday=0),
        BIWEEKLY_TUESDAY,
        Recurrence(Frequency.MONTHLY_NTH, weekday=TUESDAY, nth=-1),
        Recurrence(Frequency.MONTHLY_NTH, weekday=4, nth=4),
        Recurrence(Frequency.DATES, dates=(date(2025, 3, 4),)),
        Recurrence("weekly", weekday=6),  # the raw value stored in a model row
    ],
)
def test_valid_recurrences_have_no_errors(recurrence):
    # arrange: the recurrence comes from the parametrisation
    # act
    errors = recurrence.validate()
    # assert
    assert errors == []


@pytest.mark.parametrize(
    ("recurrence", "error"),
    [
        (Recurrence(Frequency.WEEKLY), "a weekly recurrence needs a weekday"),
        (Recurrence(Frequency.WEEKLY, weekday=7), "7 is not a weekday (0=Monday..6=Sunday)"),
        (
            Recurrence(Frequency.BIWEEKLY, weekday=TUESDAY),
            "a biweekly recurrence needs a reference date",
        ),
        (
            Recurrence(Frequency.BIWEEKLY, weekday=TUESDAY, reference_date=date(2025, 3, 5)),
            "reference date 2025-03-05 is not on weekday 1",
        ),
        (
            Recurrence(Frequency.MONTHLY_NTH, weekday=TUESDAY),
            "nth must be one of 1, 2, 3, 4 or -1 (last), not None",
        ),
        (
            Recurrence(Frequency.MONTHLY_NTH, weekday=TUESDAY, nth=5),
            "nth must be one of 1, 2, 3, 4 or -1 (last), not 5",
        ),
        (Recurrence(Frequency.MONTHLY_NTH, nth=1), "a monthly_nth recurrence needs a weekday"),
        (Recurrence(Frequency.DATES), "a dates recurrence needs at least one date"),
    ],
)
def test_invalid_recurrences_explain_why(recurrence, error):
    # arrange: the recurrence comes from the parametrisation
    # act
    errors = recurrence.validate()
    # assert
    assert errors == [error]


def test_occurrences_of_an_invalid_recurrence_raise():
    # arrange
    recurrence = Recurrence(Frequency.DATES)
    # act / assert
    with pytest.raises(ValueError, match="at least one date"):
        recurrence.occurrences(date(2025, 1, 1), date(2025, 12, 31))


# Recurrence.occurrences ------------------------------------------------------


def test_weekly_occurrences_include_both_ends_of_the_range():
    # arrange
    recurrence = Recurrence(Frequency.WEEKLY, weekday=TUESDAY)
    # act
    days = recurrence.occurrences(date(2025, 3, 4), date(2025, 3, 25))
    # assert
    assert days == [date(2025, 3, 4), date(2025, 3, 11), date(2025, 3, 18), date(2025, 3, 25)]


def test_weekly_occurrences_start_at_the_first_matching_weekday():
    # arrange: 1 March 2025 is a Saturday
    recurrence = Recurrence(Frequency.WEEKLY, weekday=0)
    # act
    days = recurrence.occurrences(date(2025, 3, 1), date(2025, 3, 16))
    # assert
    assert days == [date(2025, 3, 3), date(2025, 3, 10)]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # From the reference date on.
        (
            date(2025, 3, 1),
            date(2025, 4, 5),
            [date(2025, 3, 4), date(2025, 3, 18), date(2025, 4, 1)],
        ),
        # A range starting in an "off" week skips to the next "on" week.
        (date(2025, 3, 10), date(2025, 3, 31), [date(2025, 3, 18)]),
        # Before the reference date, the parity still holds.
        (date(2025, 2, 1), date(2025, 2, 28), [date(2025, 2, 4), date(2025, 2, 18)]),
        # A year later.
        (date(2026, 3, 1), date(2026, 3, 14), [date(2026, 3, 3)]),
    ],
)
def test_biweekly_parity_follows_the_reference_date(start, end, expected):
    # arrange: every other Tuesday from 4 March 2025
    recurrence = BIWEEKLY_TUESDAY
    # act
    days = recurrence.occurrences(start, end)
    # assert
    assert days == expected


def test_last_tuesday_of_the_month():
    # arrange
    recurrence = Recurrence(Frequency.MONTHLY_NTH, weekday=TUESDAY, nth=-1)
    # act
    days = recurrence.occurrences(date(2025, 1, 1), date(2025, 6, 30))
    # assert: April 2025 has five Tuesdays, the last one is the 29th
    assert days == [
        date(2025, 1, 28),
        date(2025, 2, 25),
        date(2025, 3, 25),
        date(2025, 4, 29),
        date(2025, 5, 27),
        date(2025, 6, 24),
    ]


@pytest.mark.parametrize(
    ("nth", "expected"),
    [
        (1, [date(2025, 4, 1), date(2025, 5, 6)]),
        (2, [date(2025, 4, 8), date(2025, 5, 13)]),
        (4, [date(2025, 4, 22), date(2025, 5, 27)]),
        (-1, [date(2025, 4, 29), date(2025, 5, 27)]),
    ],
)
def test_nth_tuesday_of_the_month(nth, expected):
    # arrange
    recurrence = Recurrence(Frequency.MONTHLY_NTH, weekday=TUESDAY, nth=nth)
    # act
    days = recurrence.occurrences(date(2025, 4, 1), date(2025, 5, 31))
    # assert
    assert days == expected


def test_monthly_occurrences_respect_a_range_within_a_month_and_across_a_year():
    # arrange: first Monday of the month
    recurrence = Recurrence(Frequency.MONTHLY_NTH, weekday=0, nth=1)
    # act
    days = recurrence.occurrences(date(2024, 12, 3), date(2025, 2, 2))
    # assert: 2 December 2024 is before the range; 3 February 2025 after it
    assert days == [date(2025, 1, 6)]


def test_explicit_dates_are_filtered_sorted_and_unique():
    # arrange
    recurrence = Recurrence(
        Frequency.DATES,
        dates=(date(2025, 5, 20), date(2025, 3, 4), date(2025, 9, 1), date(2025, 3, 4)),
    )
    # act
    days = recurrence.occurrences(date(2025, 3, 4), date(2025, 5, 31))
    # assert
    assert days == [date(2025, 3, 4), date(2025, 5, 20)]


def test_an_empty_range_has_no_occurrences():
    # arrange
    recurrence = Recurrence(Frequency.WEEKLY, weekday=TUESDAY)
    # act
    days = recurrence.occurrences(date(2025, 3, 31), date(2025, 3, 1))
    # assert
    assert days == []


# TimeSlot --------------------------------------------------------------------


def weekly_slot(weekday: int = TUESDAY) -> TimeSlot:
    return TimeSlot(Recurrence(Frequency.WEEKLY, weekday=weekday), time(9), time(12))


@pytest.mark.parametrize(
    ("starts", "ends", "errors"),
    [
        (time(9), time(12), []),
        (time(12), time(9), ["ends 09:00 is not after starts 12:00"]),
        (time(9), time(9), ["ends 09:00 is not after starts 09:00"]),
    ],
)
def test_time_slot_validate(starts, ends, errors):
    # arrange
    slot = TimeSlot(Recurrence(Frequency.WEEKLY, weekday=TUESDAY), starts, ends)
    # act
    result = slot.validate()
    # assert
    assert result == errors


def test_next_occurrences_include_the_slot_in_progress():
    # arrange: Tuesday 11 March 2025, 10:30 in Paris
    slot = weekly_slot()
    # act
    found = slot.next_occurrences(paris(2025, 3, 11, 10, 30), "Europe/Paris", limit=3)
    # assert
    assert found == [
        (paris(2025, 3, 11, 9), paris(2025, 3, 11, 12)),
        (paris(2025, 3, 18, 9), paris(2025, 3, 18, 12)),
        (paris(2025, 3, 25, 9), paris(2025, 3, 25, 12)),
    ]


def test_next_occurrences_skip_a_slot_that_just_ended():
    # arrange
    slot = weekly_slot()
    # act
    found = slot.next_occurrences(paris(2025, 3, 11, 12, 0), "Europe/Paris", limit=1)
    # assert
    assert found == [(paris(2025, 3, 18, 9), paris(2025, 3, 18, 12))]


def test_next_occurrences_stop_before_until():
    # arrange
    slot = weekly_slot()
    # act
    found = slot.next_occurrences(
        paris(2025, 3, 11, 13, 0), "Europe/Paris", until=paris(2025, 3, 25, 9, 0)
    )
    # assert: the slot starting exactly at `until` is left out
    assert found == [(paris(2025, 3, 18, 9), paris(2025, 3, 18, 12))]


def test_next_occurrences_without_bounds_look_one_year_ahead():
    # arrange
    slot = weekly_slot()
    # act
    found = slot.next_occurrences(paris(2025, 3, 11, 13, 0), "Europe/Paris")
    # assert
    assert found[0][0] == paris(2025, 3, 18, 9)
    assert len(found) == 52
    assert found[-1][0] - found[0][0] == timedelta(weeks=51)


def test_next_occurrences_with_a_zero_limit_are_empty():
    # arrange
    slot = weekly_slot()
    # act
    found = slot.next_occurrences(paris(2025, 3, 11, 10, 0), "Europe/Paris", limit=0)
    # assert
    assert found == []


def test_next_occurrences_are_in_the_slot_time_zone_whatever_the_moment_zone():
    # arrange: Tuesday 09:00 in Réunion is 05:00 UTC; at 06:00 UTC the stop is under way
    slot = weekly_slot()
    after = datetime(2025, 3, 11, 6, 0, tzinfo=UTC)
    # act
    found = slot.next_occurrences(after, "Indian/Reunion", limit=1)
    # assert
    assert found == [
        (datetime(2025, 3, 11, 9, tzinfo=REUNION), datetime(2025, 3, 11, 12, tzinfo=REUNION))
    ]
    assert found[0][0].tzinfo == REUNION


def test_next_occurrences_of_a_biweekly_slot_skip_the_off_weeks():
    # arrange
    slot = TimeSlot(BIWEEKLY_TUESDAY, time(14), time(16, 30))
    # act
    found = slot.next_occurrences(paris(2025, 3, 10, 8, 0), "Europe/Paris", limit=2)
    # assert
    assert found == [
        (paris(2025, 3, 18, 14), paris(2025, 3, 18, 16, 30)),
        (paris(2025, 4, 1, 14), paris(2025, 4, 1, 16, 30)),
    ]


def test_next_occurrences_need_an_aware_datetime():
    # arrange
    slot = weekly_slot()
    # act / assert
    with pytest.raises(ValueError, match="timezone-aware"):
        slot.next_occurrences(datetime(2025, 3, 11, 10, 0), "Europe/Paris", limit=1)


@pytest.mark.parametrize(
    ("moment", "active"),
    [
        (paris(2025, 3, 11, 9, 0), True),  # the start is included
        (paris(2025, 3, 11, 11, 59), True),
        (paris(2025, 3, 11, 12, 0), False),  # the end is not
        (paris(2025, 3, 11, 8, 59), False),
        (paris(2025, 3, 12, 10, 0), False),  # a Wednesday
        (datetime(2025, 3, 11, 9, 30, tzinfo=UTC), True),  # 10:30 in Paris
        (datetime(2025, 3, 11, 11, 30, tzinfo=UTC), False),  # 12:30 in Paris
    ],
)
def test_time_slot_is_active_at(moment, active):
    # arrange
    slot = weekly_slot()
    # act
    result = slot.is_active_at(moment, "Europe/Paris")
    # assert
    assert result is active


def test_biweekly_slot_is_inactive_in_its_off_weeks():
    # arrange
    slot = TimeSlot(BIWEEKLY_TUESDAY, time(9), time(12))
    # act
    on_week = slot.is_active_at(paris(2025, 3, 18, 10, 0), "Europe/Paris")
    off_week = slot.is_active_at(paris(2025, 3, 11, 10, 0), "Europe/Paris")
    # assert
    assert (on_week, off_week) == (True, False)


def test_overseas_bus_stop_is_active_by_local_time():
    # arrange: 06:00 in Paris (UTC+1) is 09:00 in Réunion (UTC+4)
    slot = weekly_slot()
    moment = paris(2025, 3, 11, 6, 0)
    # act
    in_reunion = slot.is_active_at(moment, "Indian/Reunion")
    in_paris = slot.is_active_at(moment, "Europe/Paris")
    # assert
    assert (in_reunion, in_paris) == (True, False)


def test_a_bus_is_open_when_one_of_its_stops_is_active():
    # arrange: Monday and Thursday stops
    stops = [weekly_slot(0), weekly_slot(3)]
    # act
    thursday = any(stop.is_active_at(paris(2025, 3, 13, 10, 0), "Europe/Paris") for stop in stops)
    tuesday = any(stop.is_active_at(paris(2025, 3, 11, 10, 0), "Europe/Paris") for stop in stops)
    # assert
    assert (thursday, tuesday) == (True, False)
