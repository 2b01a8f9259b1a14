from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from directory.maisons.hours import (
    Closure,
    HoursParseError,
    Interval,
    OpenStatus,
    WeeklySchedule,
    holiday_subdivision_for_department,
    parse_day,
    validate_intervals,
)

PARIS = ZoneInfo("Europe/Paris")
REUNION = ZoneInfo("Indian/Reunion")
MORNING = "09:00 - 12:00"
FULL_DAY = "09:00 - 12:00 / 13:30 - 17:00"


def week(cells: dict[int, str], **options) -> WeeklySchedule:
    """A schedule from open-data cells keyed by weekday (0=Monday)."""
    intervals = tuple(
        Interval(weekday, opens, closes)
        for weekday, cell in cells.items()
        for opens, closes in parse_day(cell)
    )
    return WeeklySchedule(intervals, **options)


def typical(**options) -> WeeklySchedule:
    """Monday to Friday with a lunch break, Saturday morning, closed on Sunday."""
    return week(
        {0: FULL_DAY, 1: FULL_DAY, 2: FULL_DAY, 3: FULL_DAY, 4: FULL_DAY, 5: MORNING}, **options
    )


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


# parse_day ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (FULL_DAY, [(time(9), time(12)), (time(13, 30), time(17))]),
        ("9:00 - 12:00", [(time(9), time(12))]),
        ("9h00-12h00", [(time(9), time(12))]),
        ("9h-12h", [(time(9), time(12))]),
        ("8H30 \u2013 12h / 14h - 16h45", [(time(8, 30), time(12)), (time(14), time(16, 45))]),
        ("  13:30 - 17:00 / 09:00 - 12:00  ", [(time(9), time(12)), (time(13, 30), time(17))]),
        (
            "08:00 - 09:00 / 10:00 - 11:00 / 12:00 - 13:00 / 14:00 - 15:00 / 16:00 - 17:00",
            [(time(h), time(h + 1)) for h in (8, 10, 12, 14, 16)],
        ),
        ("09:00 - 12:00 / 12:00 - 14:00", [(time(9), time(12)), (time(12), time(14))]),
        ("-", []),
        ("", []),
        ("   ", []),
    ],
)
def test_parse_day_reads_open_data_cells(cell, expected):
    # arrange: the cell comes from the parametrisation
    # act
    intervals = parse_day(cell)
    # assert
    assert intervals == expected


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("25:00 - 12:00", "'25:00' is not a valid time"),
        ("09:60 - 12:00", "'09:60' is not a valid time"),
        ("9 - 12", "'9' is not a valid time"),
        ("12:00 - 09:00", "closing 09:00 is not after opening 12:00"),
        ("09:00 - 09:00", "closing 09:00 is not after opening 09:00"),
        ("09:00 - 12:00 / 11:00 - 14:00", "intervals overlap: 09:00-12:00 and 11:00-14:00"),
        ("Sur RDV", "'Sur RDV' is not a time range"),
        ("sur rendez-vous", "'sur rendez' is not a valid time"),
        ("09:00 12:00", "'09:00 12:00' is not a time range"),
        ("/", "holds no time range"),
        (" / ".join(["08:00 - 08:30"] * 6), "6 intervals"),
    ],
)
def test_parse_day_rejects_bad_cells_naming_the_bad_piece(cell, message):
    # arrange: the cell comes from the parametrisation
    # act
    with pytest.raises(HoursParseError) as caught:
        parse_day(cell)
    # assert
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


# validate_intervals ---------------------------------------------------------


def test_validate_intervals_accepts_a_valid_week():
    # arrange
    schedule = typical()
    # act
    errors = validate_intervals(schedule.intervals)
    # assert
    assert errors == []


def test_validate_intervals_reports_each_problem_with_its_day():
    # arrange
    intervals = [
        Interval(0, time(13), time(12)),
        Interval(2, time(9), time(12)),
        Interval(2, time(11), time(14)),
        Interval(3, time(11), time(14)),  # same hours as Wednesday, but another day
        Interval(3, time(9), time(12)),
        Interval(7, time(9), time(12)),
    ]
    # act
    errors = validate_intervals(intervals)
    # assert
    assert errors == [
        "7 is not a weekday (0=Monday..6=Sunday)",
        "Monday: closing 12:00 is not after opening 13:00",
        "Wednesday: intervals overlap: 09:00-12:00 and 11:00-14:00",
        "Thursday: intervals overlap: 09:00-12:00 and 11:00-14:00",
    ]


