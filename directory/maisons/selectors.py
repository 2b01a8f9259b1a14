"""Reads for the directory: department listings and what a maison page shows."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Locale

from directory.maisons.hours import OpenStatus
from directory.maisons.models import DirectoryIndexPage, MaisonPage, format_counts
from directory.maisons.structured_data import maison_json_ld
from directory.partners.models import Partner
from directory.territories.models import Department, Region
from portal.content_version import content_version
from portal.locales import active_locale, default_language, default_locale
from portal.public_urls import page_public_url

UPCOMING_DAYS = 28
NATIONAL_PARTNERS_CACHE_SECONDS = 60 * 60
DEPARTMENT_COUNTS_CACHE_SECONDS = 60 * 60


def department_counts() -> list[tuple[Region, list[Department]]]:
    """Regions with their departments, each annotated with its number of live maisons;
    kept in the shared cache for the content version (a publish changes the counts)."""
    key = f"directory:department-counts:{content_version()}"
    regions = cache.get(key)
    if regions is None:
        departments = (
            Department.objects.select_related("region")
            .annotate(maison_count=Count("maisons", filter=Q(maisons__live=True)))
            .order_by("region__name", "code")
        )
        regions = [
            (region, list(items))
            for region, items in groupby(departments, key=lambda department: department.region)
        ]
        cache.set(key, regions, DEPARTMENT_COUNTS_CACHE_SECONDS)
    return regions


def department_links(index: DirectoryIndexPage, request) -> list[tuple[Region, list[tuple]]]:
    """``department_counts`` with each department's list address in ``index``: one address
    reversed, the others written by its pattern (a hundred page-URL lookups saved)."""
    placeholder = "0placeholder0"
    pattern = index.get_url(request).rstrip("/") + "/"
    pattern += index.reverse_subpage("department_route", args=[placeholder])
    return [
        (
            region,
            [
                (department, pattern.replace(placeholder, department.code))
                for department in departments
            ],
        )
        for region, departments in department_counts()
    ]


def maisons_of_department(*, department: Department, index: DirectoryIndexPage):
    maisons = list(
        MaisonPage.objects.live()
        .child_of(index)
        .filter(department=department)
        .order_by("commune_name", "title")
        .select_related("department")
        .prefetch_related("opening_intervals", "closures", "stops")
        .defer_streamfields()
    )
    return maisons, format_counts(maison.format for maison in maisons)


@dataclass(frozen=True)
class WeekSlot:
    """Hours of one day of the week table: an opening, or a bus's stop with its place."""

    opens: time
    closes: time
    place: str = ""


@dataclass(frozen=True)
class DayRow:
    weekday: int
    name: str
    intervals: list[WeekSlot]
    is_today: bool
    # The date of this weekday in the coming seven days when it is a public holiday where
    # the maison stands (its calendar: Alsace-Moselle, overseas departments, collectivities).
    holiday: date | None = None


@dataclass(frozen=True)
class Occurrence:
    starts: datetime
    ends: datetime
    item: object


@dataclass(frozen=True)
class MaisonDetails:
    status: OpenStatus
    week: list[DayRow]
    closures: list
    national_partners: list[Partner]
    # Their language when they are not translated into the page's yet ("" otherwise).
    national_partners_lang: str
    presences: list[Occurrence]
    stops: list[Occurrence]
    weekly_hours: float
    meets_label_rule: bool


def national_partners(locale: Locale) -> list[Partner]:
    """The national partners in ``locale``, else in the default language; kept until the
    content changes (saving a partner bumps the content version)."""
    key = f"directory:national-partners:{content_version()}:{locale.pk}"
    partners = cache.get(key)
    if partners is None:
        partners = list(Partner.objects.filter(national=True, locale=locale))
        if not partners:
            partners = list(Partner.objects.filter(national=True, locale=default_locale()))
        cache.set(key, partners, NATIONAL_PARTNERS_CACHE_SECONDS)
    return partners


