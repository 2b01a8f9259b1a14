"""Freshness: how long ago each maison's information was last confirmed (an approved
change or a confirmation without change, ``MaisonPage.information_confirmed_on``). A
maison is **stale** when it was never confirmed since the import, or last confirmed more
than 12 months before today."""

from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.charts import Bar, BarChart, DepartmentMap
from portal.csv_tables import CsvTable

from ...registry import SteeringPanel
from ..scope import SteeringScope
from . import with_filters

STALE_PAGE_SIZE = 50
CSV_HEADER = ("id_fs", "nom", "departement", "confirmee_le")


@dataclass(frozen=True)
class Band:
    key: str
    label: str
    condition: Q


def bands(today) -> list[Band]:
    """The ages of the last confirmation, youngest first, each maison in exactly one."""
    three, six, twelve = (today - relativedelta(months=months) for months in (3, 6, 12))
    field = "information_confirmed_on"
    return [
        Band("recent", _("Less than 3 months ago"), Q(**{f"{field}__gte": three})),
        Band("3_6", _("3 to 6 months ago"), Q(**{f"{field}__lt": three, f"{field}__gte": six})),
        Band("6_12", _("6 to 12 months ago"), Q(**{f"{field}__lt": six, f"{field}__gte": twelve})),
        Band("old", _("More than 12 months ago"), Q(**{f"{field}__lt": twelve})),
        Band("never", _("Never confirmed"), Q(**{f"{field}__isnull": True})),
    ]


STALE_BANDS = ("old", "never")


def stale(today) -> Q:
    conditions = {band.key: band.condition for band in bands(today)}
    return conditions["old"] | conditions["never"]


def counts(scope: SteeringScope, today) -> dict[str, int]:
    """The scope's maisons per band of ``bands``, and their total: one query."""
    per_band = {band.key: Count("pk", filter=band.condition) for band in bands(today)}
    return scope.maisons.aggregate(total=Count("pk"), **per_band)


def stale_maisons(scope: SteeringScope, today, band: str = ""):
    """The scope's stale maisons (those of one stale ``band`` when given), never
    confirmed first, then the longest unconfirmed."""
    conditions = {b.key: b.condition for b in bands(today)}
    condition = conditions[band] if band in STALE_BANDS else stale(today)
    return (
        scope.maisons.filter(condition)
        .select_related("department")
        .order_by(F("information_confirmed_on").asc(nulls_first=True), "title", "pk")
    )


def by_department(scope: SteeringScope, today) -> dict[str, float]:
    """Per department code, the percentage of its maisons (of the scope) that are stale:
    one query."""
    rows = (
        scope.maisons.order_by()
        .values("department__code")
        .annotate(total=Count("pk"), stale=Count("pk", filter=stale(today)))
        .order_by("department__code")
    )
    return {
        row["department__code"]: round(100 * row["stale"] / row["total"], 1)
        for row in rows
        if row["department__code"]
    }


def card(scope: SteeringScope) -> dict:
    figures = counts(scope, timezone.localdate())
    return {"total": figures["total"], "never": figures["never"], "old": figures["old"]}


def page(request, scope: SteeringScope) -> dict:
    today = timezone.localdate()
    figures = counts(scope, today)
    band = request.GET.get("band", "")
    band = band if band in STALE_BANDS else ""
    drill_down = {key: with_filters(scope, band=key) for key in STALE_BANDS}
    chart = BarChart(
        title=_("Maisons by the age of their last confirmation"),
        description=_(
            "When each maison’s information was last confirmed; stale: never, or more than "
            "12 months ago."
        ),
        bars=[Bar(b.label, figures[b.key], drill_down.get(b.key, "")) for b in bands(today)],
        label_header=_("Last confirmed"),
        value_header=_("Maisons"),
    )
    department_map = DepartmentMap(
        title=_("Share of stale maisons by department"),
        description=_("The percentage of each department’s maisons whose information is stale."),
        values=by_department(scope, today),
        value_header=_("Stale maisons"),
        unit="%",
    )
    stale_page = Paginator(stale_maisons(scope, today, band), STALE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return {
        "chart": chart,
        "department_map": department_map,
        "page_obj": stale_page,
        "band": band,
        "band_label": {b.key: b.label for b in bands(today)}.get(band, ""),
        "band_csv": with_filters(scope, band=band, format="csv") if band else "",
    }


def csv(request, scope: SteeringScope) -> CsvTable:
    """The stale maisons (of the band chosen, as on the page)."""
    band = request.GET.get("band", "")
    maisons = stale_maisons(scope, timezone.localdate(), band)
    return CsvTable(
        "maisons-informations-non-confirmees.csv",
        CSV_HEADER,
        maisons.values_list(
            "source_id", "title", "department__code", "information_confirmed_on"
        ).iterator(),
    )


PANEL = SteeringPanel(
    "freshness",
    "fraicheur",
    _("Freshness of the information"),
    card_template="network/steering/panels/freshness_card.html",
    card=card,
    page_template="network/steering/panels/freshness.html",
    page=page,
    csv=csv,
    order=50,
)