def test_schedule_validate_also_checks_closures():
    # arrange
    schedule = typical(closures=(Closure(date(2025, 3, 14), date(2025, 3, 10)),))
    # act
    errors = schedule.validate()
    # assert
    assert errors == ["closure ends 2025-03-10 before it starts 2025-03-14"]


# status_at ------------------------------------------------------------------


def test_open_in_the_morning_until_lunch():
    # arrange: Tuesday 11 March 2025
    schedule = typical()
    # act
    status = schedule.status_at(paris(2025, 3, 11, 10, 0))
    # assert
    assert status == OpenStatus(True, paris(2025, 3, 11, 12, 0), None)
    assert status.closes_at.tzinfo == PARIS


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # Opening time is included, closing time is not.
        (paris(2025, 3, 11, 9, 0), OpenStatus(True, paris(2025, 3, 11, 12, 0), None)),
        (paris(2025, 3, 11, 12, 0), OpenStatus(False, None, paris(2025, 3, 11, 13, 30))),
        # Lunch break, then the afternoon.
        (paris(2025, 3, 11, 12, 45), OpenStatus(False, None, paris(2025, 3, 11, 13, 30))),
        (paris(2025, 3, 11, 16, 59), OpenStatus(True, paris(2025, 3, 11, 17, 0), None)),
        # Early morning and evening.
        (paris(2025, 3, 11, 7, 0), OpenStatus(False, None, paris(2025, 3, 11, 9, 0))),
        (paris(2025, 3, 11, 18, 0), OpenStatus(False, None, paris(2025, 3, 12, 9, 0))),
        # Saturday morning open, Saturday afternoon closed until Monday.
        (paris(2025, 3, 15, 10, 0), OpenStatus(True, paris(2025, 3, 15, 12, 0), None)),
        (paris(2025, 3, 15, 14, 0), OpenStatus(False, None, paris(2025, 3, 17, 9, 0))),
        # Sunday.
        (paris(2025, 3, 16, 10, 0), OpenStatus(False, None, paris(2025, 3, 17, 9, 0))),
    ],
)
def test_status_at_chosen_instants(moment, expected):
    # arrange
    schedule = typical()
    # act
    status = schedule.status_at(moment)
    # assert
    assert status == expected


@pytest.mark.parametrize(
    ("moment", "next_opening"),
    [
        # 14 July 2025 is a Monday, 1 May 2025 a Thursday.
        (paris(2025, 7, 14, 10, 0), paris(2025, 7, 15, 9, 0)),
        (paris(2025, 5, 1, 10, 0), paris(2025, 5, 2, 9, 0)),
        # The evening before a public holiday: next opening skips it.
        (paris(2025, 4, 30, 18, 0), paris(2025, 5, 2, 9, 0)),
    ],
)
def test_closed_on_national_public_holidays(moment, next_opening):
    # arrange
    schedule = typical()
    # act
    status = schedule.status_at(moment)
    # assert
    assert status == OpenStatus(False, None, next_opening)


def test_alsace_moselle_is_closed_on_26_december_unlike_the_rest_of_france():
    # arrange: 26 December 2024 is a Thursday
    moment = paris(2024, 12, 26, 10, 0)
    elsewhere = typical()
    strasbourg = typical(holiday_subdivision=holiday_subdivision_for_department("67"))
    # act
    elsewhere_status = elsewhere.status_at(moment)
    strasbourg_status = strasbourg.status_at(moment)
    # assert
    assert elsewhere_status.is_open
    assert strasbourg_status == OpenStatus(False, None, paris(2024, 12, 27, 9, 0))


@pytest.mark.parametrize("department", ["57", "67", "68"])
def test_alsace_moselle_is_closed_on_good_friday(department):
    # arrange: Good Friday 2025 is 18 April
    schedule = typical(holiday_subdivision=holiday_subdivision_for_department(department))
    # act
    status = schedule.status_at(paris(2025, 4, 18, 10, 0))
    # assert
    assert not status.is_open
    assert typical().status_at(paris(2025, 4, 18, 10, 0)).is_open


def test_closed_during_an_exceptional_closure_and_reopens_after_it():
    # arrange: closed Monday 10 to Friday 14 March 2025 included
    closure = Closure(date(2025, 3, 10), date(2025, 3, 14), "Travaux")
    schedule = typical(closures=(closure,))
    # act
    first_day = schedule.status_at(paris(2025, 3, 10, 10, 0))
    last_day = schedule.status_at(paris(2025, 3, 14, 16, 0))
    day_before = schedule.status_at(paris(2025, 3, 7, 10, 0))
    # assert
    assert first_day == OpenStatus(False, None, paris(2025, 3, 15, 9, 0))
    assert last_day == OpenStatus(False, None, paris(2025, 3, 15, 9, 0))
    assert day_before.is_open


