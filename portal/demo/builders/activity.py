"""The activity's demo (``content/activity/activity.yaml``): 24 months of reports for every
demo maison, up to the last complete month, drawn with a fixed seed from typical monthly
visits, partners' and themes' shares and the seasons; the last maisons by name miss the
latest month due, late. Written in bulk, once (a seeding that finds reports leaves them)."""

import random

import yaml
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from directory.models import MaisonPage, Partner
from network.activity import months
from network.activity.models import ActivityLine, ActivityReport
from network.activity.selectors import OTHER_PARTNER, report_partners
from portal.demo.loader import CONTENT


def _load() -> dict:
    return yaml.safe_load((CONTENT / "activity" / "activity.yaml").read_text(encoding="utf-8"))


def _cells(data: dict, partners: dict[str, Partner | None], visits: int) -> dict:
    """``visits`` split by (partner, theme) along the data's shares."""
    return {
        (partners[slug], theme): round(visits * row["share"] * theme_share)
        for slug, row in data["partners"].items()
        for theme, theme_share in row["themes"].items()
    }


@transaction.atomic
def build(log) -> None:
    maisons = list(
        MaisonPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("title", "pk")
    )
    if ActivityReport.objects.filter(maison__in=maisons).exists():
        log("Activity reports: already there")
        return
    data = _load()
    partners = {partner.slug: partner for partner in report_partners()}
    partners[OTHER_PARTNER] = None
    rng = random.Random(data["seed"])  # noqa: S311 (demo figures, not secrets)
    today = timezone.localdate()
    late_month = months.latest_late_month(today)
    late = set(maisons[-data["late"] :]) if data["late"] else set()
    low, high = data["visits_per_month"]
    reports, cells = [], []
    for maison in maisons:
        typical = rng.randint(low, high)
        for month in months.reportable_months(today):
            if maison in late and month >= late_month:
                continue
            season = data["seasonality"][month.month - 1]
            visits = typical * season * (1 + rng.uniform(-data["noise"], data["noise"]))
            split = {key: count for key, count in _cells(data, partners, visits).items() if count}
            reports.append(
                ActivityReport(
                    maison=maison,
                    month=month,
                    total_visits=sum(split.values()),
                    submitted_at=timezone.now(),
                )
            )
            cells.append(split)
    ActivityReport.objects.bulk_create(reports, batch_size=1000)
    ActivityLine.objects.bulk_create(
        (
            ActivityLine(
                report=report,
                maison_id=report.maison_id,
                month=report.month,
                partner=partner,
                theme=theme,
                visits=count,
            )
            for report, split in zip(reports, cells, strict=True)
            for (partner, theme), count in split.items()
        ),
        batch_size=2000,
    )
    log(f"Activity reports: {len(reports)} new, {len(late)} maison(s) late")
