"""The steering panel "changes" (``/espace-agents/pilotage/modifications-en-attente/``):
the maisons' changes awaiting a coordinator, by department, within the dashboard's scope;
each one is decided from the queue (``maison_changes:queue``)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.charts import Bar, BarChart
from portal.csv_tables import CsvTable

from ..registry import SteeringPanel
from . import selectors

CSV_HEADER = ("departement", "nom", "modifications_en_attente", "plus_ancienne")


def card(scope) -> dict:
    return selectors.pending_summary(scope.maisons)


def page(request, scope) -> dict:
    rows = selectors.pending_by_department(scope.maisons)
    chart = BarChart(
        title=_("Pending changes by department"),
        description=_("How many maisons’ changes await a coordinator, in each department."),
        bars=[Bar(row["name"] or "–", row["count"]) for row in rows],
        label_header=_("Department"),
        value_header=_("Pending changes"),
    )
    return {
        "chart": chart,
        "rows": rows,
        "summary": selectors.pending_summary(scope.maisons),
        "queue_url": reverse("maison_changes:queue"),
    }


def csv(request, scope) -> CsvTable:
    rows = (
        (
            row["code"] or "",
            row["name"] or "",
            row["count"],
            row["oldest"].date().isoformat(),
        )
        for row in selectors.pending_by_department(scope.maisons)
    )
    return CsvTable("modifications-en-attente.csv", CSV_HEADER, rows)


PANEL = SteeringPanel(
    key="changes",
    slug="modifications-en-attente",
    title=gettext_lazy("Maisons’ pending changes"),
    card_template="network/maison_changes/panel_card.html",
    card=card,
    page_template="network/maison_changes/panel.html",
    page=page,
    csv=csv,
    order=55,
)
