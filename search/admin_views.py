"""Admin report of the site search: what visitors searched without finding anything."""

from datetime import timedelta

from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import Query

REPORT_DAYS = 30


def unanswered_queries(*, days: int = REPORT_DAYS):
    """Queries that found nothing in the last ``days`` days, most searched first."""
    since = timezone.localdate() - timedelta(days=days)
    recent = {"unanswered__date__gte": since}
    return (
        Query.objects.filter(**recent)
        .annotate(_hits=Sum("unanswered__hits"), _latest=Max("unanswered__date"))
        .order_by("-_hits", "query_string")
    )


class UnansweredSearchesReport(ReportView):
    page_title = _("Searches without results")
    header_icon = "search"
    index_url_name = "search_unanswered"
    index_results_url_name = "search_unanswered_results"
    columns = [
        Column("query_string", label=_("Search term(s)")),
        NumberColumn("_hits", label=_("Searches in the last 30 days")),
        DateColumn("_latest", label=_("Latest")),
    ]
    list_export = ["query_string", "_hits", "_latest"]
    export_headings = {
        "query_string": _("Search term(s)"),
        "_hits": _("Searches in the last 30 days"),
        "_latest": _("Latest"),
    }

    def get_queryset(self):
        return unanswered_queries()

    def dispatch(self, request, *args, **kwargs):
        # Like Wagtail's "Search terms" report: what visitors type is for administrators.
        if not request.user.is_superuser:
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)