def maison_details(page: MaisonPage, *, locale: Locale, moment: datetime | None = None):
    """Everything the maison page shows, from the page's prefetched rows."""
    from directory.maisons.models import WEEKDAYS

    moment = moment or timezone.now()
    schedule = page.schedule()
    zone = ZoneInfo(page.timezone)
    today = moment.astimezone(zone).date()
    until = moment + timedelta(days=UPCOMING_DAYS)
    presences = page.occurrences_of(
        page.presences.select_related("partner"), after=moment, until=until, schedule=schedule
    )
    stop_rows = page.stop_rows()
    stops = page.occurrences_of(stop_rows, after=moment, until=until, schedule=schedule)
    by_day: dict[int, list[WeekSlot]] = {}
    for interval in schedule.intervals:
        by_day.setdefault(interval.weekday, []).append(WeekSlot(interval.opens, interval.closes))
    if page.is_itinerant:
        # A bus's week: its stops of the seven days from today, as they will happen.
        week_starts = datetime.combine(today, time(), tzinfo=zone)
        for starts, ends, stop in page.occurrences_of(
            stop_rows, after=week_starts, until=week_starts + timedelta(days=7), schedule=schedule
        ):
            slot = WeekSlot(starts.time(), ends.time(), stop.place)
            by_day.setdefault(starts.weekday(), []).append(slot)
    week = []
    for weekday, name in WEEKDAYS:
        if by_day and (weekday < 6 or by_day.get(weekday) or weekday == today.weekday()):
            day = today + timedelta(days=(weekday - today.weekday()) % 7)
            slots = sorted(by_day.get(weekday, []), key=lambda slot: slot.opens)
            holiday = day if schedule.is_holiday(day) else None
            week.append(DayRow(weekday, str(name), slots, weekday == today.weekday(), holiday))
    partners = national_partners(locale)
    return MaisonDetails(
        status=page.status_at(moment),
        week=week,
        closures=[closure for closure in page.closure_rows() if closure.end_date >= today],
        national_partners=partners,
        national_partners_lang=(
            default_language() if partners and partners[0].locale_id != locale.pk else ""
        ),
        presences=[Occurrence(*occurrence) for occurrence in presences],
        stops=[Occurrence(*occurrence) for occurrence in stops],
        weekly_hours=schedule.weekly_minutes() / 60,
        meets_label_rule=schedule.meets_label_rule(),
    )


def maison_page_context(page: MaisonPage, request, *, listed_by=None) -> dict:
    """What a maison page shows besides the page; ``listed_by`` is the directory of
    another language showing it (with that language's interface, its data untranslated)."""
    full_url = (
        f"{page_public_url(listed_by, request)}{page.slug}/"
        if listed_by
        else page_public_url(page, request)
    )
    if page.department_id:
        # With its region (the breadcrumb) in the query that the time zone needs anyway.
        page.department = Department.objects.select_related("region").get(pk=page.department_id)
    return {
        "directory": listed_by or _parent_directory(page),
        "content_lang": page.locale.language_code if listed_by else "",
        "full_url": full_url,
        "details": maison_details(page, locale=active_locale(request)),
        "json_ld": maison_json_ld(page, url=full_url),
    }


def _parent_directory(page: MaisonPage) -> DirectoryIndexPage:
    """The directory holding ``page``, from the cached ones when it is one of them."""
    parent_path = page.path[: -MaisonPage.steplen]
    for index in DirectoryIndexPage.by_language().values():
        if index.path == parent_path:
            return index
    return page.get_parent().specific


def maisons_to_fix():
    """Maisons with unreadable hours, or a bus/itinerant tour that has no structured stop.

    Each carries a ``problem`` annotation for the admin report.
    """
    from django.db.models import Case, CharField, Exists, OuterRef, Value, When

    from directory.maisons.models import ItineraryStop

    itinerant = Q(format__in=[MaisonPage.Format.BUS, MaisonPage.Format.ITINERANT])
    has_stops = Exists(ItineraryStop.objects.filter(maison=OuterRef("pk")))
    return (
        MaisonPage.objects.annotate(has_stops=has_stops)
        .filter(~Q(hours_problems="") | (itinerant & Q(has_stops=False)))
        .annotate(
            problem=Case(
                When(~Q(hours_problems=""), then=Value("horaires illisibles")),
                default=Value("tournée sans arrêt structuré"),
                output_field=CharField(),
            )
        )
        .order_by("title")
    )


def directory_url(request) -> str | None:
    """Where "find a France Services" forms lead: the directory search of the active
    language, else of the default language."""
    indexes = DirectoryIndexPage.by_language()
    directory = indexes.get(get_language()) or indexes.get(default_language())
    return directory.get_url(request) if directory else None
