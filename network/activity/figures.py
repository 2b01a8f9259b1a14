"""The dashboards' figures of activity, within a ``SteeringScope``: every sum is a GROUP BY
in the database over the scope's maisons (a subquery on their ids), a constant number of
queries whatever the number of reports; only the quantiles are computed in Python, over
at most one number per maison.

Without a partner filter the sums read each report's total (one row per maison and month);
with one they read the lines of that partner."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery, Sum

from directory.models import MaisonPage

from ..steering.scope import SteeringScope
from . import months
from .models import ActivityLine, ActivityReport, ActivityTheme

TREND_MONTHS = 24
YEAR = 12


@dataclass(frozen=True)
class Period:
    """The month the figures are "of" (the latest whose reports are all due: ``reference``),
    the 12 months and the 24 months ending with it."""

    reference: date

    @classmethod
    def on(cls, today: date) -> "Period":
        return cls(months.latest_late_month(today))

    @property
    def year_start(self) -> date:
        return months.add_months(self.reference, 1 - YEAR)

    @property
    def trend_start(self) -> date:
        return months.add_months(self.reference, 1 - TREND_MONTHS)

    @property
    def trend_months(self) -> list[date]:
        return [months.add_months(self.trend_start, i) for i in range(TREND_MONTHS)]


def _maison_ids(scope: SteeringScope) -> QuerySet:
    return scope.maisons.order_by().values("pk")


def visits_source(scope: SteeringScope) -> tuple[QuerySet, str]:
    """The rows to sum (with ``maison_id`` and ``month``) and the field of their visits."""
    if scope.partner is not None:
        lines = ActivityLine.objects.filter(
            maison_id__in=_maison_ids(scope), partner_id=scope.partner.pk
        )
        return lines, "visits"
    return ActivityReport.objects.filter(maison_id__in=_maison_ids(scope)), "total_visits"


def monthly_visits(scope: SteeringScope, period: Period) -> dict[date, int]:
    rows, field = visits_source(scope)
    return dict(
        rows.filter(month__gte=period.trend_start, month__lte=period.reference)
        .values("month")
        .annotate(visits=Sum(field))
        .order_by("month")
        .values_list("month", "visits")
    )


def _reference_lines(scope: SteeringScope, period: Period) -> QuerySet:
    # One month of lines (about 1/24 of them): a year of a national scope's lines is
    # too many rows to sum within a page's time.
    lines = ActivityLine.objects.filter(maison_id__in=_maison_ids(scope), month=period.reference)
    if scope.partner is not None:
        lines = lines.filter(partner_id=scope.partner.pk)
    return lines


@dataclass(frozen=True)
class Breakdown:
    """The reference month's visits by partner (name, None for the other partners) and by
    theme (label), most visits first."""

    by_partner: list[tuple[str | None, int]]
    by_theme: list[tuple[str, int]]


def reference_breakdown(scope: SteeringScope, period: Period) -> Breakdown:
    """Both sums of the reference month's lines from one reading of them, grouped by
    partner and theme (at most one row per partner and theme)."""
    names: dict[int | None, str | None] = {}
    partners: Counter = Counter()
    themes: Counter = Counter()
    rows = (
        _reference_lines(scope, period)
        .values("partner_id", "partner__name", "theme")
        .annotate(visits=Sum("visits"))
        .order_by()
        .values_list("partner_id", "partner__name", "theme", "visits")
    )
    for partner_id, name, theme, visits in rows:
        names[partner_id] = name
        partners[partner_id] += visits
        themes[theme] += visits
    by_partner = sorted(
        ((names[pk], visits) for pk, visits in partners.items()),
        key=lambda item: (-item[1], item[0] or ""),
    )
    by_theme = sorted(themes.items(), key=lambda item: (-item[1], item[0]))
    return Breakdown(
        by_partner=by_partner,
        by_theme=[(ActivityTheme(theme).label, visits) for theme, visits in by_theme],
    )


@dataclass(frozen=True)
class MaisonMonth:
    maison_id: int
    region: str
    department: str
    visits: int


def reference_month_visits(scope: SteeringScope, period: Period) -> list[MaisonMonth]:
    """Each reporting maison's visits of the reference month, with its region and
    department (for the distributions)."""
    rows, field = visits_source(scope)
    return [
        MaisonMonth(*row)
        for row in rows.filter(month=period.reference)
        .values("maison_id", "maison__department__region__name", "maison__department__name")
        .annotate(visits=Sum(field))
        .order_by("maison_id")
        .values_list(
            "maison_id", "maison__department__region__name", "maison__department__name", "visits"
        )
    ]


def late_maisons(scope: SteeringScope, period: Period) -> QuerySet[MaisonPage]:
    """The scope's maisons without a report of the reference month, by name, each with
    the last month it reported (``last_reported``, None: never)."""
    reported = ActivityReport.objects.filter(month=period.reference).values("maison_id")
    last = (
        ActivityReport.objects.filter(maison_id=OuterRef("pk"))
        .order_by()
        .values("maison_id")
        .annotate(last=Max("month"))
        .values("last")
    )
    return (
        scope.maisons.exclude(pk__in=reported)
        .select_related("department")
        .annotate(last_reported=Subquery(last))
        .order_by("title", "pk")
    )


@dataclass(frozen=True)
class MaisonFigures:
    reference: int | None  # visits of the reference month; None: not reported
    year: int  # visits over the 12 months
    months: int  # months reported of the 12


def figures_by_maison(
    scope: SteeringScope, period: Period, maison_ids: list[int] | None = None
) -> dict[int, MaisonFigures]:
    """Per maison (of ``maison_ids``, else the whole scope) the table's figures."""
    rows, field = visits_source(scope)
    rows = rows.filter(month__gte=period.year_start, month__lte=period.reference)
    if maison_ids is not None:
        rows = rows.filter(maison_id__in=maison_ids)
    reference = Q(month=period.reference)
    aggregated = (
        rows.values("maison_id")
        .annotate(
            reference=Sum(field, filter=reference),
            reported_reference=Count("pk", filter=reference),
            year=Sum(field),
            months=Count("month", distinct=True),
        )
        .order_by("maison_id")
    )
    return {
        row["maison_id"]: MaisonFigures(
            row["reference"] if row["reported_reference"] else None, row["year"], row["months"]
        )
        for row in aggregated
    }