def test_next_opening_on_friday_evening_before_a_closure_skips_it():
    # arrange
    closure = Closure(date(2025, 3, 15), date(2025, 3, 18))
    schedule = typical(closures=(closure,))
    # act
    status = schedule.status_at(paris(2025, 3, 14, 18, 0))
    # assert
    assert status == OpenStatus(False, None, paris(2025, 3, 19, 9, 0))


def test_next_opening_is_none_beyond_sixty_days():
    # arrange: closed from January to June
    closure = Closure(date(2025, 1, 1), date(2025, 6, 30))
    schedule = typical(closures=(closure,))
    # act
    status = schedule.status_at(paris(2025, 1, 6, 10, 0))
    # assert
    assert status == OpenStatus(False, None, None)


@pytest.mark.parametrize(
    ("last_closed_day", "next_opening"),
    [
        (date(2025, 5, 8), paris(2025, 5, 9, 9, 0)),  # reopens on the 60th day: found
        (date(2025, 5, 9), None),  # reopens on the 61st day: beyond the search
    ],
)
def test_next_opening_searches_sixty_days_ahead(last_closed_day, next_opening):
    # arrange: open every morning, closed from the moment's day on
    closure = Closure(date(2025, 3, 10), last_closed_day)
    schedule = week(dict.fromkeys(range(7), MORNING), closures=(closure,))
    # act
    status = schedule.status_at(paris(2025, 3, 10, 10, 0))
    # assert
    assert status == OpenStatus(False, None, next_opening)


def test_empty_schedule_is_unknown_never_open():
    # arrange
    schedule = WeeklySchedule(())
    # act
    status = schedule.status_at(paris(2025, 3, 11, 10, 0))
    # assert: no hours published is not "closed"
    assert status == OpenStatus(False, None, None, hours_published=False)


def test_next_opening_across_daylight_saving_change_is_in_summer_time():
    # arrange: clocks go forward on Sunday 30 March 2025
    schedule = typical()
    # act
    status = schedule.status_at(paris(2025, 3, 29, 14, 0))
    # assert
    assert status.next_opening == paris(2025, 3, 31, 9, 0)
    assert status.next_opening.utcoffset() == timedelta(hours=2)


def test_back_to_back_intervals_close_at_the_end_of_the_last_one():
    # arrange
    schedule = week({1: "09:00 - 12:00 / 12:00 - 14:00 / 15:00 - 16:00"})
    # act
    status = schedule.status_at(paris(2025, 3, 11, 11, 0))
    # assert
    assert status == OpenStatus(True, paris(2025, 3, 11, 14, 0), None)


def test_status_at_rejects_naive_datetimes():
    # arrange
    schedule = typical()
    # act / assert
    with pytest.raises(ValueError, match="timezone-aware"):
        schedule.status_at(datetime(2025, 3, 11, 10, 0))


# Overseas: the answer follows local time ----------------------------------


def reunion_maison() -> WeeklySchedule:
    return week(
        dict.fromkeys(range(5), "08:00 - 12:00"),
        timezone="Indian/Reunion",
        holiday_subdivision=holiday_subdivision_for_department("974"),
    )


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # 05:30 in Paris (UTC+1 in March) is 08:30 in Réunion (UTC+4).
        (
            paris(2025, 3, 11, 5, 30),
            OpenStatus(True, datetime(2025, 3, 11, 12, 0, tzinfo=REUNION), None),
        ),
        (
            datetime(2025, 3, 11, 4, 30, tzinfo=UTC),
            OpenStatus(True, datetime(2025, 3, 11, 12, 0, tzinfo=REUNION), None),
        ),
        # 10:00 in Paris is 13:00 in Réunion: closed although Paris offices are open.
        (
            paris(2025, 3, 11, 10, 0),
            OpenStatus(False, None, datetime(2025, 3, 12, 8, 0, tzinfo=REUNION)),
        ),
        # Friday 22:00 in Paris is already Saturday 01:00 in Réunion.
        (
            paris(2025, 3, 14, 22, 0),
            OpenStatus(False, None, datetime(2025, 3, 17, 8, 0, tzinfo=REUNION)),
        ),
    ],
)
def test_overseas_maison_follows_local_time(moment, expected):
    # arrange
    schedule = reunion_maison()
    # act
    status = schedule.status_at(moment)
    # assert
    assert status == expected
    shown = status.closes_at or status.next_opening
    assert shown.tzinfo == REUNION
    assert shown.utcoffset() == timedelta(hours=4)


