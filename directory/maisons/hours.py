"""Weekly opening hours of a maison: parsing, open/closed status, exports.

Pure Python: Django models store the rows and build these objects.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

MAX_INTERVALS_PER_DAY = 5
NEXT_OPENING_HORIZON_DAYS = 60
# France Services labelling rule: at least 24 hours a week over at least 5 days.
LABEL_MIN_WEEKLY_MINUTES = 24 * 60
LABEL_MIN_OPEN_DAYS = 5

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
OSM_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
SCHEMA_ORG_DAY = "https://schema.org/{}"

# Department code -> subdivision of `holidays.France` (see `holidays.France.subdivisions`).
_DEPARTMENT_SUBDIVISIONS = {
    "57": "57",  # Moselle
    "67": "6AE",  # Bas-Rhin (Alsace)
    "68": "6AE",  # Haut-Rhin (Alsace)
    "971": "971",  # Guadeloupe
    "972": "972",  # Martinique
    "973": "973",  # Guyane
    "974": "974",  # La Réunion
    "975": "PM",  # Saint-Pierre-et-Miquelon
    "976": "976",  # Mayotte
    "977": "BL",  # Saint-Barthélemy
    "978": "MF",  # Saint-Martin
    "986": "WF",  # Wallis-et-Futuna
    "987": "PF",  # Polynésie française
    "988": "NC",  # Nouvelle-Calédonie
}

# "9:00", "09:00", "9h", "9h00", "9H30" (a colon needs its minutes).
_TIME_RE = re.compile(r"^(\d{1,2})(?::(\d{2})|[hH](\d{2})?)$")
# Hyphen, en dash or em dash between the bounds.
_RANGE_SEPARATOR_RE = re.compile(r"\s*[-\u2013\u2014]\s*")
_CLOSED_CELLS = {"", "-", "\u2013", "\u2014", "fermé", "ferme", "closed"}
_OSM_TIME_RE = re.compile(r"^(\d{2}):(\d{2})$")


class HoursParseError(ValueError):
    """A piece of opening hours text that cannot be understood."""


@dataclass(frozen=True)
class Interval:
    weekday: int  # 0=Monday..6=Sunday
    opens: time
    closes: time


@dataclass(frozen=True)
class Closure:
    start: date
    end: date  # inclusive
    reason: str = ""

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class OpenStatus:
    is_open: bool
    closes_at: datetime | None
    next_opening: datetime | None
    # False for a maison that publishes no hours: neither open nor closed, unknown.
    hours_published: bool = True


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def _parse_time(token: str) -> time:
    match = _TIME_RE.match(token)
    if match is None:
        raise HoursParseError(f"{token!r} is not a valid time")
    hour, minute = int(match[1]), int(match[2] or match[3] or 0)
    if hour > 23 or minute > 59:
        raise HoursParseError(f"{token!r} is not a valid time")
    return time(hour, minute)


def _day_errors(pairs: Iterable[tuple[time, time]]) -> list[str]:
    """Errors of one day's intervals: closing not after opening, overlaps."""
    errors = []
    ordered = sorted(pairs)
    for opens, closes in ordered:
        if closes <= opens:
            errors.append(f"closing {_hhmm(closes)} is not after opening {_hhmm(opens)}")
    for (a_opens, a_closes), (b_opens, b_closes) in itertools.pairwise(ordered):
        if b_opens < a_closes:
            errors.append(
                f"intervals overlap: {_hhmm(a_opens)}-{_hhmm(a_closes)}"
                f" and {_hhmm(b_opens)}-{_hhmm(b_closes)}"
            )
    return errors


