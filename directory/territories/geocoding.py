"""Where is a place? Commune names, postcodes and addresses turned into points.

Two geocoders share one interface (``locate``): the offline commune table, always there,
and the national address API (Géoplateforme), chosen with ``DIRECTORY_GEOCODER``. The
online one has a timeout and falls back to the commune table, so a slow or broken service
never breaks the search.
"""

from __future__ import annotations

import http.client
import json
import logging
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.db import connection
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When, prefetch_related_objects
from django.db.models.functions import Length

from directory.territories.geography import place_key, typo_distance
from directory.territories.models import Commune

logger = logging.getLogger(__name__)

POSTCODE = re.compile(r"^\d{5}$")
_POSTCODE_IN_TEXT = re.compile(r"\b(\d{5})\b")
MAX_QUERY_LENGTH = 200
SCORE_MARGIN = 0.1
READ_CHUNK = 16 * 1024
SIMILAR_COUNT = 5  # "did you mean": so many communes at most
# Typos looked at, at most: the candidates share the start or the end of the name typed.
MAX_TYPO_CANDIDATES = 2000
# Requests to the address API run here, so that a request's wait is bounded.
_ASKING = ThreadPoolExecutor(max_workers=4, thread_name_prefix="address-api")


@dataclass(frozen=True)
class Place:
    label: str
    latitude: float
    longitude: float
    insee: str = ""
    postcode: str = ""
    department_code: str = ""
    department_name: str = ""


class Geocoder(Protocol):
    def locate(self, query: str, *, limit: int = 10) -> list[Place]:
        """Places matching ``query``, best first: none, one, or several to choose from."""


def place_of(commune: Commune, postcode: str = "") -> Place:
    department = commune.department
    return Place(
        label=f"{commune.name_with_article} ({department.code})"
        if department
        else commune.name_with_article,
        latitude=commune.latitude,
        longitude=commune.longitude,
        insee=commune.insee,
        postcode=postcode,
        department_code=department.code if department else "",
        department_name=department.name if department else "",
    )


