"""Escalations: the requests the scope's maisons sent to partners' back offices over the
last 12 months and their answer times against the 72-hour promise (working hours), by
partner and by department (``network.escalations.figures``); those open now, and overdue.
Counts and hours only, never a request's text."""

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.charts import Bar, BarChart
from portal.csv_tables import CsvTable

from ...escalations import figures
from ...registry import SteeringPanel
from ..scope import SteeringScope

PERIOD_MONTHS = 12
CSV_HEADER = (
    "groupe",
    "code",
    "libelle",
    "envoyees",
    "repondues",
    "repondues_en_72h",
    "part_en_72h",
    "mediane_heures",
    "neuvieme_decile_heures",
    "ouvertes",
    "en_retard",
)


def percent(row: figures.AnswerFigures) -> float | None:
    share = row.within_promise_share
    return None if share is None else round(100 * share, 1)


def tables(scope: SteeringScope, now) -> tuple[list, list]:
    """By partner and by department, over the 12 months before ``now``: four queries."""
    start = now - relativedelta(months=PERIOD_MONTHS)
    return (
        figures.by_partner(start, now, now, scope.maisons),
        figures.by_department(start, now, now, scope.maisons),
    )


def card(scope: SteeringScope) -> dict:
    by_partner, _by_department = tables(scope, timezone.now())
    answered = sum(row.answered for row in by_partner)
    within = sum(row.within_promise for row in by_partner)
    return {
        "sent": sum(row.sent for row in by_partner),
        "within_percent": round(100 * within / answered, 1) if answered else None,
        "overdue": sum(row.overdue_now for row in by_partner),
    }


def page(request, scope: SteeringScope) -> dict:
    by_partner, by_department = tables(scope, timezone.now())
    return {
        "by_partner": [(row, percent(row)) for row in by_partner],
        "by_department": [(row, percent(row)) for row in by_department],
        "chart": BarChart(
            title=_("Share answered within 72 hours by partner"),
            description=_(
                "Of the requests sent in the last 12 months and answered, the share answered "
                "within 72 working hours; partners with no answer yet are left out."
            ),
            bars=[Bar(row.label, percent(row)) for row in by_partner if percent(row) is not None],
            label_header=_("Partner"),
            value_header=_("Answered within 72 hours"),
            unit="%",
        ),
    }


def csv(request, scope: SteeringScope) -> CsvTable:
    """Both tables of the page, one after the other, told apart by their first column."""
    by_partner, by_department = tables(scope, timezone.now())
    return CsvTable(
        "saisines-delais-de-reponse.csv",
        CSV_HEADER,
        [
            (
                group,
                row.key,
                row.label,
                row.sent,
                row.answered,
                row.within_promise,
                percent(row),
                row.median_hours,
                row.ninth_decile_hours,
                row.open_now,
                row.overdue_now,
            )
            for group, rows in (("partenaire", by_partner), ("departement", by_department))
            for row in rows
        ],
    )


PANEL = SteeringPanel(
    "escalations",
    "saisines",
    _("Escalations"),
    card_template="network/steering/panels/escalations_card.html",
    card=card,
    page_template="network/steering/panels/escalations.html",
    page=page,
    csv=csv,
    order=70,
)
