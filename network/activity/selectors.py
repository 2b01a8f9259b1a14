"""What the activity pages read: the partners of the form, a maison's months and their
status, one report with its lines and corrections."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Prefetch
from django.utils.translation import pgettext_lazy
from wagtail.models import Locale

from directory.models import MaisonPage, Partner

from . import months
from .models import ActivityCorrection, ActivityLine, ActivityReport

# The CSV's ``partenaire`` of the visits for a partner other than the national ones.
OTHER_PARTNER = "autre"

# (partner's pk or None for another partner, theme's code) -> visits
Figures = dict[tuple[int | None, str], int]


def report_partners() -> list[Partner]:
    """The partners a report counts visits for: the national ones (then "another")."""
    return list(
        Partner.objects.filter(national=True, locale=Locale.get_default()).order_by("name")
    )


class Status:
    REPORTED = "reported"
    TO_REPORT = "to_report"
    LATE = "late"

    LABELS = {
        REPORTED: pgettext_lazy("activity status", "Reported"),
        TO_REPORT: pgettext_lazy("activity status", "To report"),
        LATE: pgettext_lazy("activity status", "Late"),
    }


@dataclass(frozen=True)
class MonthRow:
    month: date
    report: ActivityReport | None
    status: str

    @property
    def status_label(self) -> str:
        return Status.LABELS[self.status]


def maison_months(maison: MaisonPage, today: date) -> list[MonthRow]:
    """The last 24 complete months of ``maison``, the latest first, with their report."""
    shown = months.reportable_months(today)
    reports = {
        report.month: report
        for report in ActivityReport.objects.filter(maison=maison, month__gte=shown[-1])
        .annotate(corrections_count=Count("corrections"))
        .order_by("month")
    }
    rows = []
    for month in shown:
        report = reports.get(month)
        if report is not None:
            status = Status.REPORTED
        elif months.is_late(month, today):
            status = Status.LATE
        else:
            status = Status.TO_REPORT
        rows.append(MonthRow(month, report, status))
    return rows


def report_of(maison: MaisonPage, month: date) -> ActivityReport | None:
    """``maison``'s report of ``month`` with its lines and corrections (latest first)."""
    return (
        ActivityReport.objects.filter(maison=maison, month=month)
        .select_related("submitted_by")
        .prefetch_related(
            Prefetch("lines", ActivityLine.objects.order_by("pk")),
            Prefetch(
                "corrections",
                ActivityCorrection.objects.select_related("corrected_by").order_by(
                    "-corrected_at", "-pk"
                ),
            ),
        )
        .first()
    )


def figures_of(report: ActivityReport | None) -> Figures:
    if report is None:
        return {}
    return {(line.partner_id, line.theme): line.visits for line in report.lines.all()}


def export_rows(maison: MaisonPage, today: date):
    """``maison``'s lines of the last 24 months in the import's layout (mois, partenaire,
    theme, visites), oldest month first."""
    lines = (
        ActivityLine.objects.filter(maison=maison, month__gte=months.reportable_months(today)[-1])
        .order_by("month", F("partner__name").asc(nulls_last=True), "theme")
        .values_list("month", "partner__slug", "theme", "visits")
    )
    for month, slug, theme, visits in lines:
        yield f"{month:%Y-%m}", slug or OTHER_PARTNER, theme, visits


def reports_submitted_by(user) -> dict[str, list[dict]]:
    """The reports ``user`` submitted and the corrections they made (personal data)."""
    reports = ActivityReport.objects.filter(submitted_by=user).select_related("maison")
    corrections = ActivityCorrection.objects.filter(corrected_by=user).select_related(
        "report__maison"
    )
    return {
        "reports": [
            {
                "maison": report.maison.title,
                "month": f"{report.month:%Y-%m}",
                "visits": report.total_visits,
                "submitted_at": report.submitted_at.isoformat(),
            }
            for report in reports.order_by("month", "pk")
        ],
        "corrections": [
            {
                "maison": correction.report.maison.title,
                "month": f"{correction.report.month:%Y-%m}",
                "reason": correction.reason,
                "corrected_at": correction.corrected_at.isoformat(),
            }
            for correction in corrections.order_by("corrected_at", "pk")
        ],
    }


def month_status(maison: MaisonPage, today: date) -> MonthRow:
    """The last complete month of ``maison`` and its status."""
    month = months.last_complete_month(today)
    report = ActivityReport.objects.filter(maison=maison, month=month).first()
    if report is not None:
        return MonthRow(month, report, Status.REPORTED)
    return MonthRow(month, None, Status.LATE if months.is_late(month, today) else Status.TO_REPORT)
