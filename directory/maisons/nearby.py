"""The maisons nearest a point: great-circle distance, radius, and the cards to show.

A search reads a bounding box of candidate points in SQL (maisons, and the stops of buses
and itinerant maisons, whose distance is to their nearest stop), measures them exactly in
Python, and reads summaries (plain values, cached) only for the cards shown. Queries stay
constant whatever the number of results.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import (
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Max,
    Min,
    OuterRef,
    QuerySet,
    Value,
)
from django.utils import timezone
from wagtail.models import Page, Site

from directory.maisons.hours import OpenStatus, WeeklySchedule
from directory.maisons.models import (
    DEFAULT_TIMEZONE,
    ITINERANT_FORMATS,
    Closure,
    ItineraryStop,
    MaisonPage,
    OpeningInterval,
    PartnerPresence,
    format_counts,
    occurrences_between,
    status_with_stops,
    weekly_schedule,
)
from directory.partners.models import Partner
from portal.content_version import content_version

EARTH_RADIUS_KM = 6371.0088
RADII_KM = (5, 10, 20, 50)
DEFAULT_RADIUS_KM = 20
# When nothing lies within the radius: the few nearest beyond it.
NEAREST_BEYOND_COUNT = 5
WIDER_RADII_KM = (100,)
NEAREST_BEYOND_CANDIDATES = 50
PASSAGE_HORIZON = timedelta(days=28)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance on the mean Earth sphere."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Hit:
    maison_id: int
    distance_km: float | None
    format: str
    stop_id: int | None = None


@dataclass
class Nearby:
    latitude: float
    longitude: float
    radius_km: float
    hits: list[Hit]
    # True when nothing lies within the radius and ``hits`` are the nearest beyond it.
    beyond_radius: bool = False

    @property
    def format_counts(self) -> list[str]:
        return format_counts(hit.format for hit in self.hits)


@dataclass
class Card:
    """One result as shown: the maison, its address, distance and status."""

    maison: MaisonSummary
    url: str
    distance_km: float | None
    status: OpenStatus
    stop: ItineraryStop | None = None
    next_passage: datetime | None = None


def _box(latitude: float, longitude: float, radius_km: float) -> dict:
    """Filters for a latitude/longitude rectangle holding the circle."""
    delta_lat = math.degrees(radius_km / EARTH_RADIUS_KM)
    filters = {"latitude__range": (latitude - delta_lat, latitude + delta_lat)}
    cos_lat = math.cos(math.radians(min(89.0, abs(latitude) + delta_lat)))
    delta_lon = math.degrees(radius_km / (EARTH_RADIUS_KM * cos_lat)) if cos_lat > 0 else 360
    if delta_lon < 180:
        filters["longitude__range"] = (longitude - delta_lon, longitude + delta_lon)
    return filters


def _approximate_distance(latitude: float, longitude: float):
    """Squared equirectangular distance in degrees: cheap in SQL, good enough to rank."""
    scale = math.cos(math.radians(latitude))
    north = F("latitude") - Value(latitude)
    east = (F("longitude") - Value(longitude)) * Value(scale)
    return ExpressionWrapper(north * north + east * east, output_field=FloatField())


def _maisons_having(kind: str) -> set[int]:
    """Ids of the maisons that have stops, closures or local partners: few of them, so the
    others' cards skip those reads."""
    key = f"directory:having:{kind}:{content_version()}"
    ids = cache.get(key)
    if ids is None:
        rows = {
            "stops": ItineraryStop.objects.all(),
            "closures": Closure.objects.all(),
            "local_partners": PartnerPresence.objects.filter(partner__national=False),
        }[kind]
        ids = set(rows.order_by().values_list("maison_id", flat=True).distinct())
        cache.set(key, ids, CARD_CACHE_SECONDS)
    return ids


def _tour_boxes() -> dict[int, tuple[float, float, float, float]]:
    """{maison id: (south, north, west, east)} of the located stops of each tour (bus or
    itinerant maison): a search reads stops only when it reaches one of these boxes."""
    key = f"directory:tour-boxes:{content_version()}"
    boxes = cache.get(key)
    if boxes is None:
        located = ItineraryStop.objects.filter(latitude__isnull=False, longitude__isnull=False)
        rows = (
            located.order_by()
            .values("maison_id")
            .annotate(Min("latitude"), Max("latitude"), Min("longitude"), Max("longitude"))
            .values_list(
                "maison_id", "latitude__min", "latitude__max", "longitude__min", "longitude__max"
            )
        )
        boxes = {maison_id: tuple(bounds) for maison_id, *bounds in rows}
        cache.set(key, boxes, CARD_CACHE_SECONDS)
    return boxes