def test_reunion_is_closed_on_its_abolition_of_slavery_day():
    # arrange: 20 December 2024 is a Friday; 09:00 in Réunion is 06:00 in Paris
    moment = paris(2024, 12, 20, 6, 0)
    # act
    status = reunion_maison().status_at(moment)
    # assert
    assert status == OpenStatus(False, None, datetime(2024, 12, 23, 8, 0, tzinfo=REUNION))


# Public holidays per department --------------------------------------------


@pytest.mark.parametrize(
    ("department", "subdivision"),
    [
        ("57", "57"),
        ("67", "6AE"),
        ("68", "6AE"),
        ("971", "971"),
        ("972", "972"),
        ("973", "973"),
        ("974", "974"),
        ("976", "976"),
        ("975", "PM"),  # overseas collectivities have their own calendars too
        ("978", "MF"),
        ("75", None),
        ("01", None),
        ("2A", None),
        (" 974 ", "974"),
    ],
)
def test_holiday_subdivision_for_department(department, subdivision):
    # arrange: the department comes from the parametrisation
    # act
    result = holiday_subdivision_for_department(department)
    # assert
    assert result == subdivision


@pytest.mark.parametrize(
    ("department", "day"),
    [
        ("971", date(2025, 5, 27)),  # Guadeloupe
        ("972", date(2025, 5, 22)),  # Martinique
        ("973", date(2025, 6, 10)),  # Guyane
        ("974", date(2025, 12, 20)),  # La Réunion
        ("976", date(2025, 4, 27)),  # Mayotte
        ("57", date(2025, 12, 26)),  # Moselle
        ("67", date(2025, 12, 26)),  # Bas-Rhin
    ],
)
def test_local_holidays_only_apply_in_their_department(department, day):
    # arrange
    local = typical(holiday_subdivision=holiday_subdivision_for_department(department))
    national = typical()
    # act / assert
    assert local.is_holiday(day)
    assert not national.is_holiday(day)


@pytest.mark.parametrize("department", ["75", "67", "974"])
def test_national_holidays_apply_everywhere(department):
    # arrange
    schedule = typical(holiday_subdivision=holiday_subdivision_for_department(department))
    # act
    result = [schedule.is_holiday(day) for day in (date(2025, 7, 14), date(2025, 7, 15))]
    # assert
    assert result == [True, False]


# Figures and the labelling rule --------------------------------------------


def test_weekly_minutes_and_open_days_of_a_typical_week():
    # arrange: 5 x 6 h 30 + 3 h
    schedule = typical()
    # act
    minutes, days = schedule.weekly_minutes(), schedule.open_days()
    # assert
    assert minutes == 5 * 390 + 180
    assert days == 6


@pytest.mark.parametrize(
    ("cells", "minutes", "meets"),
    [
        (dict.fromkeys(range(5), "09:00 - 12:00 / 14:00 - 16:00"), 5 * 5 * 60, True),
        (dict.fromkeys(range(4), "09:00 - 12:00 / 13:00 - 18:00"), 4 * 8 * 60, False),
        (dict.fromkeys(range(5), "09:00 - 13:00"), 5 * 4 * 60, False),
        # Exactly 24 hours over exactly 5 days.
        ({0: "08:00 - 12:00", 1: "8h-13h", 2: "8h-13h", 3: "8h-13h", 4: "8h-13h"}, 24 * 60, True),
        ({}, 0, False),
    ],
)
def test_label_rule_needs_24_hours_over_5_days(cells, minutes, meets):
    # arrange
    schedule = week(cells)
    # act
    result = schedule.meets_label_rule()
    # assert
    assert schedule.weekly_minutes() == minutes
    assert result is meets


# OpenStreetMap ---------------------------------------------------------------


def test_osm_export_groups_consecutive_days():
    # arrange
    schedule = typical()
    # act
    text = schedule.osm_opening_hours()
    # assert
    assert text == "Mo-Fr 09:00-12:00,13:30-17:00; Sa 09:00-12:00; PH off"