def parse_day(text: str) -> list[tuple[time, time]]:
    """Parse an open-data cell such as ``"09:00 - 12:00 / 13:30 - 17:00"``.

    Also accepts ``"9:00 - 12:00"``, ``"9h00-12h00"``, ``"9h-12h"``; ``"-"`` or an
    empty cell means closed (``[]``). Returns the intervals sorted.
    """
    cell = (text or "").strip()
    if cell.lower() in _CLOSED_CELLS:
        return []
    pairs = []
    for piece in (part.strip() for part in cell.split("/")):
        if not piece:
            continue  # tolerate "09:00 - 12:00 /"
        bounds = _RANGE_SEPARATOR_RE.split(piece)
        if len(bounds) != 2:
            raise HoursParseError(f"{piece!r} is not a time range like '09:00 - 12:00'")
        pairs.append((_parse_time(bounds[0]), _parse_time(bounds[1])))
    if not pairs:
        raise HoursParseError(f"{text!r} holds no time range")
    if len(pairs) > MAX_INTERVALS_PER_DAY:
        raise HoursParseError(
            f"{len(pairs)} intervals in {text!r}, at most {MAX_INTERVALS_PER_DAY} allowed"
        )
    errors = _day_errors(pairs)
    if errors:
        raise HoursParseError("; ".join(errors))
    return sorted(pairs)


def parse_official_day(text: str) -> list[tuple[time, time]]:
    """Read a cell of the official list, forgiving its known quirks.

    The published file fills unused slots with ``00:00 - 00:00`` and sometimes repeats
    or nests intervals (``09:00 - 12:30 / 09:00 - 17:00 / 14:00 - 17:00``): placeholders
    are dropped and overlapping intervals merged into the hours the maison is open.
    Anything else wrong (``25:00``, closing before opening) still raises.
    """
    cell = (text or "").strip()
    if cell.lower() in _CLOSED_CELLS:
        return []
    pairs = []
    for piece in (part.strip() for part in cell.split("/")):
        bounds = _RANGE_SEPARATOR_RE.split(piece) if piece else []
        if not piece or (len(bounds) == 2 and {_parse_time(b) for b in bounds} == {time(0, 0)}):
            continue
        pairs.extend(parse_day(piece))
    merged: list[tuple[time, time]] = []
    for opens, closes in sorted(pairs):
        if merged and opens <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(closes, merged[-1][1]))
        else:
            merged.append((opens, closes))
    return merged


def validate_intervals(intervals: Iterable[Interval]) -> list[str]:
    """Error messages for a week of intervals (empty when valid)."""
    errors = []
    by_day: dict[int, list[tuple[time, time]]] = {}
    for interval in intervals:
        if not 0 <= interval.weekday <= 6:
            errors.append(f"{interval.weekday} is not a weekday (0=Monday..6=Sunday)")
            continue
        by_day.setdefault(interval.weekday, []).append((interval.opens, interval.closes))
    for weekday in sorted(by_day):
        errors.extend(f"{DAY_NAMES[weekday]}: {error}" for error in _day_errors(by_day[weekday]))
    return errors


def weekly_figures(intervals: Iterable[tuple[int, time, time]]) -> tuple[int | None, int | None]:
    """(minutes open a week, days open) of (weekday, opens, closes) rows; (None, None)
    without any: no hours published. What ``MaisonPage`` stores for the dashboards."""
    minutes, days = 0, set()
    for weekday, opens, closes in intervals:
        minutes += (closes.hour * 60 + closes.minute) - (opens.hour * 60 + opens.minute)
        days.add(weekday)
    return (minutes, len(days)) if days else (None, None)


def holiday_subdivision_for_department(code: str) -> str | None:
    """The `holidays.France` subdivision for a department code, None for the national calendar."""
    return _DEPARTMENT_SUBDIVISIONS.get(code.strip().upper())


# Pure (a calendar computed from its arguments alone): safe to keep in each process.
@lru_cache(maxsize=256)
def holiday_dates(subdivision: str | None, year: int) -> frozenset[date]:
    """The public holidays of a `holidays.France` subdivision (None: the national calendar)."""
    return frozenset(holidays.France(subdiv=subdivision, years=year))