def _hits(maisons: QuerySet, latitude: float, longitude: float, *, radius_km=None, nearest=None):
    """Maisons within ``radius_km`` or, without a radius, about the ``nearest`` few, each at
    its great-circle distance: to its point, or for a tour to its nearest stop."""
    boxes = _tour_boxes()
    tours = set(boxes)
    # Correlated, so only the few stops read are checked against the filters.
    kept = Exists(maisons.filter(pk=OuterRef("maison_id")))
    stops = ItineraryStop.objects.filter(kept)
    if radius_km is not None:
        box = _box(latitude, longitude, radius_km)
        south, north = box["latitude__range"]
        west, east = box.get("longitude__range", (-math.inf, math.inf))
        reached = [
            pk
            for pk, (low, high, left, right) in boxes.items()
            if low <= north and high >= south and left <= east and right >= west
        ]
        points = maisons.filter(**box).order_by()
        stops = stops.filter(maison_id__in=reached, **box).order_by() if reached else None
    else:
        radius_km = math.inf
        rank = _approximate_distance(latitude, longitude)
        located = {"latitude__isnull": False, "longitude__isnull": False}
        points = maisons.filter(**located).exclude(pk__in=tours).annotate(rank=rank)
        points = points.order_by("rank")[:nearest]
        stops = stops.filter(**located).annotate(rank=rank).order_by("rank")[:nearest]
    rows = [
        (pk, None, lat, lon, format)
        for pk, lat, lon, format in points.values_list("pk", "latitude", "longitude", "format")
        if pk not in tours
    ]
    if stops is not None:
        rows += stops.values_list("maison_id", "pk", "latitude", "longitude", "maison__format")
    best: dict[int, Hit] = {}
    for maison_id, stop_id, lat, lon, format in rows:
        distance = great_circle_km(latitude, longitude, lat, lon)
        if distance <= radius_km and (
            maison_id not in best or distance < best[maison_id].distance_km
        ):
            best[maison_id] = Hit(maison_id, distance, format, stop_id)
    return sorted(best.values(), key=lambda hit: (hit.distance_km, hit.maison_id))


def find_nearby(
    maisons: QuerySet,
    *,
    latitude: float,
    longitude: float,
    radius_km: float = DEFAULT_RADIUS_KM,
    open_now: bool = False,
    moment: datetime | None = None,
    beyond: bool = True,
) -> Nearby:
    """Maisons of ``maisons`` within ``radius_km``, nearest first. When there are none and
    ``beyond`` is set, the few nearest beyond the radius (not with ``open_now``: at night
    nothing is open, and the visitor is better told so than sent 200 km away)."""
    moment = moment or timezone.now()
    hits = _hits(maisons, latitude, longitude, radius_km=radius_km)
    if open_now:
        hits = _open_only(hits, moment)
    nearby = Nearby(latitude, longitude, radius_km, hits)
    if not hits and beyond and not open_now:
        nearby.hits = _nearest_beyond(maisons, latitude, longitude, radius_km)
        nearby.beyond_radius = bool(nearby.hits)
    return nearby


def _nearest_beyond(maisons: QuerySet, latitude: float, longitude: float, radius_km: float):
    """The few nearest maisons when none lies within ``radius_km``."""
    wider = [wider_km for wider_km in WIDER_RADII_KM if wider_km > radius_km]
    return find_nearest(
        maisons,
        latitude=latitude,
        longitude=longitude,
        count=NEAREST_BEYOND_COUNT,
        radii_km=wider,
    )


def find_nearest(
    maisons: QuerySet,
    *,
    latitude: float,
    longitude: float,
    count: int,
    radii_km=(DEFAULT_RADIUS_KM, *WIDER_RADII_KM),
) -> list[Hit]:
    """The ``count`` maisons of ``maisons`` nearest the point, whatever their distance:
    first within growing circles (indexed box reads; once a circle holds enough, nothing
    outside it can be nearer), else ranked over all maisons in SQL by an approximate
    distance, with a margin of candidates that makes the exact order of the first few
    certain in practice."""
    for radius_km in radii_km:
        hits = _hits(maisons, latitude, longitude, radius_km=radius_km)
        if len(hits) >= count:
            return hits[:count]
    candidates = _hits(maisons, latitude, longitude, nearest=max(count, NEAREST_BEYOND_CANDIDATES))
    return candidates[:count]


