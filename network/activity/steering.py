"""The dashboards' "activity" panel (``/espace-agents/pilotage/activite/``): its card, its
page (visits per month over 24 months with their trend, per partner and theme in the
reference month, the spread of the maisons' monthly visits, the late maisons, the maisons' table)
and that table as CSV (``?late=1``: the late maisons)."""

import statistics
from datetime import date

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.charts import (
    Bar,
    BarChart,
    DistributionChart,
    DistributionRow,
    LineChart,
    Series,
    quantiles,
)
from portal.csv_tables import CsvTable

from ..registry import SteeringPanel
from ..steering.scope import SteeringScope
from . import figures
from .figures import Period

TABLE_PAGE_SIZE = 50


def _month_label(month: date) -> str:
    return format_date(month, "F Y")


def _period() -> Period:
    return Period.on(timezone.localdate())


def card(scope: SteeringScope) -> dict:
    period = _period()
    visits = [row.visits for row in figures.reference_month_visits(scope, period)]
    return {
        "month": _month_label(period.reference),
        "total": sum(visits),
        "reported": len(visits),
        "expected": scope.maisons.count(),
        "median": statistics.median(visits) if visits else None,
    }


def trend(values: list[int | None]) -> list[float | None]:
    """The least-squares line through the months with figures (None if fewer than two)."""
    known = [(i, value) for i, value in enumerate(values) if value is not None]
    if len(known) < 2:
        return [None] * len(values)
    slope, intercept = statistics.linear_regression(*zip(*known, strict=True))
    return [round(intercept + slope * i, 1) for i in range(len(values))]


def monthly_chart(scope: SteeringScope, period: Period) -> LineChart:
    by_month = figures.monthly_visits(scope, period)
    values = [by_month.get(month) for month in period.trend_months]
    return LineChart(
        title=_("Visits per month"),
        description=_("Visits reported over the 24 months up to %(month)s, and their trend.")
        % {"month": _month_label(period.reference)},
        labels=[f"{month:%Y-%m}" for month in period.trend_months],
        series=[Series(_("Visits"), values), Series(_("Trend"), trend(values))],
        label_header=_("Month"),
    )


def partner_chart(breakdown: figures.Breakdown, period: Period) -> BarChart:
    return BarChart(
        title=_("Visits per partner"),
        description=_("Visits reported in %(month)s.") % {"month": _month_label(period.reference)},
        bars=[Bar(name or _("Other partners"), visits) for name, visits in breakdown.by_partner],
        label_header=_("Partner"),
        value_header=_("Visits"),
    )


def theme_chart(breakdown: figures.Breakdown, period: Period) -> BarChart:
    return BarChart(
        title=_("Visits per theme"),
        description=_("Visits reported in %(month)s.") % {"month": _month_label(period.reference)},
        bars=[Bar(label, visits) for label, visits in breakdown.by_theme],
        label_header=_("Theme"),
        value_header=_("Visits"),
    )


def distribution_chart(scope: SteeringScope, period: Period) -> DistributionChart:
    """The spread of the maisons' visits in the reference month, for the whole scope and
    per region (per department when the scope lies in one region)."""
    rows = figures.reference_month_visits(scope, period)
    by_region = len({row.region for row in rows}) > 1
    groups: dict[str, list[int]] = {}
    for row in rows:
        groups.setdefault((row.region if by_region else row.department) or "–", []).append(
            row.visits
        )
    return DistributionChart(
        title=_("Visits per maison in %(month)s") % {"month": _month_label(period.reference)},
        description=_(
            "First decile, quartiles, median and ninth decile of the visits of the maisons "
            "that reported the month, not only their mean."
        ),
        rows=[DistributionRow(_("All maisons"), quantiles([row.visits for row in rows]))]
        + [DistributionRow(label, quantiles(groups[label])) for label in sorted(groups)],
        label_header=_("Region") if by_region else _("Department"),
        unit="",
    )


def table_header(period: Period) -> list[str]:
    return [
        _("France Services"),
        _("Department"),
        _("Visits in %(month)s") % {"month": _month_label(period.reference)},
        _("Visits over 12 months"),
        _("Months reported of 12"),
    ]


def _table_row(maison, maison_figures: figures.MaisonFigures | None) -> list:
    department = maison.department.code if maison.department_id else ""
    if maison_figures is None:
        return [maison.title, department, None, 0, 0]
    return [
        maison.title,
        department,
        maison_figures.reference,
        maison_figures.year,
        maison_figures.months,
    ]


def _maisons(scope: SteeringScope):
    return scope.maisons.select_related("department").order_by("title", "pk")


def page(request, scope: SteeringScope) -> dict:
    period = _period()
    table = Paginator(_maisons(scope), TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
    by_maison = figures.figures_by_maison(
        scope, period, [maison.pk for maison in table.object_list]
    )
    breakdown = figures.reference_breakdown(scope, period)
    return {
        "month": _month_label(period.reference),
        "monthly_chart": monthly_chart(scope, period),
        "partner_chart": partner_chart(breakdown, period),
        "theme_chart": theme_chart(breakdown, period),
        "distribution_chart": distribution_chart(scope, period),
        "late_maisons": list(figures.late_maisons(scope, period)),
        "table_header": table_header(period),
        "table_page": table,
        "table_rows": [_table_row(m, by_maison.get(m.pk)) for m in table.object_list],
    }


def csv(request, scope: SteeringScope) -> CsvTable:
    period = _period()
    if request.GET.get("late") == "1":
        return CsvTable(
            f"activite-retards-{period.reference:%Y-%m}.csv",
            late_header(),
            (_late_row(maison) for maison in figures.late_maisons(scope, period)),
        )
    by_maison = figures.figures_by_maison(scope, period)
    return CsvTable(
        f"activite-{period.reference:%Y-%m}.csv",
        table_header(period),
        (_table_row(m, by_maison.get(m.pk)) for m in _maisons(scope).iterator(chunk_size=500)),
    )


def late_header() -> list[str]:
    return [_("France Services"), _("Department"), _("Last month reported")]


def _late_row(maison) -> list:
    last = maison.last_reported
    return [
        maison.title,
        maison.department.code if maison.department_id else "",
        f"{last:%Y-%m}" if last else None,
    ]


PANEL = SteeringPanel(
    "activity",
    "activite",
    gettext_lazy("Activity"),
    "network/activity/steering_card.html",
    card,
    "network/activity/steering_panel.html",
    page,
    csv,
    order=40,
)
