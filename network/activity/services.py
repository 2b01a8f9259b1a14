"""The activity's writes: a month's report (first submission or correction, the previous
figures kept with who, when and why) and the CSV import (every row checked before anything
is written; a month already reported is corrected)."""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from directory.models import MaisonPage

from . import months, selectors
from .models import VISITS_MAX, ActivityCorrection, ActivityLine, ActivityReport, ActivityTheme

IMPORT_COLUMNS = ("mois", "partenaire", "theme", "visites")
IMPORT_MAX_ROWS = 10_000


class ReportRefused(ValueError):
    """A report that cannot be written as asked; the message says why."""


@dataclass(frozen=True)
class ImportProblem:
    line: int  # in the file, the header being line 1 (0: the whole file)
    reason: str


class ImportRefused(ValueError):
    """A CSV file with problems: nothing was written."""

    def __init__(self, problems: list[ImportProblem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@transaction.atomic
def submit_report(
    maison: MaisonPage,
    month: date,
    figures: selectors.Figures,
    user,
    reason: str = "",
    now: datetime | None = None,
) -> ActivityReport:
    """Write ``maison``'s visits of ``month``; a month already reported is corrected, which
    needs a reason and keeps the figures it replaces."""
    now = now or timezone.now()
    if month not in months.reportable_months(timezone.localdate(now)):
        raise ReportRefused(_("Only the last 24 complete months can be reported."))
    figures = {key: visits for key, visits in figures.items() if visits}
    total = sum(figures.values())
    report = ActivityReport.objects.select_for_update().filter(maison=maison, month=month).first()
    if report is None:
        try:
            with transaction.atomic():
                report = ActivityReport.objects.create(
                    maison=maison,
                    month=month,
                    total_visits=total,
                    submitted_by=user,
                    submitted_at=now,
                )
        except IntegrityError:
            raise ReportRefused(
                _("This month has just been reported by someone else: correct it if need be.")
            ) from None
    else:
        reason = reason.strip()
        if not reason:
            raise ReportRefused(_("Say why you correct this month."))
        previous = report.lines.order_by("pk").values_list("partner__slug", "theme", "visits")
        ActivityCorrection.objects.create(
            report=report,
            corrected_by=user,
            corrected_at=now,
            reason=reason,
            previous_total=report.total_visits,
            previous_lines=[
                {"partner": slug or selectors.OTHER_PARTNER, "theme": theme, "visits": visits}
                for slug, theme, visits in previous
            ],
        )
        report.lines.all().delete()
        report.total_visits = total
        report.submitted_by = user
        report.submitted_at = now
        report.save(update_fields=["total_visits", "submitted_by", "submitted_at"])
    ActivityLine.objects.bulk_create(
        ActivityLine(
            report=report,
            maison=maison,
            month=month,
            partner_id=partner_id,
            theme=theme,
            visits=visits,
        )
        for (partner_id, theme), visits in sorted(figures.items(), key=_line_order)
    )
    return report


def _line_order(item) -> tuple:
    (partner_id, theme), _visits = item
    return (partner_id is None, partner_id or 0, theme)


def parse_import(content: bytes, today: date) -> dict[date, selectors.Figures]:
    """The figures of each month of a CSV file in the import's layout
    (``docs/activity-import.md``); ImportRefused lists every problem with its line."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused([ImportProblem(0, _("The file is not encoded in UTF-8."))]) from None
    first_line = text.partition("\n")[0]
    reader = csv.reader(io.StringIO(text), delimiter=";" if ";" in first_line else ",")
    header = [cell.strip().lower() for cell in next(reader, [])]
    if tuple(header) != IMPORT_COLUMNS:
        raise ImportRefused(
            [ImportProblem(1, _("The columns must be: %s.") % ", ".join(IMPORT_COLUMNS))]
        )
    partners = {partner.slug: partner.pk for partner in selectors.report_partners()}
    partners[selectors.OTHER_PARTNER] = None
    allowed = set(months.reportable_months(today))
    themes = set(ActivityTheme.values)
    figures: dict[date, selectors.Figures] = {}
    seen: dict[tuple, int] = {}
    problems = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(seen) >= IMPORT_MAX_ROWS:
            problems.append(ImportProblem(line, _("More than %d rows.") % IMPORT_MAX_ROWS))
            break
        reasons = []
        if len(row) != len(IMPORT_COLUMNS):
            problems.append(ImportProblem(line, _("Expected 4 cells, found %d.") % len(row)))
            continue
        month_text, slug, theme, visits_text = (cell.strip() for cell in row)
        month = months.parse_month(month_text)
        if month is None:
            reasons.append(_("“%s” is not a month (AAAA-MM).") % month_text)
        elif month not in allowed:
            reasons.append(_("%s is not one of the last 24 complete months.") % month_text)
        if slug not in partners:
            reasons.append(_("Unknown partner “%s”.") % slug)
        if theme not in themes:
            reasons.append(_("Unknown theme “%s”.") % theme)
        if not (visits_text.isdigit() and int(visits_text) <= VISITS_MAX):
            reasons.append(
                _("“%(value)s” is not a number of visits from 0 to %(max)d.")
                % {"value": visits_text, "max": VISITS_MAX}
            )
        key = (month_text, slug, theme)
        if key in seen:
            reasons.append(_("Same month, partner and theme as line %d.") % seen[key])
        seen.setdefault(key, line)
        if reasons:
            problems.extend(ImportProblem(line, reason) for reason in reasons)
            continue
        figures.setdefault(month, {})[(partners[slug], theme)] = int(visits_text)
    if not problems and not seen:
        problems.append(ImportProblem(0, _("The file holds no figures.")))
    if problems:
        raise ImportRefused(problems)
    return figures


@transaction.atomic
def import_reports(maison: MaisonPage, content: bytes, user, now: datetime | None = None):
    """Write every month of the file, or nothing; a month already reported is corrected
    (its history says it was imported again). The months written, oldest first."""
    now = now or timezone.now()
    figures = parse_import(content, timezone.localdate(now))
    with translation.override(settings.LANGUAGE_CODE):
        reason = _("Imported again from a CSV file.")
    for month in sorted(figures):
        submit_report(maison, month, figures[month], user, reason=reason, now=now)
    return sorted(figures)