def _open_only(hits: list[Hit], moment: datetime) -> list[Hit]:
    summaries = _summaries([hit.maison_id for hit in hits])
    return [hit for hit in hits if summaries[hit.maison_id].status_at(moment).is_open]


@dataclass
class MaisonSummary:
    """What a card, the map and the API show of a maison, read as plain values: building
    or unpickling a page instance costs more than all of this (search results read and
    cache a few dozen at a time)."""

    pk: int
    title: str
    url_path: str
    source_id: str
    kind: str
    format: str
    address: str
    postcode: str
    commune_name: str
    insee_commune: str
    latitude: float | None
    longitude: float | None
    booking: bool
    department_code: str | None
    timezone: str
    schedule: WeeklySchedule
    stops: list[ItineraryStop] = field(default_factory=list)
    local_partners: list[Partner] = field(default_factory=list)

    @property
    def is_itinerant(self) -> bool:
        return self.format in ITINERANT_FORMATS

    def get_format_display(self) -> str:
        try:
            return MaisonPage.Format(self.format).label
        except ValueError:  # a value the choices have lost since
            return self.format

    @property
    def opening_hours_osm(self) -> str:
        return self.schedule.osm_opening_hours()

    def status_at(self, moment: datetime) -> OpenStatus:
        return status_with_stops(
            self.schedule, self.stops, tz=self.timezone, itinerant=self.is_itinerant, moment=moment
        )

    def next_passage(self, stop: ItineraryStop, moment: datetime) -> datetime | None:
        passages = occurrences_between(
            [stop],
            schedule=self.schedule,
            tz=self.timezone,
            after=moment,
            until=moment + PASSAGE_HORIZON,
        )
        return passages[0][0] if passages else None


SUMMARY_FIELDS = (
    "pk",
    "title",
    "url_path",
    "source_id",
    "kind",
    "format",
    "address",
    "postcode",
    "commune_name",
    "insee_commune",
    "latitude",
    "longitude",
    "booking",
    "department__code",
    "department__timezone",
)


CARD_CACHE_SECONDS = 60 * 60


def _summaries(ids: list[int]) -> dict[int, MaisonSummary]:
    """Summaries from the shared cache or, for those missing, in two to five queries
    whatever their number.

    The cache keys carry the site-wide content version, which any publish bumps; what
    depends on the time (open or closed) is computed afresh from the cached schedule.
    """
    version = content_version()
    keys = {pk: f"directory:card:{version}:{pk}" for pk in ids}
    cached = cache.get_many(list(keys.values()))
    summaries = {pk: cached[key] for pk, key in keys.items() if key in cached}
    missing = [pk for pk in ids if pk not in summaries]
    if missing:
        loaded = _read_summaries(missing)
        cache.set_many({keys[pk]: summary for pk, summary in loaded.items()}, CARD_CACHE_SECONDS)
        summaries.update(loaded)
    return summaries


def _read_summaries(ids: list[int]) -> dict[int, MaisonSummary]:
    intervals: dict[int, list] = defaultdict(list)
    for maison_id, *row in OpeningInterval.objects.filter(maison_id__in=ids).values_list(
        "maison_id", "weekday", "opens", "closes"
    ):
        intervals[maison_id].append(row)
    closures: dict[int, list] = defaultdict(list)
    if with_closures := _maisons_having("closures").intersection(ids):
        for maison_id, *row in Closure.objects.filter(maison_id__in=with_closures).values_list(
            "maison_id", "start_date", "end_date", "reason"
        ):
            closures[maison_id].append(row)
    stops: dict[int, list] = defaultdict(list)
    if with_stops := _maisons_having("stops").intersection(ids):
        for stop in ItineraryStop.objects.filter(maison_id__in=with_stops):
            stops[stop.maison_id].append(stop)
    partners: dict[int, dict[str, Partner]] = defaultdict(dict)
    if with_partners := _maisons_having("local_partners").intersection(ids):
        presences = PartnerPresence.objects.filter(
            maison_id__in=with_partners, partner__national=False
        )
        for maison_id, slug, name in presences.values_list(
            "maison_id", "partner__slug", "partner__name"
        ).order_by("partner__name"):
            partners[maison_id][slug] = Partner(slug=slug, name=name)
    summaries = {}
    for row in MaisonPage.objects.filter(pk__in=ids).values_list(*SUMMARY_FIELDS):
        pk, *fields, department_code, timezone_name = row
        timezone_name = timezone_name or DEFAULT_TIMEZONE
        schedule = weekly_schedule(
            intervals=intervals[pk],
            closures=closures[pk],
            timezone=timezone_name,
            department_code=department_code or "",
        )
        summaries[pk] = MaisonSummary(
            pk,
            *fields,
            department_code=department_code,
            timezone=timezone_name,
            schedule=schedule,
            stops=stops[pk],
            local_partners=list(partners[pk].values()),
        )
    return summaries


