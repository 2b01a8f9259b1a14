"""An agent's activity reports (``/espace-agents/activite/``): the last 24 months of their
maison with their status (also as CSV), a month's form (a correction asks why and keeps
the previous figures), the CSV import, and the maison's figures in the import's layout.
Only the agents of a maison report for it (``REPORT_ACTIVITY``): others get 403."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from portal.csv_tables import csv_response, wants_csv

from ..permissions import Action, can, profile_of
from . import months, selectors, services
from .forms import ImportForm, ReportForm
from .models import ActivityTheme


def _maison(request):
    profile = profile_of(request.user)
    maison = profile.maison if profile is not None else None
    if not can(request.user, Action.REPORT_ACTIVITY, maison):
        raise PermissionDenied
    return maison


@login_required
@require_GET
def index(request):
    maison = _maison(request)
    rows = selectors.maison_months(maison, timezone.localdate())
    if wants_csv(request):
        return csv_response(
            "activite.csv",
            [_("Month"), _("Status"), _("Visits"), _("Corrections")],
            (
                (
                    f"{row.month:%Y-%m}",
                    row.status_label,
                    row.report.total_visits if row.report else None,
                    row.report.corrections_count if row.report else None,
                )
                for row in rows
            ),
        )
    return TemplateResponse(
        request,
        "network/activity/index.html",
        {"maison": maison, "rows": rows, "due_day": settings.ACTIVITY_REPORT_DUE_DAY},
    )


@login_required
@require_GET
def export(request):
    maison = _maison(request)
    return csv_response(
        "activite-lignes.csv",
        services.IMPORT_COLUMNS,
        selectors.export_rows(maison, timezone.localdate()),
    )


@login_required
@require_http_methods(["GET", "POST"])
def month(request, month: str):
    maison = _maison(request)
    reported_month = months.parse_month(month)
    if reported_month not in months.reportable_months(timezone.localdate()):
        raise Http404
    report = selectors.report_of(maison, reported_month)
    form = ReportForm(
        request.POST or None,
        partners=selectors.report_partners(),
        saved=selectors.figures_of(report),
        correcting=report is not None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_report(
                maison,
                reported_month,
                form.figures(),
                request.user,
                reason=form.cleaned_data.get("reason", ""),
            )
        except services.ReportRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The month’s visits are saved."))
            return redirect("activity:month", month=month)
    return TemplateResponse(
        request,
        "network/activity/month.html",
        {
            "maison": maison,
            "month": reported_month,
            "report": report,
            "form": form,
            "themes": ActivityTheme,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request):
    maison = _maison(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            imported = services.import_reports(
                maison, form.cleaned_data["file"].read(), request.user
            )
        except services.ImportRefused as refusal:
            problems = refusal.problems
        except services.ReportRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("Imported: %(months)s.") % {"months": ", ".join(f"{m:%Y-%m}" for m in imported)},
            )
            return redirect("activity:index")
    return TemplateResponse(
        request,
        "network/activity/import.html",
        {
            "maison": maison,
            "form": form,
            "problems": problems,
            "partners": selectors.report_partners(),
            "themes": ActivityTheme,
        },
        status=400 if problems else 200,
    )


def dashboard_context(request, profile) -> dict:
    """The members' dashboard section of an agent: the last month's status."""
    maison = profile.maison if profile.maison_id else None
    if not can(request.user, Action.REPORT_ACTIVITY, maison):
        return {}
    row = selectors.month_status(maison, timezone.localdate())
    return {"month": row.month, "status": row.status}
