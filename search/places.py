"""A search that names a place ("Lodève", "34700"): the France Services near it, on top
of the results, with the way to the directory search."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.http import urlencode

from directory.maisons.nearby import Card, cards, find_nearest
from directory.maisons.selectors import directory_url
from directory.models import MaisonPage
from directory.territories.geocoding import CommuneTableGeocoder, Place

NEARBY_COUNT = 3
MAX_PLACE_WORDS = 5


@dataclass
class PlaceBlock:
    places: list[Place]
    search_url: str
    # The nearest maisons, when the place is one commune (namesakes: a choice instead).
    cards: list[Card] = field(default_factory=list)

    @property
    def place(self) -> Place | None:
        return self.places[0] if len(self.places) == 1 else None


def place_block(query: str, *, request) -> PlaceBlock | None:
    """The block when the whole query is a commune or a postcode, else None."""
    if not query or len(query.split()) > MAX_PLACE_WORDS:
        return None
    # The whole query must name the commune: "carte" is not "Cartelègue".
    places = CommuneTableGeocoder().locate(query, by_prefix=False)
    base = directory_url(request) if places else None
    if base is None:
        return None
    block = PlaceBlock(places, f"{base}?{urlencode({'q': query})}")
    if block.place is not None:
        hits = find_nearest(
            MaisonPage.objects.live(),
            latitude=block.place.latitude,
            longitude=block.place.longitude,
            count=NEARBY_COUNT,
        )
        block.cards = cards(hits, request=request, directory_url=base)
    return block