def _addresses(summaries, request) -> dict[int, str]:
    """Each maison's address: its parent page's address and its slug. Parents are few
    (the directory of each language), their addresses cached per site and version."""
    site = Site.find_for_request(request) if request is not None else None
    key = f"directory:parent-urls:{content_version()}:{site.pk if site else 0}"
    parent_urls: dict[str, str | None] = cache.get(key) or {}
    split = {
        summary.pk: summary.url_path.rstrip("/").rpartition("/")[::2] for summary in summaries
    }
    missing = {f"{parent}/" for parent, _ in split.values()} - parent_urls.keys()
    if missing:
        for parent in Page.objects.filter(url_path__in=missing).only("url_path"):
            parent_urls[parent.url_path] = parent.get_url(request)
        cache.set(key, parent_urls, CARD_CACHE_SECONDS)
    urls = {}
    for pk, (parent, slug) in split.items():
        parent_url = parent_urls.get(f"{parent}/")
        urls[pk] = f"{parent_url}{slug}/" if parent_url else ""
    return urls


def cards(
    hits: list[Hit], *, moment: datetime | None = None, request=None, directory_url=None
) -> list[Card]:
    """The cards of ``hits`` (one page of results), in the same order; ``directory_url``:
    the address of the directory they lead through (another language's shows the
    maisons at its own address), else each maison's own address."""
    moment = moment or timezone.now()
    summaries = _summaries([hit.maison_id for hit in hits])
    if directory_url:
        urls = {
            summary.pk: f"{directory_url}{summary.url_path.rstrip('/').rpartition('/')[2]}/"
            for summary in summaries.values()
        }
    else:
        urls = _addresses(summaries.values(), request)
    found = []
    for hit in hits:
        maison = summaries[hit.maison_id]
        stop = next((s for s in maison.stops if s.pk == hit.stop_id), None)
        found.append(
            Card(
                maison=maison,
                url=urls[maison.pk],
                distance_km=hit.distance_km,
                status=maison.status_at(moment),
                stop=stop,
                next_passage=maison.next_passage(stop, moment) if stop else None,
            )
        )
    return found


@dataclass(frozen=True)
class MapPoint:
    """One result on the map: every result of a search is one, whatever page is shown,
    so it holds only what a marker and its popup show."""

    number: int  # its line in the results list, which continues across pages
    maison_id: int
    name: str
    url: str
    latitude: float
    longitude: float
    distance_km: float | None
    status: OpenStatus
    stop: str | None = None


def map_points(hits: list[Hit], *, moment: datetime | None = None, request=None) -> list[MapPoint]:
    """The located results among ``hits`` (all of a search's), numbered from 1 in their
    order; the point of a tour is its nearest stop. Summaries come from the cache or in
    two to five queries, as for the cards."""
    moment = moment or timezone.now()
    summaries = _summaries([hit.maison_id for hit in hits])
    urls = _addresses(summaries.values(), request)
    points = []
    for number, hit in enumerate(hits, start=1):
        maison = summaries[hit.maison_id]
        latitude, longitude, stop_place = maison.latitude, maison.longitude, None
        if hit.stop_id is not None:
            stop = next((s for s in maison.stops if s.pk == hit.stop_id), None)
            if stop is not None:
                latitude, longitude, stop_place = stop.latitude, stop.longitude, stop.place
        if latitude is None or longitude is None:
            continue
        points.append(
            MapPoint(
                number=number,
                maison_id=maison.pk,
                name=maison.title,
                url=urls[maison.pk],
                latitude=latitude,
                longitude=longitude,
                distance_km=hit.distance_km,
                status=maison.status_at(moment),
                stop=stop_place,
            )
        )
    return points
