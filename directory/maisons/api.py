"""The public, read-only JSON API of the directory (``/api/v1/``, OpenAPI at ``/docs``).

Open to any origin for GET, cacheable for a minute, rate limited per client address (the
address read behind ``NUM_PROXIES`` trusted proxies). The OpenAPI document declares every
answer an operation gives: 200, 400 (unreadable parameters), 404 (a maison that is not
published), 429 (over the rate limit), each with its body.
"""

from __future__ import annotations

from datetime import datetime
from functools import wraps
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import patch_cache_control
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.decorators import decorate_view
from ninja.errors import HttpError, ValidationError
from ninja.throttling import AnonRateThrottle

from directory.maisons.filters import MaisonFilter, national_partner_slugs
from directory.maisons.models import MaisonPage
from directory.maisons.nearby import DEFAULT_RADIUS_KM, Card, Hit, cards, find_nearby
from directory.maisons.selectors import maison_details
from directory.territories.geocoding import (
    MAX_QUERY_LENGTH,
    CommuneTableGeocoder,
    Place,
    get_geocoder,
    place_of,
)
from portal.fields import MAX_DB_INTEGER
from portal.locales import active_locale
from portal.public_urls import public_url

CACHE_SECONDS = 60
MAX_RADIUS_KM = 200
MAX_LIMIT = 100

api = NinjaAPI(
    title="France Services",
    version="1",
    description=(
        "Read-only data of the France Services directory: maisons near a place, their "
        "hours, partners, permanences and stops, and a commune autocomplete. Licence "
        "Ouverte 2.0."
    ),
    urls_namespace="api-v1",
    throttle=[AnonRateThrottle(f"{settings.API_RATE_LIMIT_PER_MINUTE}/m")],
)


@api.exception_handler(ValidationError)
def bad_parameters(request, error):
    """Unreadable parameters are the client's fault: 400, with what was wrong."""
    return api.create_response(request, {"detail": error.errors}, status=400)


