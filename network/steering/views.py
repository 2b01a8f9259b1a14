"""The dashboards: the overview of every panel the member may see with the map of the
network, each panel's page, and the drill-down to the maisons behind a figure; each
``?format=csv`` downloads its table. The URL's filters (region, department, format, partner)
narrow the member's territory; one outside it is refused (400) with the form saying why."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from portal.csv_tables import CsvTable, csv_streaming_response, wants_csv

from ..permissions import Action, can, profile_of
from ..registry import steering_panels
from . import hours, partners
from .selectors import scope_for, steering_filters

INDICATORS = {indicator.slug: indicator for indicator in (*hours.INDICATORS, *partners.INDICATORS)}
DEFAULT_INDICATOR = "horaires"
PAGE_SIZE = 50


def _steering(request):
    """The filters form of the member asking, and their scope (None: filters refused)."""
    if not can(request.user, Action.VIEW_STEERING):
        raise Http404
    profile = profile_of(request.user)
    filters = steering_filters(profile, request.GET)
    return filters, scope_for(profile, filters) if filters.is_valid() else None


def _refused(request, filters):
    return TemplateResponse(
        request, "network/steering/refused.html", {"filters": filters}, status=400
    )


@login_required
@require_GET
def overview(request):
    filters, scope = _steering(request)
    if scope is None:
        return _refused(request, filters)
    cards = [(panel, panel.card(scope)) for panel in steering_panels(request.user)]
    context = {
        "scope": scope,
        "filters": filters,
        "cards": cards,
        "map": hours.overview_map(scope),
    }
    return TemplateResponse(request, "network/steering/overview.html", context)


@login_required
@require_GET
def panel(request, slug: str):
    shown = next((p for p in steering_panels(request.user) if p.slug == slug), None)
    if shown is None:
        raise Http404
    filters, scope = _steering(request)
    if scope is None:
        return _refused(request, filters)
    if wants_csv(request):
        return csv_streaming_response(shown.csv(request, scope))
    context = {"scope": scope, "filters": filters, "panel": shown, **shown.page(request, scope)}
    return TemplateResponse(request, shown.page_template, context)


@login_required
@require_GET
def maisons(request):
    indicator = INDICATORS.get(request.GET.get("indicateur") or DEFAULT_INDICATOR)
    filters, scope = _steering(request)
    if indicator is None:
        raise Http404
    if scope is None:
        return _refused(request, filters)
    listed = indicator.maisons(scope.maisons).select_related("department").order_by("title", "pk")

    def row(maison):
        return [
            maison.source_id,
            maison.title,
            maison.department.code if maison.department else "",
            maison.get_format_display(),
            indicator.value(maison),
        ]

    if wants_csv(request):
        header = ["id_fs", "nom", "departement", "format", indicator.csv_column]
        rows = (row(maison) for maison in listed.iterator(chunk_size=500))
        return csv_streaming_response(CsvTable(f"maisons-{indicator.slug}.csv", header, rows))
    page_obj = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "scope": scope,
        "filters": filters,
        "indicator": indicator,
        "page_obj": page_obj,
        "rows": [row(maison) for maison in page_obj],
    }
    return TemplateResponse(request, "network/steering/maisons.html", context)
