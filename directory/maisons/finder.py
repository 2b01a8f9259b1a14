"""The maison search of ``/maisons/`` and ``/maisons/embed/``: from a query string to
results, for the page views to render."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.maisons.filters import MaisonFilter, PlaceForm
from directory.maisons.models import MaisonPage
from directory.maisons.nearby import Card, MapPoint, Nearby, cards, find_nearby, map_points
from directory.territories.geocoding import CommuneTableGeocoder, Place, get_geocoder

RESULTS_PER_PAGE = 10
CHECKBOX_FILTERS = ("open_now", "saturday", "accessible", "booking")
FILTER_PARAMS = ("partner", "itinerant", "services", *CHECKBOX_FILTERS)


def _filters_key(data: dict) -> str:
    values = [data.get("partner") or "", data.get("itinerant") or "include"]
    values += sorted(data.get("services") or [])
    values += [name for name in CHECKBOX_FILTERS if data.get(name)]
    return "|".join(values)


@dataclass
class MaisonSearch:
    params: QueryDict
    place_form: PlaceForm
    place: Place | None = None
    # Several places answer the query: the visitor chooses.
    choices: list[Place] = field(default_factory=list)
    not_found: bool = False
    # None answers it, but these communes are named a typo or two away ("did you mean").
    similar: list[Place] = field(default_factory=list)
    nearby: Nearby | None = None
    page: Page | None = None
    cards: list[Card] = field(default_factory=list)
    map_points: list[MapPoint] = field(default_factory=list)
    map_url: str = ""  # where the map script loads the search's map data

    @cached_property
    def filters(self) -> MaisonFilter:
        return MaisonFilter(self.params, queryset=MaisonPage.objects.live())

    @property
    def filtered(self) -> bool:
        """Whether the query string sets a filter: most searches set none, and then the
        filter set is never built (the filters' part of the form comes from the cache)."""
        return any(value for name in FILTER_PARAMS for value in self.params.getlist(name))

    @property
    def is_valid(self) -> bool:
        return not self.place_form.errors and not (self.filtered and self.filters.form.errors)

    @property
    def filters_key(self) -> str | None:
        """The filters' values, when they are all valid: the filters' part of the form
        shows nothing else (``None`` when it must show errors)."""
        if not self.filtered:
            return _filters_key({})
        if not self.filters.is_valid():
            return None
        return _filters_key(self.filters.form.cleaned_data)

    @property
    def checkbox_fields(self) -> list:
        return [self.filters.form[name] for name in CHECKBOX_FILTERS]

    @property
    def open_now(self) -> bool:
        if not self.filtered or not self.is_valid:
            return False
        return bool(self.filters.form.cleaned_data.get("open_now"))

    def choice_links(self) -> list[tuple[Place, str]]:
        """Each namesake with the query string that searches around it, filters kept."""
        return self._links(self.choices)

    def similar_links(self) -> list[tuple[Place, str]]:
        """Each commune of ``similar`` with the query string that searches around it."""
        return self._links(self.similar)

    def _links(self, places: list[Place]) -> list[tuple[Place, str]]:
        links = []
        for place in places:
            params = self.params.copy()
            for name in ("q", "commune", "lat", "lon", "page"):
                params.pop(name, None)
            for name, value in place_params(place).items():
                params[name] = value
            links.append((place, params.urlencode()))
        return links

    def without_open_now(self) -> str:
        params = self.params.copy()
        params.pop("open_now", None)
        params.pop("page", None)
        return params.urlencode()

    def map_query(self) -> str:
        """The query string of the map's data: the search's, without the page."""
        params = self.params.copy()
        params.pop("page", None)
        return params.urlencode()

    def map_data(self) -> dict:
        """What the map script draws (a search made ``with_map``): every result of the
        search, not only a page's, each numbered like its line in the list."""
        origin = None
        if self.place:
            origin = {
                "lat": self.place.latitude,
                "lon": self.place.longitude,
                "label": self.place.label,
            }
        return {
            "origin": origin,
            "radius_km": self.nearby.radius_km if self.nearby else None,
            "maisons": [_map_point(point) for point in self.map_points],
        }


def status_text(status) -> str:
    """The map popup's short status of a maison."""
    if not status.hours_published:
        return _("Hours not published, call before coming")
    return _("Open now") if status.is_open else _("Closed")


def _map_point(point: MapPoint) -> dict:
    status = point.status
    data = {
        "id": point.maison_id,
        "number": point.number,
        "name": point.name,
        "url": point.url,
        "lat": point.latitude,
        "lon": point.longitude,
        "distance_km": None if point.distance_km is None else round(point.distance_km, 1),
        "state": ("open" if status.is_open else "closed") if status.hours_published else "unknown",
        "status": status_text(status),
    }
    if point.stop:
        data["stop"] = point.stop
    return data


def place_params(place: Place) -> dict[str, str]:
    """The query parameters that search around ``place`` again, without geocoding."""
    if place.insee and not place.postcode:
        return {"q": place.label, "commune": place.insee}
    return {"q": place.label, "lat": str(place.latitude), "lon": str(place.longitude)}


def locate(place_data: dict) -> tuple[Place | None, list[Place]]:
    """The place of a valid ``PlaceForm``: (place, []) or (None, namesakes) or (None, [])."""
    if place_data.get("lat") is not None:
        label = place_data.get("q") or _("your position")
        return Place(label=label, latitude=place_data["lat"], longitude=place_data["lon"]), []
    if place_data.get("commune"):
        return CommuneTableGeocoder().by_insee(place_data["commune"]), []
    places = get_geocoder().locate(place_data["q"])
    if len(places) == 1:
        return places[0], []
    return None, places


def search_maisons(
    params: QueryDict,
    *,
    request=None,
    directory_url: str | None = None,
    moment: datetime | None = None,
    per_page: int | None = None,
    with_map: bool = False,
) -> MaisonSearch:
    """One page of results as cards or, ``with_map``, every result as a map point instead
    (what the map script loads apart: a page's cost does not grow with its results).
    ``directory_url``: the directory the results lead through (``nearby.cards``)."""
    moment = moment or timezone.now()
    search = MaisonSearch(params=params, place_form=PlaceForm(params))
    if not search.is_valid:
        return search
    if not search.place_form.has_place:
        return search
    place_data = search.place_form.cleaned_data
    search.place, search.choices = locate(place_data)
    if search.place is None:
        search.not_found = not search.choices
        if search.not_found and place_data.get("q") and not place_data.get("commune"):
            search.similar = CommuneTableGeocoder().similar(place_data["q"])
        return search
    search.nearby = find_nearby(
        search.filters.qs if search.filtered else MaisonPage.objects.live(),
        latitude=search.place.latitude,
        longitude=search.place.longitude,
        radius_km=search.place_form.cleaned_data["radius"],
        open_now=search.open_now,
        moment=moment,
    )
    if with_map:
        search.map_points = map_points(search.nearby.hits, moment=moment, request=request)
        return search
    paginator = Paginator(search.nearby.hits, per_page or RESULTS_PER_PAGE)
    search.page = paginator.get_page(params.get("page"))
    search.cards = cards(
        search.page.object_list, moment=moment, request=request, directory_url=directory_url
    )
    return search