@dataclass
class WeeklySchedule:
    intervals: tuple[Interval, ...]
    closures: tuple[Closure, ...] = ()
    timezone: str = "Europe/Paris"
    holiday_subdivision: str | None = None
    _zone: ZoneInfo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Normalise so that schedules built from rows in any order compare equal.
        self.intervals = tuple(
            sorted(self.intervals, key=lambda i: (i.weekday, i.opens, i.closes))
        )
        self.closures = tuple(self.closures)
        self._zone = ZoneInfo(self.timezone)

    # Validation ------------------------------------------------------------

    def validate(self) -> list[str]:
        errors = validate_intervals(self.intervals)
        errors.extend(
            f"closure ends {closure.end} before it starts {closure.start}"
            for closure in self.closures
            if closure.end < closure.start
        )
        return errors

    # Calendar --------------------------------------------------------------

    def is_holiday(self, day: date) -> bool:
        return day in holiday_dates(self.holiday_subdivision, day.year)

    def is_closed_on(self, day: date) -> bool:
        """Closed all day: public holiday or exceptional closure."""
        return self.is_holiday(day) or any(closure.covers(day) for closure in self.closures)

    def _day_intervals(self, weekday: int) -> list[Interval]:
        return [interval for interval in self.intervals if interval.weekday == weekday]

    def _at(self, day: date, moment: time) -> datetime:
        return datetime.combine(day, moment, tzinfo=self._zone)

    def status_at(self, moment: datetime) -> OpenStatus:
        """Open or closed at an aware ``moment``, judged in the schedule's own time zone."""
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("status_at() needs a timezone-aware datetime")
        if not self.intervals:
            return OpenStatus(False, None, None, hours_published=False)
        local = moment.astimezone(self._zone)
        today, now = local.date(), local.time()
        closed_today = self.is_closed_on(today)
        if not closed_today:
            day_intervals = self._day_intervals(today.weekday())
            for index, interval in enumerate(day_intervals):
                if interval.opens <= now < interval.closes:
                    closes = interval.closes
                    # Back-to-back intervals (09:00-12:00, 12:00-14:00) are one opening.
                    for following in day_intervals[index + 1 :]:
                        if following.opens > closes:
                            break
                        closes = max(closes, following.closes)
                    return OpenStatus(True, self._at(today, closes), None)
        return OpenStatus(False, None, self._next_opening(today, now, closed_today))

    def _next_opening(self, today: date, now: time, closed_today: bool) -> datetime | None:
        if not closed_today:
            for interval in self._day_intervals(today.weekday()):
                if interval.opens > now:
                    return self._at(today, interval.opens)
        if not self.intervals:
            return None
        for offset in range(1, NEXT_OPENING_HORIZON_DAYS + 1):
            day = today + timedelta(days=offset)
            day_intervals = self._day_intervals(day.weekday())
            if day_intervals and not self.is_closed_on(day):
                return self._at(day, day_intervals[0].opens)
        return None

    # Figures ---------------------------------------------------------------

    def weekly_minutes(self) -> int:
        return sum(
            (i.closes.hour * 60 + i.closes.minute) - (i.opens.hour * 60 + i.opens.minute)
            for i in self.intervals
        )

    def open_days(self) -> int:
        return len({interval.weekday for interval in self.intervals})

    def meets_label_rule(self) -> bool:
        return (
            self.weekly_minutes() >= LABEL_MIN_WEEKLY_MINUTES
            and self.open_days() >= LABEL_MIN_OPEN_DAYS
        )

    # Exports ---------------------------------------------------------------

    def _days_by_hours(self) -> dict[str, list[int]]:
        """OSM hours text ("09:00-12:00,13:30-17:00") -> weekdays, in weekday order."""
        groups: dict[str, list[int]] = {}
        for weekday in range(7):
            day_intervals = self._day_intervals(weekday)
            if day_intervals:
                hours = ",".join(f"{_hhmm(i.opens)}-{_hhmm(i.closes)}" for i in day_intervals)
                groups.setdefault(hours, []).append(weekday)
        return groups

    def osm_opening_hours(self) -> str:
        """OpenStreetMap ``opening_hours``: ``"Mo-Fr 09:00-12:00; Sa 09:00-12:00; PH off"``;
        empty when no hours are published (unknown, not "off": closed every day)."""
        groups = self._days_by_hours()
        if not groups:
            return ""
        rules = [f"{_osm_day_selector(days)} {hours}" for hours, days in groups.items()]
        return "; ".join([*rules, "PH off"])

    @classmethod
    def from_osm(
        cls,
        text: str,
        *,
        timezone: str = "Europe/Paris",
        holiday_subdivision: str | None = None,
    ) -> WeeklySchedule:
        """Parse the subset of ``opening_hours`` that `osm_opening_hours` writes.

        Supports weekday ranges and lists (``Mo-We,Fr``), several time ranges per rule,
        ``off``/``closed`` and ``PH off`` (public holidays are always closed here).
        Later rules replace earlier ones for the same days, as in OSM.
        """
        week: dict[int, list[tuple[time, time]]] = {}
        for raw_rule in text.split(";"):
            rule = raw_rule.strip()
            if not rule:
                continue
            selector, _, hours = rule.partition(" ")
            if selector[:1].isdigit() or selector.lower() in {"off", "closed"}:
                # No day selector: the rule applies to every day.
                selector, hours = "Mo-Su", rule
            hours = hours.strip()
            if selector == "PH":
                if hours.lower() in {"off", "closed"}:
                    continue
                raise HoursParseError(f"{rule!r}: only 'PH off' is supported")
            days = _parse_osm_days(selector)
            pairs = [] if hours.lower() in {"off", "closed"} else _parse_osm_hours(hours)
            errors = _day_errors(pairs)
            if errors:
                raise HoursParseError(f"{rule!r}: " + "; ".join(errors))
            for day in days:
                week[day] = pairs
        intervals = tuple(
            Interval(day, opens, closes) for day, pairs in week.items() for opens, closes in pairs
        )
        return cls(intervals, timezone=timezone, holiday_subdivision=holiday_subdivision)

    def schema_org(self) -> list[dict]:
        """schema.org ``OpeningHoursSpecification`` dicts; closures have opens = closes = 00:00."""
        by_slot: dict[tuple[time, time], list[int]] = {}
        for interval in self.intervals:
            by_slot.setdefault((interval.opens, interval.closes), []).append(interval.weekday)
        specs: list[dict] = []
        for (opens, closes), weekdays in sorted(by_slot.items(), key=lambda i: (i[1][0], i[0])):
            day_urls = [SCHEMA_ORG_DAY.format(DAY_NAMES[day]) for day in weekdays]
            specs.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": day_urls[0] if len(day_urls) == 1 else day_urls,
                    "opens": _hhmm(opens),
                    "closes": _hhmm(closes),
                }
            )
        for closure in sorted(self.closures, key=lambda c: c.start):
            spec = {
                "@type": "OpeningHoursSpecification",
                "opens": "00:00",
                "closes": "00:00",
                "validFrom": closure.start.isoformat(),
                "validThrough": closure.end.isoformat(),
            }
            if closure.reason:
                spec["description"] = closure.reason
            specs.append(spec)
        return specs


