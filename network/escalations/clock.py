"""The 72-hour clock of an escalation, counted in working time: every day counts from
midnight to midnight in the maison's time zone, except weekends and the public holidays of
its territory (Alsace-Moselle and every overseas department have their own). Arithmetic is
done in UTC, so a day that the clock change makes 23 or 25 hours long counts as it lasts.

The clock stops while a question waits for the maison: ``resumed_due_at`` gives the new
deadline when the maison replies."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import cached_property
from zoneinfo import ZoneInfo

from django.utils import formats
from django.utils.translation import gettext as _

from directory.maisons.hours import holiday_dates, holiday_subdivision_for_department
from directory.maisons.models import DEFAULT_TIMEZONE

PROMISE_HOURS = 72
PROMISE = timedelta(hours=PROMISE_HOURS)
# A week or more away, the deadline also shows its date.
_SAME_WEEK = timedelta(days=6)


@dataclass(frozen=True)
class WorkingCalendar:
    timezone: str = DEFAULT_TIMEZONE
    holiday_subdivision: str | None = None

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in holiday_dates(self.holiday_subdivision, day.year)

    def _midnight(self, day: date) -> datetime:
        return datetime.combine(day, time(), tzinfo=self.zone).astimezone(UTC)

    def between(self, start: datetime, end: datetime) -> timedelta:
        """The working time from ``start`` to ``end``; negative when ``end`` is earlier."""
        if end < start:
            return -self.between(end, start)
        start, end = start.astimezone(UTC), end.astimezone(UTC)
        total = timedelta()
        day = start.astimezone(self.zone).date()
        while self._midnight(day) < end:
            if self.is_working_day(day):
                opens = max(start, self._midnight(day))
                closes = min(end, self._midnight(day + timedelta(days=1)))
                total += max(closes - opens, timedelta())
            day += timedelta(days=1)
        return total

    def add(self, start: datetime, amount: timedelta) -> datetime:
        """The moment ``amount`` of working time after ``start`` (before it when negative).
        Started on a day off, the clock starts at the next working day's midnight."""
        if amount < timedelta():
            return self._subtract(start, -amount)
        cursor = start.astimezone(UTC)
        day = cursor.astimezone(self.zone).date()
        while True:
            midnight = self._midnight(day + timedelta(days=1))
            if self.is_working_day(day):
                if amount <= midnight - cursor:
                    return (cursor + amount).astimezone(self.zone)
                amount -= midnight - cursor
            cursor, day = midnight, day + timedelta(days=1)

    def _subtract(self, end: datetime, amount: timedelta) -> datetime:
        cursor = end.astimezone(UTC)
        day = (cursor - timedelta(microseconds=1)).astimezone(self.zone).date()
        while True:
            midnight = self._midnight(day)
            if self.is_working_day(day):
                if amount <= cursor - midnight:
                    return (cursor - amount).astimezone(self.zone)
                amount -= cursor - midnight
            cursor, day = midnight, day - timedelta(days=1)


def calendar_for(maison) -> WorkingCalendar:
    """The working calendar of ``maison``'s territory (mainland France's without one)."""
    department = maison.department
    if department is None:
        return WorkingCalendar()
    return WorkingCalendar(
        timezone=department.timezone or DEFAULT_TIMEZONE,
        holiday_subdivision=holiday_subdivision_for_department(department.code),
    )


def deadline(maison, start: datetime) -> datetime:
    """When the answer to an escalation sent at ``start`` is due."""
    return calendar_for(maison).add(start, PROMISE)


def _left_at(escalation, moment: datetime) -> timedelta:
    return calendar_for(escalation.maison).between(moment, escalation.due_at)


def resumed_due_at(escalation, now: datetime) -> datetime:
    """The deadline once the maison replies at ``now``: the working time that was left
    when the question was asked (negative if it was already late) runs again from now."""
    left = _left_at(escalation, escalation.paused_at or now)
    return calendar_for(escalation.maison).add(now, left)


def working_hours_to_answer(escalation, now: datetime) -> Decimal:
    """The working hours the back office took, pauses excepted: the promise less what
    was left of it."""
    used = PROMISE - _left_at(escalation, escalation.paused_at or now)
    return (Decimal(used.total_seconds()) / 3600).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class ClockStatus:
    label: str
    overdue: bool
    due_at: datetime  # in the maison's time zone


def _when(moment: datetime, now: datetime) -> str:
    if abs(moment - now) < _SAME_WEEK:
        return formats.date_format(moment, "l H:i")
    return formats.date_format(moment, "l j F H:i")


def _hours(amount: timedelta) -> int:
    return int(amount.total_seconds() // 3600)


def clock_status(escalation, now: datetime) -> ClockStatus:
    """What the clock says of ``escalation`` at ``now``, in words."""
    calendar = calendar_for(escalation.maison)
    due_at = escalation.due_at.astimezone(calendar.zone)
    if escalation.answer_working_hours is not None:
        hours = escalation.answer_working_hours
        label = _("Answered in %(hours)s h") % {"hours": int(hours)}
        return ClockStatus(label, hours > PROMISE_HOURS, due_at)
    if escalation.paused_at is not None:
        left = calendar.between(escalation.paused_at, escalation.due_at)
        if left < timedelta():
            label = _("Paused, waiting for the maison (overdue by %(hours)s h)")
            return ClockStatus(label % {"hours": _hours(-left)}, True, due_at)
        label = _("Paused, waiting for the maison (%(hours)s working hours left)")
        return ClockStatus(label % {"hours": _hours(left)}, False, due_at)
    left = calendar.between(now, escalation.due_at)
    if left >= timedelta():
        label = _("Answer due %(when)s") % {"when": _when(due_at, now)}
        return ClockStatus(label, False, due_at)
    late = _hours(-left)
    if late == 0:
        return ClockStatus(_("Overdue by less than an hour"), True, due_at)
    return ClockStatus(_("Overdue by %(hours)s h") % {"hours": late}, True, due_at)
