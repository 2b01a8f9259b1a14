"""The panel "Opening hours" (``pilotage/horaires/``): per maison its weekly hours, days open
and whether it meets the label's minimum (24 hours over 5 days); the maisons publishing no
hours counted apart. Its CSV: ``id_fs, nom, departement, heures_par_semaine,
jours_ouverts, conforme`` (oui, non, inconnu)."""

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.charts import (
    Bar,
    BarChart,
    DepartmentMap,
    DistributionChart,
    DistributionRow,
    quantiles,
)
from portal.csv_tables import CsvTable

from ..registry import SteeringPanel
from .drilldown import Indicator, drilldown_url
from .scope import SteeringScope
from .selectors import (
    Compliance,
    compliance_by_department,
    compliance_counts,
    weekly_hours_by_area,
    with_hours,
)

PAGE_SIZE = 50
CSV_HEADER = ["id_fs", "nom", "departement", "heures_par_semaine", "jours_ouverts", "conforme"]
# The drill-down of each answer of the rule.
COMPLIANCE_INDICATORS = {
    Compliance.YES: "conformes",
    Compliance.NO: "non-conformes",
    Compliance.UNKNOWN: "horaires-inconnus",
}


def in_hours(minutes: int | None) -> float | None:
    """Weekly minutes in hours, to the hundredth (24.5)."""
    return None if minutes is None else round(minutes / 60, 2)


def hours_rows(scope: SteeringScope):
    """The maisons of the scope with their hours, by name."""
    return with_hours(scope.maisons).select_related("department").order_by("title", "pk")


def table_row(maison) -> list:
    """A maison's row of the table and of the CSV, in ``CSV_HEADER``'s order."""
    return [
        maison.source_id,
        maison.title,
        maison.department.code if maison.department else "",
        in_hours(maison.weekly_minutes),
        maison.open_days,
        maison.compliance,
    ]


def card(scope: SteeringScope) -> dict:
    counts = compliance_counts(scope)
    return {
        "counts": [
            (
                choice.label,
                counts[choice.value],
                drilldown_url(scope, COMPLIANCE_INDICATORS[choice]),
            )
            for choice in Compliance
        ]
    }


def page(request, scope: SteeringScope) -> dict:
    counts = compliance_counts(scope)
    # The whole network spreads by region; a coordinator's territory, or a region chosen,
    # by department.
    by_region = (
        scope.profile.department_id is None
        and scope.profile.region_id is None
        and not (scope.region or scope.department)
    )
    by_area = weekly_hours_by_area(scope, by_region=by_region)
    area_header = _("Region") if by_region else _("Department")
    maisons = Paginator(hours_rows(scope), PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "compliance_chart": BarChart(
            title=_("Maisons meeting the label's minimum of opening hours"),
            description=_(
                "At least 24 hours a week over at least 5 days, from the hours each maison "
                "publishes; the maisons publishing none are counted apart."
            ),
            bars=[
                Bar(choice.label, counts[choice.value], drilldown_url(scope, slug))
                for choice, slug in COMPLIANCE_INDICATORS.items()
            ],
            label_header=_("Meets the minimum"),
            value_header=_("Maisons"),
        ),
        "distribution_chart": DistributionChart(
            title=_("Weekly opening hours by %(area)s") % {"area": area_header.lower()},
            description=_(
                "The spread of the weekly hours of the maisons publishing some: first decile, "
                "quartiles, median and ninth decile."
            ),
            rows=[DistributionRow(name, quantiles(values)) for name, values in by_area.items()],
            label_header=area_header,
            unit="h",
        ),
        "page_obj": maisons,
        "rows": [table_row(maison) for maison in maisons],
    }


def csv(request, scope: SteeringScope) -> CsvTable:
    rows = (table_row(maison) for maison in hours_rows(scope).iterator(chunk_size=500))
    return CsvTable("horaires.csv", CSV_HEADER, rows)


def overview_map(scope: SteeringScope) -> DepartmentMap:
    """The share of maisons meeting the hours' minimum, by department, each linked to the
    list of its maisons with their hours."""
    departments = compliance_by_department(scope)
    return DepartmentMap(
        title=_("Maisons meeting the label's minimum of opening hours, by department"),
        description=_(
            "Share of the maisons of each department open at least 24 hours a week over at "
            "least 5 days; those publishing no hours count as not meeting it."
        ),
        values={
            row["department__code"]: round(100 * row["compliant"] / row["total"], 1)
            for row in departments
            if row["department__code"]
        },
        value_header=_("Maisons meeting the minimum"),
        unit="%",
        hrefs={
            row["department__code"]: drilldown_url(
                scope, "horaires", department=row["department__code"]
            )
            for row in departments
            if row["department__code"]
        },
    )


def _compliant(value):
    return lambda maisons: with_hours(maisons).filter(compliance=value)


def _weekly_hours(maison):
    return in_hours(maison.weekly_minutes)


# The drill-downs of this panel's figures.
INDICATORS = (
    Indicator(
        "horaires",
        gettext_lazy("Weekly opening hours"),
        gettext_lazy("Hours a week"),
        "heures_par_semaine",
        with_hours,
        _weekly_hours,
    ),
    Indicator(
        "conformes",
        gettext_lazy("Maisons meeting the label's minimum of opening hours"),
        gettext_lazy("Hours a week"),
        "heures_par_semaine",
        _compliant(Compliance.YES),
        _weekly_hours,
    ),
    Indicator(
        "non-conformes",
        gettext_lazy("Maisons below the label's minimum of opening hours"),
        gettext_lazy("Hours a week"),
        "heures_par_semaine",
        _compliant(Compliance.NO),
        _weekly_hours,
    ),
    Indicator(
        "horaires-inconnus",
        gettext_lazy("Maisons publishing no opening hours"),
        gettext_lazy("Hours a week"),
        "heures_par_semaine",
        _compliant(Compliance.UNKNOWN),
        _weekly_hours,
    ),
)


PANEL = SteeringPanel(
    "hours",
    "horaires",
    gettext_lazy("Opening hours"),
    "network/steering/hours_card.html",
    card,
    "network/steering/hours.html",
    page,
    csv,
    order=10,
)