def _osm_day_selector(weekdays: list[int]) -> str:
    """[0, 1, 2, 4] -> "Mo-We,Fr": runs of consecutive days become ranges."""
    runs: list[list[int]] = []
    for day in weekdays:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(
        OSM_DAYS[run[0]] if len(run) == 1 else f"{OSM_DAYS[run[0]]}-{OSM_DAYS[run[-1]]}"
        for run in runs
    )


def _osm_day(token: str) -> int:
    try:
        return OSM_DAYS.index(token)
    except ValueError:
        raise HoursParseError(f"{token!r} is not an OSM weekday (Mo..Su)") from None


def _parse_osm_days(selector: str) -> list[int]:
    days: list[int] = []
    for item in selector.split(","):
        first, dash, last = item.partition("-")
        start = _osm_day(first)
        if not dash:
            days.append(start)
            continue
        length = (_osm_day(last) - start) % 7 + 1  # "Sa-Mo" wraps around the week
        days.extend((start + offset) % 7 for offset in range(length))
    return days


def _parse_osm_hours(hours: str) -> list[tuple[time, time]]:
    pairs = []
    for item in hours.split(","):
        opens, dash, closes = item.strip().partition("-")
        if not dash:
            raise HoursParseError(f"{item.strip()!r} is not a time range like '09:00-12:00'")
        pairs.append((_parse_osm_time(opens), _parse_osm_time(closes)))
    return pairs


def _parse_osm_time(token: str) -> time:
    match = _OSM_TIME_RE.match(token.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise HoursParseError(f"{token.strip()!r} is not a valid time")
    return time(int(match[1]), int(match[2]))
