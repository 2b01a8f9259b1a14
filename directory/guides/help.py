"""A guide's "Get help near you": once the visitor gave a place, the few nearest maisons
where the guide's partner is present or holds a permanence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.http import urlencode

from directory.guides.models import GuidePage
from directory.maisons.filters import PlaceForm
from directory.maisons.finder import locate, place_params
from directory.maisons.models import MaisonPage, PartnerPresence
from directory.maisons.nearby import Card, cards, find_nearest
from directory.maisons.selectors import directory_url
from directory.partners.models import Partner
from directory.territories.geocoding import Place

HELP_COUNT = 3
PLACE_PARAMS = ("q", "commune", "lat", "lon")


@dataclass
class GuideHelp:
    form: PlaceForm
    # The local partners that narrow the search (none: every maison can help).
    local_partners: list[Partner] = field(default_factory=list)
    place: Place | None = None
    # Several communes answer the query: each with the query string that chooses it.
    choices: list[tuple[Place, str]] = field(default_factory=list)
    not_found: bool = False
    cards: list[Card] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        """Why the place given could not be read (its hidden fields included)."""
        if not self.form.is_bound:
            return []
        return [message for messages in self.form.errors.values() for message in messages]

    @property
    def directory_params(self) -> str:
        """The directory search of the same place, for the guide's partner."""
        params = place_params(self.place) if self.place is not None else {}
        if self.local_partners:
            params["partner"] = self.local_partners[0].slug
        return urlencode(params)


def maisons_for_partners(partners: list[Partner]) -> QuerySet[MaisonPage]:
    """Live maisons where one of the local ``partners`` is present (national partners
    are present everywhere: with none local, every live maison)."""
    maisons = MaisonPage.objects.live()
    local_slugs = [partner.slug for partner in partners if not partner.national]
    if not local_slugs:
        return maisons
    present = PartnerPresence.objects.filter(maison=OuterRef("pk"), partner__slug__in=local_slugs)
    return maisons.filter(Exists(present))


def guide_help(
    guide: GuidePage, params: QueryDict, *, request=None, moment: datetime | None = None
) -> GuideHelp:
    partners = list(guide.partners.all())
    found = GuideHelp(
        form=PlaceForm(params),
        local_partners=[partner for partner in partners if not partner.national],
    )
    if not any(params.get(name) for name in PLACE_PARAMS) or not found.form.is_valid():
        return found
    if not found.form.has_place:  # only spaces
        return found
    found.place, namesakes = locate(found.form.cleaned_data)
    if found.place is None:
        found.not_found = not namesakes
        found.choices = [(place, urlencode(place_params(place))) for place in namesakes]
        return found
    hits = find_nearest(
        maisons_for_partners(partners),
        latitude=found.place.latitude,
        longitude=found.place.longitude,
        count=HELP_COUNT,
    )
    found.cards = cards(
        hits,
        moment=moment or timezone.now(),
        request=request,
        directory_url=directory_url(request),
    )
    return found