def _communes():
    """Communes with a point; delegated communes only where no commune has the name."""
    return (
        Commune.objects.filter(latitude__isnull=False, longitude__isnull=False)
        .select_related("department")
        .annotate(
            delegated=Case(
                When(kind=Commune.Kind.DELEGATED, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("delegated", "-population", "insee")
    )


class CommuneTableGeocoder:
    """The offline commune table: names (exact, then prefix) and postcodes."""

    def locate(self, query: str, *, limit: int = 10, by_prefix: bool = True) -> list[Place]:
        """Communes named ``query`` or, with ``by_prefix`` when none is, those whose name
        starts with it; a postcode's most populous commune."""
        query = query.strip()[:MAX_QUERY_LENGTH]
        if POSTCODE.match(query):
            return self._by_postcode(query)
        postcode_match = _POSTCODE_IN_TEXT.search(query)
        key = place_key(_POSTCODE_IN_TEXT.sub(" ", query))
        if not key:
            return self._by_postcode(postcode_match.group(1)) if postcode_match else []
        communes = _communes()
        if postcode_match:
            communes = communes.filter(postcodes__postcode=postcode_match.group(1))
        exact = list(communes.filter(search_name=key)[:limit])
        if not any(commune.kind != Commune.Kind.DELEGATED for commune in exact):
            if by_prefix and not exact:
                exact = list(communes.filter(_starting("search_name", key))[:limit])
        else:
            exact = [commune for commune in exact if commune.kind != Commune.Kind.DELEGATED]
        return [place_of(commune) for commune in _distinct(exact)]

    def by_insee(self, insee: str) -> Place | None:
        commune = _communes().filter(insee=insee.strip().upper()).first()
        return place_of(commune) if commune else None

    def _by_postcode(self, postcode: str) -> list[Place]:
        """A postcode is one place: its most populous commune."""
        commune = _communes().filter(postcodes__postcode=postcode).first()
        if commune is None:
            return []
        place = place_of(commune, postcode)
        label = f"{postcode} {commune.name_with_article}"
        return [Place(**{**place.__dict__, "label": label})]

    def suggest(self, query: str, *, limit: int = 8) -> list[tuple[Commune, list[str]]]:
        """Communes for an autocomplete: by postcode prefix when digits; else by name, the
        exact name first, then names starting with it, then, while the list is not full,
        names a typo or two away ("Montpelier"), each group by population."""
        query = query.strip()[:MAX_QUERY_LENGTH]
        communes = _suggested()
        if query.isdigit():
            found = list(
                communes.filter(_starting("postcodes__postcode", query[:5])).distinct()[:limit]
            )
        else:
            key = place_key(query)
            if not key:
                return []
            prefixed = communes.filter(_starting("search_name", key)).annotate(
                exact=Case(
                    When(search_name=key, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            found = list(prefixed.order_by("exact", "-population", "insee")[:limit])
            if len(found) < limit:
                found += _similar(
                    communes, key, limit=limit - len(found), leaving_out=[c.pk for c in found]
                )
        prefetch_related_objects(found, "postcodes")
        return [
            (commune, sorted({row.postcode for row in commune.postcodes.all()}))
            for commune in found
        ]

    def similar(self, query: str, *, limit: int = SIMILAR_COUNT) -> list[Place]:
        """Communes whose name is a typo or two away from the one typed ("Marseile",
        "Sant-Etienne"), nearest first and then most populous: what the visitor probably
        meant, when no commune has that name. A postcode in the query must serve them."""
        query = query.strip()[:MAX_QUERY_LENGTH]
        postcode_match = _POSTCODE_IN_TEXT.search(query)
        key = place_key(_POSTCODE_IN_TEXT.sub(" ", query))
        communes = _suggested()
        if postcode_match:
            communes = communes.filter(postcodes__postcode=postcode_match.group(1))
        return [place_of(commune) for commune in _similar(communes, key, limit=limit)]


def _starting(field: str, prefix: str) -> Q:
    """Search keys (``place_key``: ASCII letters, digits and spaces) starting with
    ``prefix``. SQLite's LIKE reads every row (it ignores case, its index does not): a range
    of the key's bytes reads the index instead. PostgreSQL reads LIKE through the pattern
    index Django adds to an indexed text field, whatever the database's collation."""
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__gte": prefix, f"{field}__lt": f"{prefix}~"})
    return Q(**{f"{field}__startswith": prefix})


def _suggested() -> QuerySet[Commune]:
    """What suggestions offer: communes and arrondissements, not delegated communes."""
    return _communes().filter(kind__in=[Commune.Kind.COMMUNE, Commune.Kind.ARRONDISSEMENT])


def max_typos(key: str) -> int:
    """How many typos a name typed may hold: none in three letters or fewer (too many
    names are that close), one up to eight letters, two beyond."""
    if len(key) < 4:
        return 0
    return 1 if len(key) <= 8 else 2


# A tenth of the communes start with one of these words: the half of a name that follows
# it tells them apart (see ``_split``).
_COMMON_FIRST_WORDS = ("saint ", "sainte ")


def _split(key: str) -> int:
    """Where ``key`` is cut in two: the middle, or the middle of what follows "saint "."""
    start = next((len(word) for word in _COMMON_FIRST_WORDS if key.startswith(word)), 0)
    return start + (len(key) - start) // 2


def _similar(
    communes: QuerySet[Commune], key: str, *, limit: int, leaving_out: Sequence[int] = ()
) -> list[Commune]:
    """The ``communes`` named at most ``max_typos(key)`` typos away from ``key``, fewest
    typos first, then most populous.

    Cut in two, the name typed has its typos in one part or in the other: then the other is
    right, and the commune's name starts as ``key`` starts or ends as it ends. So the
    candidates are the names of about the same length with either the same start or the
    same end (two indexed lookups, on ``search_name`` and ``reversed_search_name``: a few
    hundred names at most), each then measured. Two typos, one in each part, are missed.
    """
    typos = max_typos(key)
    if not typos or limit < 1:
        return []
    cut = _split(key)
    candidates = (
        communes.order_by()
        .annotate(key_length=Length("search_name"))
        .filter(key_length__gte=len(key) - typos, key_length__lte=len(key) + typos)
        .filter(
            _starting("search_name", key[:cut])
            | _starting("reversed_search_name", key[cut:][::-1])
        )
        .exclude(pk__in=leaving_out)
        .values_list("pk", "search_name", "population")[:MAX_TYPO_CANDIDATES]
    )
    scored = sorted(
        (distance, -(population or 0), pk)
        for pk, name, population in candidates
        if (distance := typo_distance(key, name, typos)) <= typos
    )
    chosen = [pk for _distance, _population, pk in scored[:limit]]
    found = communes.in_bulk(chosen)
    return [found[pk] for pk in chosen]


def _distinct(communes: list[Commune]) -> list[Commune]:
    seen, kept = set(), []
    for commune in communes:
        if commune.insee not in seen:
            seen.add(commune.insee)
            kept.append(commune)
    return kept


class AddressApiGeocoder:
    """The national address API (``/search?q=``, GeoJSON answers), with a fallback."""

    def __init__(self, url: str, *, timeout: float, fallback: CommuneTableGeocoder):
        self.url = url
        self.timeout = timeout
        self.fallback = fallback

    def locate(self, query: str, *, limit: int = 10) -> list[Place]:
        query = query.strip()[:MAX_QUERY_LENGTH]
        if len(query) < 3:
            return self.fallback.locate(query, limit=limit)
        # The timeout bounds the whole exchange: a server that trickles its answer is
        # abandoned (its thread stops at its own deadline) and the table answers.
        future = _ASKING.submit(self._ask, query, limit, time.monotonic() + self.timeout)
        try:
            places = future.result(timeout=self.timeout)
        except (
            OSError,  # refused, unreachable, HTTP error statuses
            TimeoutError,
            http.client.HTTPException,  # an answer cut short or not HTTP at all
            ValueError,  # not JSON
            KeyError,
            TypeError,
            IndexError,  # JSON of another shape
        ) as error:
            logger.warning("Address API failed for %r (%r); using the commune table", query, error)
            return self.fallback.locate(query, limit=limit)
        return places or self.fallback.locate(query, limit=limit)

    def _ask(self, query: str, limit: int, deadline: float) -> list[Place]:
        address = f"{self.url}?{urllib.parse.urlencode({'q': query, 'limit': limit})}"
        request = urllib.request.Request(address, headers={"Accept": "application/json"})  # noqa: S310
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
            body = bytearray()
            while chunk := response.read1(READ_CHUNK):
                if time.monotonic() > deadline:
                    raise TimeoutError("the address API answers too slowly")
                body += chunk
            answer = json.loads(body)
        features = answer["features"]
        if not features:
            return []
        # Keep the best answer, and the others only when they are about as good (namesakes).
        best_score = features[0]["properties"].get("score", 1)
        places = []
        for feature in features:
            if feature["properties"].get("score", 1) < best_score - SCORE_MARGIN:
                continue
            properties = feature["properties"]
            longitude, latitude = feature["geometry"]["coordinates"][:2]
            context = [part.strip() for part in properties.get("context", "").split(",")]
            places.append(
                Place(
                    label=properties["label"],
                    latitude=float(latitude),
                    longitude=float(longitude),
                    insee=properties.get("citycode", ""),
                    postcode=properties.get("postcode", ""),
                    department_code=context[0] if context else "",
                    department_name=context[1] if len(context) > 1 else "",
                )
            )
        return places


def get_geocoder() -> Geocoder:
    table = CommuneTableGeocoder()
    if settings.DIRECTORY_GEOCODER == "address-api":
        return AddressApiGeocoder(
            settings.DIRECTORY_ADDRESS_API_URL,
            timeout=settings.DIRECTORY_GEOCODER_TIMEOUT_MS / 1000,
            fallback=table,
        )
    return table
