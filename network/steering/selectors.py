"""What the dashboards read: the scope of the member asking (their territory narrowed by the
URL's filters), and each maison's weekly hours (stored on it), days open and national
partners, computed in the database."""

from urllib.parse import urlencode

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TextChoices,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from directory.maisons.hours import LABEL_MIN_OPEN_DAYS, LABEL_MIN_WEEKLY_MINUTES
from directory.models import MaisonPage, Partner, PartnerPresence

from ..models import AgentProfile
from ..selectors import maisons_covered
from .filters import SteeringFilters
from .scope import SteeringScope


class Compliance(TextChoices):
    """Whether a maison's published hours meet the label's minimum (the CSV's values)."""

    YES = "oui", _("yes")
    NO = "non", _("no")
    UNKNOWN = "inconnu", _("unknown")


def steering_filters(profile: AgentProfile, data) -> SteeringFilters:
    """The filters form of ``profile``'s dashboards, bound to ``data`` (the URL's query)."""
    return SteeringFilters(data, profile=profile, maisons=maisons_covered(profile))


def scope_for(profile: AgentProfile, filters: SteeringFilters) -> SteeringScope:
    """The maisons of ``profile``'s territory narrowed by ``filters`` (a valid form)."""
    chosen = filters.cleaned_data
    maisons = maisons_covered(profile)
    region, department = chosen.get("region"), chosen.get("department")
    maison_format, partner = chosen.get("format_fs", ""), chosen.get("partner")
    if region:
        maisons = maisons.filter(department__region=region)
    if department:
        maisons = maisons.filter(department=department)
    if maison_format:
        maisons = maisons.filter(format=maison_format)
    if partner:
        maisons = maisons.filter(
            pk__in=PartnerPresence.objects.filter(partner=partner).values("maison")
        )
    query = {
        "region": region.code if region else "",
        "department": department.code if department else "",
        "format_fs": maison_format,
        "partner": partner.slug if partner else "",
    }
    described = [
        (str(filters.fields[name].label), str(value))
        for name, value in (
            ("region", region),
            ("department", department),
            ("format_fs", MaisonPage.Format(maison_format).label if maison_format else ""),
            ("partner", partner),
        )
        if value
    ]
    return SteeringScope(
        profile=profile,
        maisons=maisons,
        region=region,
        department=department,
        format=maison_format,
        partner=partner,
        querystring=urlencode({key: value for key, value in query.items() if value}),
        described=described,
    )


def with_hours(maisons):
    """``maisons`` with ``open_days`` (0 without published hours) and ``compliance`` (a
    ``Compliance`` value), from the weekly figures each maison stores (``weekly_minutes``,
    None without published hours)."""
    return maisons.annotate(
        open_days=Coalesce(F("days_open"), 0),
        compliance=Case(
            When(weekly_minutes__isnull=True, then=Value(Compliance.UNKNOWN)),
            When(
                weekly_minutes__gte=LABEL_MIN_WEEKLY_MINUTES,
                days_open__gte=LABEL_MIN_OPEN_DAYS,
                then=Value(Compliance.YES),
            ),
            default=Value(Compliance.NO),
        ),
    )


def compliance_counts(scope: SteeringScope) -> dict[str, int]:
    """How many maisons of the scope meet the label's minimum, don't, or publish no hours."""
    rows = (
        with_hours(scope.maisons)
        .order_by()
        .values("compliance")
        .annotate(count=Count("pk"))
        .order_by("compliance")
    )
    counts = dict.fromkeys(Compliance.values, 0)
    counts.update({row["compliance"]: row["count"] for row in rows})
    return counts


def compliance_by_department(scope: SteeringScope) -> list[dict]:
    """Per department of the scope: its code, its maisons and those meeting the minimum."""
    return list(
        with_hours(scope.maisons)
        .order_by()
        .values("department__code")
        .annotate(total=Count("pk"), compliant=Count("pk", filter=Q(compliance=Compliance.YES)))
        .order_by("department__code")
    )


def weekly_hours_by_area(scope: SteeringScope, *, by_region: bool) -> dict[str, list[float]]:
    """The weekly hours (in hours) of the maisons publishing some, by region or department
    name; one query of one row per maison."""
    area = "department__region__name" if by_region else "department__name"
    rows = (
        scope.maisons.filter(weekly_minutes__isnull=False)
        .order_by()
        .values_list(area, "weekly_minutes")
        .order_by(area)
    )
    hours: dict[str, list[float]] = {}
    for name, minutes in rows.iterator(chunk_size=2000):
        hours.setdefault(name or "–", []).append(minutes / 60)
    return hours


def national_partners():
    """The national partners (``Partner.national``), in the site's language, by name."""
    return Partner.objects.filter(
        national=True, locale__language_code=settings.LANGUAGE_CODE
    ).order_by("name")


def with_national_partners(maisons):
    """``maisons`` with ``national_present``: how many national partners the maison offers,
    whatever the mode (on site, video, phone or by appointment)."""
    present = (
        PartnerPresence.objects.filter(maison=OuterRef("pk"), partner__national=True)
        .order_by()
        .values("maison")
        .annotate(count=Count("partner", distinct=True))
        .values("count")
    )
    return maisons.annotate(
        national_present=Coalesce(Subquery(present, output_field=IntegerField()), 0)
    )


def missing_national_partner(maisons, national_count: int):
    """Those of ``maisons`` (``with_national_partners``) missing at least one national one."""
    return maisons.filter(national_present__lt=national_count)


def maisons_per_partner(scope: SteeringScope) -> dict[int, int]:
    """Per national partner's id, the maisons of the scope offering it."""
    rows = (
        PartnerPresence.objects.filter(maison__in=scope.maisons, partner__national=True)
        .order_by()
        .values("partner")
        .annotate(count=Count("maison", distinct=True))
        .order_by("partner")
    )
    return {row["partner"]: row["count"] for row in rows}


def national_partners_of(maison_ids) -> dict[int, set[int]]:
    """Per maison id, the ids of the national partners it offers (one query)."""
    offered: dict[int, set[int]] = {}
    rows = PartnerPresence.objects.filter(maison_id__in=maison_ids, partner__national=True)
    for maison_id, partner_id in rows.values_list("maison_id", "partner_id").distinct():
        offered.setdefault(maison_id, set()).add(partner_id)
    return offered
