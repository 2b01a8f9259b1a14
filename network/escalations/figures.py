"""Answer times against the 72-hour promise, by partner or by department, for the
dashboards: over a period, the escalations sent, answered, answered within the promise,
the median and 9th decile of the working hours to answer; now, those open and overdue.
Purged escalations count: their figures outlive their free text."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from statistics import median, quantiles

from django.db.models import Count, F, Q

from .clock import PROMISE_HOURS
from .models import OPEN_STATUSES, Escalation

BY_PARTNER = ("partner_id", "partner__name")
BY_DEPARTMENT = ("maison__department__code", "maison__department__name")


@dataclass(frozen=True)
class AnswerFigures:
    key: int | str  # the partner's id, or the department's code
    label: str
    sent: int
    answered: int
    within_promise: int
    median_hours: Decimal | None
    ninth_decile_hours: Decimal | None
    open_now: int
    overdue_now: int

    @property
    def within_promise_share(self) -> float | None:
        """The share of the answered ones answered within the promise, 0 to 1."""
        return self.within_promise / self.answered if self.answered else None


def by_partner(start: datetime, end: datetime, now: datetime, maisons=None) -> list[AnswerFigures]:
    return _figures(BY_PARTNER, start, end, now, maisons)


def by_department(
    start: datetime, end: datetime, now: datetime, maisons=None
) -> list[AnswerFigures]:
    return _figures(BY_DEPARTMENT, start, end, now, maisons)


def _ninth_decile(hours: list[Decimal]) -> Decimal | None:
    if len(hours) < 2:
        return hours[0] if hours else None
    return quantiles(hours, n=10, method="inclusive")[8]


def _figures(group: tuple[str, str], start, end, now, maisons) -> list[AnswerFigures]:
    """Sent within [start, end) for the period's counts; open at ``now`` whenever sent;
    from ``maisons`` only (a query of maisons) when given, else from every maison."""
    key, label = group
    escalations = Escalation.objects.all()
    if maisons is not None:
        escalations = escalations.filter(maison_id__in=maisons.order_by().values("pk"))
    in_period = Q(created_at__gte=start, created_at__lt=end)
    is_open = Q(status__in=OPEN_STATUSES)
    late = Q(paused_at=None, due_at__lt=now) | Q(paused_at__gt=F("due_at"))
    answered = in_period & Q(answer_working_hours__isnull=False)
    rows = (
        escalations.filter(in_period | is_open)
        .values(key, label)
        .annotate(
            sent=Count("pk", filter=in_period),
            answered=Count("pk", filter=answered),
            within=Count("pk", filter=answered & Q(answer_working_hours__lte=PROMISE_HOURS)),
            open_now=Count("pk", filter=is_open),
            overdue_now=Count("pk", filter=is_open & late),
        )
        .order_by(label, key)
    )
    hours: dict = {}
    for group_key, value in (
        escalations.filter(answered)
        .order_by("answer_working_hours")
        .values_list(key, "answer_working_hours")
    ):
        hours.setdefault(group_key, []).append(value)
    return [
        AnswerFigures(
            key=row[key],
            label=row[label],
            sent=row["sent"],
            answered=row["answered"],
            within_promise=row["within"],
            median_hours=median(hours[row[key]]) if row[key] in hours else None,
            ninth_decile_hours=_ninth_decile(hours.get(row[key], [])),
            open_now=row["open_now"],
            overdue_now=row["overdue_now"],
        )
        for row in rows
    ]
