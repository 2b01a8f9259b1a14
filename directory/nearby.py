"""The maisons nearest a point: great-circle distance, radius, and the cards to show.

A search reads a bounding box of candidate points in SQL (maisons, and the stops of buses
and itinerant maisons, whose distance is to their nearest stop), measures them exactly in
Python, and loads full pages only for the cards shown. Queries stay constant whatever the
number of results.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import Exists, ExpressionWrapper, F, FloatField, OuterRef, QuerySet, Value
from django.utils import timezone

from portal.content_version import content_version

from .hours import OpenStatus
from .models import (
    Closure,
    ItineraryStop,
    MaisonPage,
    OpeningInterval,
    Partner,
    PartnerPresence,
)

EARTH_RADIUS_KM = 6371.0088
RADII_KM = (5, 10, 20, 50)
DEFAULT_RADIUS_KM = 20
# When nothing lies within the radius: the few nearest beyond it.
NEAREST_BEYOND_COUNT = 5
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
    def format_counts(self) -> list[tuple[str, int]]:
        counts = Counter(hit.format for hit in self.hits)
        return [
            (label, counts[value]) for value, label in MaisonPage.Format.choices if counts[value]
        ]


@dataclass
class Card:
    """One result as shown: the page with its prefetched rows, distance and status."""

    page: MaisonPage
    url: str
    distance_km: float | None
    status: OpenStatus
    stop: ItineraryStop | None = None
    next_passage: datetime | None = None
    local_partners: list = field(default_factory=list)


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
    """Ids of the maisons that have stops, located stops ("tours"), closures or local
    partners: few of them, so the others' distances and cards skip those reads."""
    key = f"directory:having:{kind}:{content_version()}"
    ids = cache.get(key)
    if ids is None:
        rows = {
            "tours": ItineraryStop.objects.filter(latitude__isnull=False, longitude__isnull=False),
            "stops": ItineraryStop.objects.all(),
            "closures": Closure.objects.all(),
            "local_partners": PartnerPresence.objects.filter(partner__national=False),
        }[kind]
        ids = set(rows.order_by().values_list("maison_id", flat=True).distinct())
        cache.set(key, ids, CARD_CACHE_SECONDS)
    return ids


def _hits(maisons: QuerySet, latitude: float, longitude: float, *, radius_km=None, nearest=None):
    """Maisons within ``radius_km`` or, without a radius, about the ``nearest`` few, each at
    its great-circle distance: to its point, or for a tour to its nearest stop."""
    tours = _maisons_having("tours")
    # Correlated, so only the few stops read are checked against the filters.
    kept = Exists(maisons.filter(pk=OuterRef("maison_id")))
    stops = ItineraryStop.objects.filter(kept)
    if radius_km is not None:
        box = _box(latitude, longitude, radius_km)
        points, stops = maisons.filter(**box).order_by(), stops.filter(**box).order_by()
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
        # Ranked in SQL by an approximate distance; a margin of candidates makes the
        # exact great-circle order of the first few certain in practice.
        candidates = _hits(maisons, latitude, longitude, nearest=NEAREST_BEYOND_CANDIDATES)
        nearby.hits = candidates[:NEAREST_BEYOND_COUNT]
        nearby.beyond_radius = bool(nearby.hits)
    return nearby


def _open_only(hits: list[Hit], moment: datetime) -> list[Hit]:
    pages = _pages([hit.maison_id for hit in hits])
    return [hit for hit in hits if pages[hit.maison_id].status_at(moment).is_open]


# What a card, the map and the API read of a page; anything else would cost a query.
CARD_FIELDS = (
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


def _pages(ids: list[int]) -> dict[int, MaisonPage]:
    """Pages with their schedules, stops and local partners, from the shared cache or, for
    those missing, in two to five queries whatever their number.

    The cache keys carry the site-wide content version, which any publish bumps; what
    depends on the time (open or closed) is computed afresh from the cached schedule.
    """
    version = content_version()
    keys = {pk: f"directory:card:{version}:{pk}" for pk in ids}
    cached = cache.get_many(list(keys.values()))
    pages = {pk: cached[key] for pk, key in keys.items() if key in cached}
    missing = [pk for pk in ids if pk not in pages]
    if missing:
        loaded = _read_pages(missing)
        cache.set_many({keys[pk]: page for pk, page in loaded.items()}, CARD_CACHE_SECONDS)
        pages.update(loaded)
    return pages


def _read_pages(ids: list[int]) -> dict[int, MaisonPage]:
    """Rows are read as plain values (not related managers' prefetches, costly per page)."""
    pages = {
        page.pk: page
        for page in MaisonPage.objects.filter(pk__in=ids)
        .select_related("department")
        .only(*CARD_FIELDS)
    }
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
    for pk, page in pages.items():
        schedule = page.build_schedule(intervals=intervals[pk], closures=closures[pk])
        page.preload(schedule=schedule, stops=stops[pk])
        page.local_partners = list(partners[pk].values())
    return pages


def _addresses(pages, request) -> dict[int, str]:
    """Each page's address. Siblings differ only by their last segment, so Wagtail's
    (costly) address of one page per parent gives its siblings'."""
    prefixes: dict[str, str | None] = {}
    urls = {}
    for page in pages:
        parent_path, _, segment = page.url_path.rstrip("/").rpartition("/")
        if parent_path not in prefixes:
            url = page.get_url(request) or ""
            suffix = f"{segment}/"
            prefixes[parent_path] = url[: -len(suffix)] if url.endswith(suffix) else None
            urls[page.pk] = url
        elif prefixes[parent_path] is None:
            urls[page.pk] = page.get_url(request)
        else:
            urls[page.pk] = f"{prefixes[parent_path]}{segment}/"
    return urls


def cards(hits: list[Hit], *, moment: datetime | None = None, request=None) -> list[Card]:
    """The cards of ``hits`` (one page of results), in the same order."""
    moment = moment or timezone.now()
    ids = [hit.maison_id for hit in hits]
    pages = _pages(ids)
    urls = _addresses(pages.values(), request)
    found = []
    for hit in hits:
        page = pages[hit.maison_id]
        stop = next((s for s in page.stop_rows() if s.pk == hit.stop_id), None)
        next_passage = None
        if stop is not None:
            passages = page.occurrences_of([stop], after=moment, until=moment + PASSAGE_HORIZON)
            next_passage = passages[0][0] if passages else None
        found.append(
            Card(
                page=page,
                url=urls[page.pk],
                distance_km=hit.distance_km,
                status=page.status_at(moment),
                stop=stop,
                next_passage=next_passage,
                local_partners=page.local_partners,
            )
        )
    return found
