"""Open-data exports of the directory: the official CSV layout, GeoJSON and data·inclusion.

Each export is built from the live, public maisons of the default language in a few
queries (not one per maison), and cached under the site-wide content version
(``portal.content_version``): a publish, unpublish or deletion makes it stale at once.

The CSV is the inverse of the import (``importers.parse_france_services`` then
``services.import_maisons``): re-importing it changes nothing.
"""

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.text import Truncator
from wagtail.models import Locale

from directory.importers import CSV_COLUMNS
from directory.maisons.hours import Interval, WeeklySchedule
from directory.maisons.models import DirectoryIndexPage, MaisonPage, OpeningInterval
from directory.maisons.services import DAY_NAMES
from portal.content_version import content_version
from portal.public_urls import page_public_url

CACHE_SECONDS = 24 * 3600
# Not one of the 24 official columns: the newer releases' website column, read by the import.
CSV_HEADER = (*CSV_COLUMNS, "site_web")
CSV_KINDS = {MaisonPage.Kind.PRINCIPAL: "Principal", MaisonPage.Kind.ANTENNA: "Antenne"}
CSV_FORMATS = {
    MaisonPage.Format.FIXED: "Fixe",
    MaisonPage.Format.MULTISITE: "Multisites",
    MaisonPage.Format.BUS: "Bus_équivalent",
    MaisonPage.Format.FIXED_WITH_ANTENNAS: "Fixe_antenne(s)",
    MaisonPage.Format.ITINERANT: "Itinérante",
}
# data·inclusion schema v1 (``Structure``, package data-inclusion-schema 1.x): the producer,
# the network carrying each structure (``ReseauPorteur``), the bounds of two fields.
DATA_INCLUSION_SOURCE = "reseau-france-services"
DATA_INCLUSION_NETWORK = "france-service"
DATA_INCLUSION_NAME_MAX = 150
DATA_INCLUSION_DESCRIPTION_LENGTHS = (5, 10_000)
_POSTCODE = re.compile(r"\d{5}")
_INSEE = re.compile(r"\w{5}")
_WEB_URL = URLValidator(schemes=("http", "https"))

