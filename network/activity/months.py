"""The reporting calendar: the months a maison reports (the last 24 complete ones), when
each is due (the 1st of the next month) and from when it is late (after
``ACTIVITY_REPORT_DUE_DAY`` of the next month)."""

from datetime import date

from django.conf import settings

MONTHS_SHOWN = 24


def first_of(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def last_complete_month(today: date) -> date:
    return add_months(first_of(today), -1)


def reportable_months(today: date) -> list[date]:
    """The last 24 complete months, the latest first."""
    last = last_complete_month(today)
    return [add_months(last, -offset) for offset in range(MONTHS_SHOWN)]


def is_late(month: date, today: date) -> bool:
    """Whether ``month``, unreported on ``today``, is late."""
    return today > add_months(month, 1).replace(day=settings.ACTIVITY_REPORT_DUE_DAY)


def latest_late_month(today: date) -> date:
    """The latest month whose report is late when missing on ``today``."""
    last = last_complete_month(today)
    return last if is_late(last, today) else add_months(last, -1)


def parse_month(text: str) -> date | None:
    """``"2026-03"`` as its first day; None when it is no month."""
    year, dash, month = text.strip().partition("-")
    if not (dash and len(year) == 4 and year.isdigit() and len(month) == 2 and month.isdigit()):
        return None
    if not 1 <= int(month) <= 12:
        return None
    return date(int(year), int(month), 1)
