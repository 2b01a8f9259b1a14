"""Recurring time slots, e.g. the stops of a France Services bus.

Pure Python: Django models store the rows and build these objects.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

# Without `until`, `TimeSlot.next_occurrences` looks this far ahead.
DEFAULT_HORIZON_DAYS = 366
VALID_NTH = (1, 2, 3, 4, -1)


class Frequency(StrEnum):  # a (str, Enum): members compare equal to their values
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"  # every other week, counted from `reference_date`
    MONTHLY_NTH = "monthly_nth"  # nth weekday of the month, nth in 1..4 or -1 (last)
    DATES = "dates"  # explicit dates


def _first_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date | None:
    """The nth (1..4, or -1 for last) given weekday of a month."""
    if nth == -1:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    day = _first_on_or_after(date(year, month, 1), weekday) + timedelta(weeks=nth - 1)
    return day if day.month == month else None


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a timezone-aware datetime is needed")


@dataclass(frozen=True)
class Recurrence:
    frequency: Frequency
    weekday: int | None = None  # 0=Monday..6=Sunday
    reference_date: date | None = None  # BIWEEKLY: one date of the series
    nth: int | None = None  # MONTHLY_NTH
    dates: tuple[date, ...] = ()  # DATES

    def validate(self) -> list[str]:
        errors = []
        frequency = Frequency(self.frequency)
        needs_weekday = frequency is not Frequency.DATES
        if needs_weekday and self.weekday is None:
            errors.append(f"a {frequency.value} recurrence needs a weekday")
        elif needs_weekday and not 0 <= self.weekday <= 6:
            errors.append(f"{self.weekday} is not a weekday (0=Monday..6=Sunday)")
        if frequency is Frequency.BIWEEKLY:
            if self.reference_date is None:
                errors.append("a biweekly recurrence needs a reference date")
            elif self.weekday is not None and self.reference_date.weekday() != self.weekday:
                errors.append(
                    f"reference date {self.reference_date} is not on weekday {self.weekday}"
                )
        if frequency is Frequency.MONTHLY_NTH and self.nth not in VALID_NTH:
            errors.append(f"nth must be one of 1, 2, 3, 4 or -1 (last), not {self.nth}")
        if frequency is Frequency.DATES and not self.dates:
            errors.append("a dates recurrence needs at least one date")
        return errors

    def occurrences(self, start: date, end: date) -> list[date]:
        """Dates of the recurrence between ``start`` and ``end`` inclusive, sorted."""
        errors = self.validate()
        if errors:
            raise ValueError("; ".join(errors))
        if end < start:
            return []
        frequency = Frequency(self.frequency)
        if frequency is Frequency.DATES:
            return sorted({day for day in self.dates if start <= day <= end})
        if frequency is Frequency.MONTHLY_NTH:
            found = []
            year, month = start.year, start.month
            while (year, month) <= (end.year, end.month):
                day = _nth_weekday(year, month, self.weekday, self.nth)
                if day is not None and start <= day <= end:
                    found.append(day)
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            return found
        first = _first_on_or_after(start, self.weekday)
        step = 7
        if frequency is Frequency.BIWEEKLY:
            # The reference date only fixes the parity of the weeks; it is not a start.
            if (first - self.reference_date).days // 7 % 2:
                first += timedelta(weeks=1)
            step = 14
        return [first + timedelta(days=n) for n in range(0, (end - first).days + 1, step)]


@dataclass(frozen=True)
class TimeSlot:
    recurrence: Recurrence
    starts: time
    ends: time

    def validate(self) -> list[str]:
        """Errors of the times only; the recurrence has its own `validate`."""
        errors = []
        if self.ends <= self.starts:
            errors.append(f"ends {self.ends:%H:%M} is not after starts {self.starts:%H:%M}")
        return errors

    def next_occurrences(
        self,
        after: datetime,
        timezone: str,
        *,
        until: datetime | None = None,
        limit: int | None = None,
    ) -> list[tuple[datetime, datetime]]:
        """(start, end) of the slots ending after ``after``: a slot in progress is included.

        Slots starting at or after ``until`` are left out; without ``until`` the search
        stops after `DEFAULT_HORIZON_DAYS`. Datetimes are aware, in ``timezone``.
        """
        _require_aware(after)
        zone = ZoneInfo(timezone)
        first_day = after.astimezone(zone).date()
        if until is None:
            last_day = first_day + timedelta(days=DEFAULT_HORIZON_DAYS)
        else:
            _require_aware(until)
            last_day = until.astimezone(zone).date()
        found = []
        for day in self.recurrence.occurrences(first_day, last_day):
            if limit is not None and len(found) >= limit:
                break
            start = datetime.combine(day, self.starts, tzinfo=zone)
            end = datetime.combine(day, self.ends, tzinfo=zone)
            if end <= after or (until is not None and start >= until):
                continue
            found.append((start, end))
        return found

    def is_active_at(self, moment: datetime, timezone: str) -> bool:
        """True while a slot is under way (starts inclusive, ends exclusive)."""
        _require_aware(moment)
        local = moment.astimezone(ZoneInfo(timezone))
        day = local.date()
        if not self.starts <= local.time() < self.ends:
            return False
        return self.recurrence.occurrences(day, day) == [day]