_FIELDS = (
    "id",
    "slug",
    "title",
    "intro",
    "source_id",
    "kind",
    "format",
    "group",
    "principal_id",
    "address",
    "address_complement",
    "postcode",
    "insee_commune",
    "commune_name",
    "department__code",
    "latitude",
    "longitude",
    "phone",
    "email",
    "website",
    "booking",
    "labelled_on",
    "remarks",
    "hours_problems",
    "last_published_at",
)
# How services._parse_hours records a day it could not read: 'lundi « <cell> » : <error>'.
_UNREADABLE_DAY = re.compile(rf"^({'|'.join(DAY_NAMES)}) « (.*?) » : ", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    count: int  # records
    updated: date | None  # last publication of an exported maison


@dataclass(frozen=True)
class Dataset:
    name: str
    filename: str
    content_type: str
    build: Callable[[], ExportFile]


def get_export(name: str) -> ExportFile:
    """The export called ``name`` (a key of ``DATASETS``), from the cache when current."""
    key = f"directory:open-data:{name}:{content_version()}"
    export = cache.get(key)
    if export is None:
        export = DATASETS[name].build()
        cache.set(key, export, CACHE_SECONDS)
    return export


# --- Reading -------------------------------------------------------------------------------


def _maisons() -> list[dict]:
    """Live public maisons of the default language as dicts, with their ``intervals``."""
    pages = MaisonPage.objects.live().public().filter(locale=Locale.get_default())
    maisons = list(pages.order_by("path").values(*_FIELDS))
    intervals: dict[int, list[Interval]] = {}
    rows = (
        OpeningInterval.objects.filter(maison__in=pages.values("pk"))
        .order_by("maison_id", "weekday", "opens", "closes")
        .values_list("maison_id", "weekday", "opens", "closes")
    )
    for maison_id, weekday, opens, closes in rows:
        intervals.setdefault(maison_id, []).append(Interval(weekday, opens, closes))
    for maison in maisons:
        maison["intervals"] = intervals.get(maison["id"], [])
    return maisons


def _updated(maisons: list[dict]) -> date | None:
    moments = [m["last_published_at"] for m in maisons if m["last_published_at"]]
    return timezone.localdate(max(moments)) if moments else None


def _maison_url_prefix() -> str:
    """Absolute URL of the directory index: each maison's URL is this plus its slug."""
    index = DirectoryIndexPage.objects.filter(locale=Locale.get_default()).first()
    return (page_public_url(index) or "") if index else ""


def _opening_hours(maison: dict) -> str | None:
    """OpenStreetMap ``opening_hours``; None when no hours are known (not "off")."""
    if not maison["intervals"]:
        return None
    return WeeklySchedule(tuple(maison["intervals"])).osm_opening_hours()


def _department_code(maison: dict) -> str:
    """The department, else the one of the INSEE code (a maison imported without one)."""
    if maison["department__code"]:
        return maison["department__code"]
    insee = maison["insee_commune"]
    return insee[:3] if insee.startswith("97") else insee[:2]


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


# --- CSV (official layout) -----------------------------------------------------------------


def build_csv() -> ExportFile:
    """The official list's layout; maisons without an open-data id are left out."""
    maisons = [maison for maison in _maisons() if maison["source_id"]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(_csv_row(maison) for maison in _csv_order(maisons))
    return ExportFile(buffer.getvalue().encode(), len(maisons), _updated(maisons))


def _natural(source_id: str) -> tuple:
    return (0, int(source_id), "") if source_id.isdigit() else (1, 0, source_id)


def _csv_order(maisons: list[dict]) -> list[dict]:
    """By id, as the official file, except that the main site antennas are linked to comes
    first among its group's main sites: the import links antennas to the first one."""
    linked = {m["principal_id"] for m in maisons if m["kind"] == MaisonPage.Kind.ANTENNA}
    first_of_group: dict[str, tuple] = {}
    for maison in maisons:
        if maison["kind"] == MaisonPage.Kind.PRINCIPAL and maison["group"]:
            key = _natural(maison["source_id"])
            first_of_group[maison["group"]] = min(first_of_group.get(maison["group"], key), key)

    def position(maison: dict) -> tuple:
        if maison["id"] in linked and maison["group"] in first_of_group:
            return first_of_group[maison["group"]], 0
        return _natural(maison["source_id"]), 1

    return sorted(maisons, key=position)


def _csv_row(maison: dict) -> list:
    labelled_on = maison["labelled_on"]
    return [
        maison["source_id"],
        _department_code(maison),
        maison["title"],
        maison["address"],
        maison["address_complement"],
        maison["insee_commune"],
        maison["postcode"],
        maison["commune_name"],
        "" if maison["latitude"] is None else repr(maison["latitude"]),
        "" if maison["longitude"] is None else repr(maison["longitude"]),
        maison["email"],
        maison["phone"],
        *_day_cells(maison),
        "Oui" if maison["booking"] else "Non",
        maison["remarks"],
        CSV_KINDS[maison["kind"]],
        CSV_FORMATS[maison["format"]],
        maison["group"],
        f"Espace labellisé {labelled_on:%d/%m/%Y}" if labelled_on else "",
        maison["website"],
    ]


def _day_cells(maison: dict) -> list[str]:
    """Monday to Saturday as "09:00 - 12:00 / 13:30 - 17:00". A day without hours whose
    cell the import could not read gets that cell back, so a re-import reports it again."""
    unreadable = {
        DAY_NAMES.index(day): cell
        for day, cell in _UNREADABLE_DAY.findall(maison["hours_problems"])
    }
    days: dict[int, list[str]] = {}
    for interval in maison["intervals"]:
        days.setdefault(interval.weekday, []).append(
            f"{interval.opens:%H:%M} - {interval.closes:%H:%M}"
        )
    return [
        " / ".join(days[weekday]) if weekday in days else unreadable.get(weekday, "")
        for weekday in range(6)
    ]


# --- GeoJSON -------------------------------------------------------------------------------


def build_geojson() -> ExportFile:
    maisons = _maisons()
    prefix = _maison_url_prefix()
    features = [_feature(maison, prefix) for maison in maisons]
    document = {"type": "FeatureCollection", "features": features}
    return ExportFile(_json(document), len(features), _updated(maisons))


def _feature(maison: dict, prefix: str) -> dict:
    point = None
    if maison["latitude"] is not None and maison["longitude"] is not None:
        point = {"type": "Point", "coordinates": [maison["longitude"], maison["latitude"]]}
    return {
        "type": "Feature",
        "geometry": point,
        "properties": {
            "id": maison["id"],
            "source_id": maison["source_id"] or None,
            "name": maison["title"],
            "url": f"{prefix}{maison['slug']}/",
            "kind": maison["kind"],
            "format": maison["format"],
            "address": maison["address"] or None,
            "address_complement": maison["address_complement"] or None,
            "postcode": maison["postcode"] or None,
            "commune": maison["commune_name"] or None,
            "insee_com": maison["insee_commune"] or None,
            "department": maison["department__code"],
            "phone": maison["phone"] or None,
            "email": maison["email"] or None,
            "website": maison["website"] or None,
            "opening_hours": _opening_hours(maison),
            "booking": maison["booking"],
        },
    }


# --- data·inclusion ------------------------------------------------------------------------


def build_structures() -> ExportFile:
    """A JSON array of data·inclusion ``structures`` (schema v1); unknown values are null."""
    maisons = _maisons()
    prefix = _maison_url_prefix()
    structures = [_structure(maison, prefix) for maison in maisons]
    return ExportFile(_json(structures), len(structures), _updated(maisons))


def _structure(maison: dict, prefix: str) -> dict:
    """Every field of the v1 ``Structure``, with values its checks accept (or null)."""
    local_id = maison["source_id"] or f"page-{maison['id']}"
    return {
        "source": DATA_INCLUSION_SOURCE,
        "id": f"{DATA_INCLUSION_SOURCE}--{local_id}",
        "nom": _structure_name(maison["title"]),
        "date_maj": timezone.localdate(maison["last_published_at"]).isoformat(),
        "description": _structure_description(maison),
        "lien_source": f"{prefix}{maison['slug']}/",
        "siret": None,
        "commune": maison["commune_name"] or None,
        "code_postal": maison["postcode"] if _POSTCODE.fullmatch(maison["postcode"]) else None,
        "code_insee": (
            maison["insee_commune"] if _INSEE.fullmatch(maison["insee_commune"]) else None
        ),
        "adresse": maison["address"] or None,
        "complement_adresse": maison["address_complement"] or None,
        "longitude": maison["longitude"],
        "latitude": maison["latitude"],
        "telephone": maison["phone"] or None,
        "courriel": maison["email"] or None,
        "site_web": _web_url(maison["website"]),
        "horaires_accueil": _opening_hours(maison),
        "accessibilite_lieu": None,
        "reseaux_porteurs": [DATA_INCLUSION_NETWORK],
    }


def _structure_name(title: str) -> str:
    """At most 150 characters, without the final full stop the schema warns about."""
    name = Truncator(title.strip()).chars(DATA_INCLUSION_NAME_MAX)
    return name if name.endswith("etc.") else name.rstrip(".")


def _structure_description(maison: dict) -> str | None:
    """The page's introduction and the official list's remarks, within the schema's bounds."""
    shortest, longest = DATA_INCLUSION_DESCRIPTION_LENGTHS
    text = "\n\n".join(part.strip() for part in (maison["intro"], maison["remarks"]) if part)
    return Truncator(text).chars(longest) if len(text) >= shortest else None


def _web_url(value: str) -> str | None:
    try:
        _WEB_URL(value)
    except ValidationError:
        return None
    return value


DATASETS = {
    "csv": Dataset("csv", "france-services.csv", "text/csv; charset=utf-8", build_csv),
    "geojson": Dataset(
        "geojson", "france-services.geojson", "application/geo+json", build_geojson
    ),
    "structures": Dataset(
        "structures", "structures-data-inclusion.json", "application/json", build_structures
    ),
}