def test_osm_export_lists_days_that_are_not_consecutive():
    # arrange
    schedule = week({0: MORNING, 1: "14:00 - 17:00", 2: MORNING, 3: MORNING, 5: MORNING})
    # act
    text = schedule.osm_opening_hours()
    # assert
    assert text == "Mo,We-Th,Sa 09:00-12:00; Tu 14:00-17:00; PH off"


def test_osm_export_of_an_empty_schedule_is_empty_not_off():
    # arrange
    schedule = WeeklySchedule(())
    # act / assert: unknown hours, not "closed every day"
    assert schedule.osm_opening_hours() == ""


@pytest.mark.parametrize(
    "schedule",
    [
        typical(),
        week({0: MORNING, 1: "14:00 - 17:00", 2: MORNING, 3: MORNING, 5: MORNING}),
        week({6: "10:00 - 12:00", 0: "08:30 - 12:15 / 13:00 - 16:00 / 17:00 - 19:00"}),
        week(dict.fromkeys(range(7), FULL_DAY)),
        WeeklySchedule(()),
    ],
)
def test_osm_round_trip(schedule):
    # arrange
    text = schedule.osm_opening_hours()
    # act
    parsed = WeeklySchedule.from_osm(text)
    # assert
    assert parsed == schedule
    assert parsed.osm_opening_hours() == text


def test_from_osm_keeps_the_time_zone_and_subdivision():
    # arrange
    text = "Mo-Fr 08:00-12:00; PH off"
    # act
    schedule = WeeklySchedule.from_osm(text, timezone="Indian/Reunion", holiday_subdivision="974")
    # assert
    assert schedule == reunion_maison()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mo-Fr 09:00-17:00; We off", {0, 1, 3, 4}),  # a later rule replaces an earlier one
        ("Sa-Mo 09:00-12:00", {5, 6, 0}),  # a range wrapping around the week
        ("Mo,Th 09:00-12:00, 14:00-16:00", {0, 3}),
        ("09:00-12:00", set(range(7))),  # no day selector: every day
        ("closed", set()),
    ],
)
def test_from_osm_parses_day_selectors(text, expected):
    # arrange: the text comes from the parametrisation
    # act
    schedule = WeeklySchedule.from_osm(text)
    # assert
    assert {interval.weekday for interval in schedule.intervals} == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Mo-Fr 9h-12h", "'9h' is not a valid time"),
        ("Mo-Fr 09:00-25:00", "'25:00' is not a valid time"),
        ("Xx 09:00-12:00", "'Xx' is not an OSM weekday"),
        ("Mo 09:00-12:00,11:00-13:00", "intervals overlap: 09:00-12:00 and 11:00-13:00"),
        ("Mo 12:00-09:00", "closing 09:00 is not after opening 12:00"),
        ("PH 10:00-12:00", "only 'PH off' is supported"),
        ("Mo 09:00", "'09:00' is not a time range"),
    ],
)
def test_from_osm_rejects_what_it_cannot_represent(text, message):
    # arrange: the text comes from the parametrisation
    # act
    with pytest.raises(HoursParseError) as caught:
        WeeklySchedule.from_osm(text)
    # assert
    assert message in str(caught.value)


# schema.org ------------------------------------------------------------------


def test_schema_org_groups_days_sharing_an_interval_and_lists_closures():
    # arrange
    closure = Closure(date(2025, 12, 24), date(2025, 12, 31), "Inventaire")
    schedule = typical(closures=(closure,))
    weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    # act
    specs = schedule.schema_org()
    # assert
    assert specs == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"https://schema.org/{day}" for day in [*weekdays, "Saturday"]],
            "opens": "09:00",
            "closes": "12:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"https://schema.org/{day}" for day in weekdays],
            "opens": "13:30",
            "closes": "17:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "opens": "00:00",
            "closes": "00:00",
            "validFrom": "2025-12-24",
            "validThrough": "2025-12-31",
            "description": "Inventaire",
        },
    ]


def test_schema_org_single_day_is_a_plain_value():
    # arrange
    schedule = week({6: "10:00 - 12:00"})
    # act
    specs = schedule.schema_org()
    # assert
    assert specs == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Sunday",
            "opens": "10:00",
            "closes": "12:00",
        }
    ]


def test_schedules_built_from_rows_in_any_order_are_equal():
    # arrange
    rows = [Interval(1, time(14), time(17)), Interval(0, time(9), time(12))]
    # act
    forward, backward = WeeklySchedule(tuple(rows)), WeeklySchedule(tuple(reversed(rows)))
    # assert
    assert forward == backward
    assert forward.intervals[0] == Interval(0, time(9), time(12))