def public_read(view):
    """Any origin may read; successful answers may be cached for a minute."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        return response

    return wrapper


class Problem(Schema):
    detail: str = Field(description="What was wrong, in English")


class ParameterProblem(Schema):
    type: str = Field(description="The kind of problem, e.g. greater_than_equal")
    loc: list[str | int] = Field(description="Where: query or path, then the parameter's name")
    msg: str = Field(description="What was wrong, in English")
    ctx: dict[str, Any] | None = Field(None, description="The limit that was not kept")


class BadRequest(Schema):
    detail: str | list[ParameterProblem] = Field(
        description="A sentence, or one item per parameter that could not be read"
    )


RETRY_AFTER = {
    "headers": {
        "Retry-After": {
            "description": "Seconds to wait before the next request",
            "schema": {"type": "integer"},
        }
    }
}
# The answers of every operation but a maison's (which adds 404), after the 200's body.
ERRORS = {400: BadRequest, 429: Problem}
ERRORS_EXTRA = {"responses": {429: RETRY_AFTER}}


class StopOut(Schema):
    place: str
    commune: str
    insee_com: str
    lat: float | None
    lon: float | None
    next_passage: datetime | None = None


class MaisonOut(Schema):
    id: int
    source_id: str
    name: str
    url: str
    kind: str
    format: str
    address: str
    postcode: str
    commune: str
    insee_com: str
    department: str | None
    lat: float | None
    lon: float | None
    distance_km: float | None
    open_now: bool | None = Field(
        description="Whether it is open at the time of the request; null when it publishes "
        "no hours"
    )
    next_opening: datetime | None
    opening_hours: str = Field(
        description="Weekly hours, OpenStreetMap opening_hours syntax; empty when it "
        "publishes no hours"
    )
    partners: list[str] = Field(description="Slugs of the partners present")
    nearest_stop: StopOut | None = Field(None, description="For a bus: its nearest stop")


class MaisonList(Schema):
    count: int
    results: list[MaisonOut]


class IntervalOut(Schema):
    weekday: int = Field(description="0 = Monday")
    opens: str
    closes: str


class ClosureOut(Schema):
    start: str
    end: str
    reason: str


class PermanenceOut(Schema):
    partner: str
    partner_name: str
    mode: str
    notes: str
    starts: datetime
    ends: datetime


class MaisonDetail(MaisonOut):
    address_complement: str
    phone: str
    email: str
    website: str
    booking: bool
    booking_url: str
    hours: list[IntervalOut]
    closures: list[ClosureOut]
    permanences: list[PermanenceOut] = Field(description="The next 28 days")
    stops: list[StopOut] = Field(description="Passages of the next 28 days")


class CommuneOut(Schema):
    insee: str
    name: str
    label: str
    postcodes: list[str]
    department: str | None
    department_name: str | None
    lat: float | None
    lon: float | None


class CommuneList(Schema):
    count: int
    results: list[CommuneOut]


class MaisonQuery(Schema):
    near: str | None = Field(None, description="LAT,LON in WGS 84 degrees")
    commune: str | None = Field(
        None, max_length=MAX_QUERY_LENGTH, description="INSEE code, postcode or name"
    )
    radius_km: float = Field(DEFAULT_RADIUS_KM, gt=0, le=MAX_RADIUS_KM)
    partner: str | None = Field(None, description="Partner slug")
    open_now: bool = False
    saturday: bool = False
    itinerant: str = Field("include", pattern="^(include|exclude|only)$")
    booking: bool = False
    accessible: bool = False
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_DB_INTEGER)


def _point(near: str) -> Place:
    try:
        latitude, longitude = (float(part) for part in near.split(","))
    except ValueError:
        raise HttpError(400, "near must be LAT,LON, e.g. near=43.73,3.32") from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise HttpError(400, "near is outside the range of latitudes and longitudes")
    return Place(label="", latitude=latitude, longitude=longitude)


def _commune(value: str) -> Place:
    table = CommuneTableGeocoder()
    place = table.by_insee(value) if len(value.strip()) == 5 else None
    places = [place] if place else get_geocoder().locate(value)
    if not places:
        raise HttpError(400, f"No commune matches {value!r}")
    if len(places) > 1:
        labels = ", ".join(place.label for place in places)
        raise HttpError(400, f"Several communes match {value!r}: {labels}")
    return places[0]


def _maisons(query: MaisonQuery) -> QuerySet:
    """Live maisons, filtered as on the site (the filter set is built only when asked)."""
    data = QueryDict(mutable=True)
    for name in ("partner", "open_now", "saturday", "itinerant", "booking", "accessible"):
        value = getattr(query, name)
        if value not in (None, False, "include"):
            data[name] = "true" if value is True else value
    if not data:
        return MaisonPage.objects.live()
    filters = MaisonFilter(data, queryset=MaisonPage.objects.live())
    if not filters.is_valid():
        detail = "; ".join(
            f"{name}: {' '.join(errors)}" for name, errors in filters.errors.items()
        )
        raise HttpError(400, detail)
    return filters.qs


def _stop(stop, next_passage=None) -> dict:
    return {
        "place": stop.place,
        "commune": stop.commune_name,
        "insee_com": stop.insee_commune,
        "lat": stop.latitude,
        "lon": stop.longitude,
        "next_passage": next_passage,
    }


def _maison(card: Card, request: HttpRequest, national_partners: set[str]) -> dict:
    maison = card.maison
    status = card.status
    local_partners = {partner.slug for partner in maison.local_partners}
    return {
        "id": maison.pk,
        "source_id": maison.source_id,
        "name": maison.title,
        "url": public_url(card.url),
        "kind": maison.kind,
        "format": maison.format,
        "address": maison.address,
        "postcode": maison.postcode,
        "commune": maison.commune_name,
        "insee_com": maison.insee_commune,
        "department": maison.department_code,
        "lat": maison.latitude,
        "lon": maison.longitude,
        "distance_km": None if card.distance_km is None else round(card.distance_km, 3),
        "open_now": status.is_open if status.hours_published else None,
        "next_opening": None if status.is_open else status.next_opening,
        "opening_hours": maison.opening_hours_osm,
        "partners": sorted(national_partners | local_partners),
        "nearest_stop": _stop(card.stop, card.next_passage) if card.stop else None,
    }


@api.get(
    "/maisons/",
    response={200: MaisonList, **ERRORS},
    url_name="maisons",
    tags=["maisons"],
    openapi_extra=ERRORS_EXTRA,
)
@decorate_view(public_read)
def list_maisons(request: HttpRequest, query: Query[MaisonQuery]):
    """Maisons nearest a point (``near``) or a commune (``commune``), nearest first; without
    either, every maison in a stable order. Filters as on the site."""
    moment = timezone.now()
    maisons = _maisons(query)
    if query.near and query.commune:
        raise HttpError(400, "Give near or commune, not both")
    place = _point(query.near) if query.near else None
    if query.commune:
        place = _commune(query.commune)
    if place is None:
        if query.open_now:
            raise HttpError(400, "open_now needs near or commune")
        maisons = maisons.order_by("pk")
        ids = list(maisons.values_list("pk", "format")[query.offset : query.offset + query.limit])
        hits = [Hit(pk, None, format) for pk, format in ids]
        return {"count": maisons.count(), "results": _results(hits, moment, request)}
    nearby = find_nearby(
        maisons,
        latitude=place.latitude,
        longitude=place.longitude,
        radius_km=query.radius_km,
        open_now=query.open_now,
        moment=moment,
        beyond=False,
    )
    selected = nearby.hits[query.offset : query.offset + query.limit]
    return {"count": len(nearby.hits), "results": _results(selected, moment, request)}


def _results(hits: list[Hit], moment: datetime, request: HttpRequest) -> list[dict]:
    national_partners = national_partner_slugs()
    return [
        _maison(card, request, national_partners)
        for card in cards(hits, moment=moment, request=request)
    ]


@api.get(
    "/maisons/{maison_id}",
    response={200: MaisonDetail, 404: Problem, **ERRORS},
    url_name="maison",
    tags=["maisons"],
    openapi_extra=ERRORS_EXTRA,
)
@decorate_view(public_read)
def maison_detail(request: HttpRequest, maison_id: int = Path(..., ge=1, le=MAX_DB_INTEGER)):
    """One maison: its hours, closures, and the permanences and stops of the next 28 days."""
    moment = timezone.now()
    page = get_object_or_404(MaisonPage.objects.live().select_related("department"), pk=maison_id)
    card = cards([Hit(maison_id, None, "")], moment=moment, request=request)[0]
    details = maison_details(page, locale=active_locale(request), moment=moment)
    return {
        **_maison(card, request, national_partner_slugs()),
        "address_complement": page.address_complement,
        "phone": page.phone,
        "email": page.email,
        "website": page.website,
        "booking": page.booking,
        "booking_url": page.booking_url,
        "hours": [
            {
                "weekday": interval.weekday,
                "opens": interval.opens.strftime("%H:%M"),
                "closes": interval.closes.strftime("%H:%M"),
            }
            for interval in card.maison.schedule.intervals
        ],
        "closures": [
            {"start": c.start_date.isoformat(), "end": c.end_date.isoformat(), "reason": c.reason}
            for c in details.closures
        ],
        "permanences": [
            {
                "partner": item.item.partner.slug,
                "partner_name": item.item.partner.name,
                "mode": item.item.mode,
                "notes": item.item.notes,
                "starts": item.starts,
                "ends": item.ends,
            }
            for item in details.presences
        ],
        "stops": [_stop(item.item, item.starts) for item in details.stops],
    }


def _commune_out(commune, postcodes: list[str]) -> dict:
    place = place_of(commune)
    return {
        "insee": commune.insee,
        "name": commune.name_with_article,
        "label": place.label,
        "postcodes": postcodes,
        "department": place.department_code or None,
        "department_name": place.department_name or None,
        "lat": commune.latitude,
        "lon": commune.longitude,
    }


@api.get(
    "/communes/",
    response={200: CommuneList, **ERRORS},
    url_name="communes",
    tags=["communes"],
    openapi_extra=ERRORS_EXTRA,
)
@decorate_view(public_read)
def communes(
    request: HttpRequest,
    q: str = Query(..., min_length=1, max_length=MAX_QUERY_LENGTH),
    limit: int = Query(8, ge=1, le=20),
):
    """Communes whose name (or postcode, for digits) starts with ``q``, for autocompletes."""
    found = CommuneTableGeocoder().suggest(q, limit=limit)
    return {
        "count": len(found),
        "results": [_commune_out(commune, postcodes) for commune, postcodes in found],
    }
