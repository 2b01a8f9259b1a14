"""Parsers of the France Services open data into plain records.

Pure Python (no Django): the import commands turn these records into models. A parser never
aborts on a bad row: it yields the row's problems next to what could be kept. A CSV record
that cannot be read as a row (bytes that are not UTF-8, a control character, the wrong
number of fields) is rejected with the line it starts on, and the reader goes on at the
next line, so that an unbalanced quote does not swallow the rows after it. Only a source
that cannot be read at all (unreachable, not UTF-8 anywhere, missing required column)
raises ``ImportSourceError``.

Supported sources:

- the ANCT list of France Services, 2024 CSV schema (``liste-fs-20240801.csv``);
- the 2020 GeoJSON of the first ANCT map (``france-services-2020-10.geojson``);
- the communes CSV (INSEE COG 2024 + La Poste postcodes, ``communes-2024.csv``).
"""

from __future__ import annotations

import codecs
import csv
import http.client
import io
import json
import math
import re
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from directory.territories import geography

Kind = Literal["principal", "antenne"]
Format = Literal["fixe", "multisite", "bus", "fixe_antennes", "itinerante"]
CommuneKind = Literal["COM", "COMD", "ARM"]

USER_AGENT = "reseau-france-services-importer/0.1 (+https://www.france-services.gouv.fr)"

DAYS = ("h_lundi", "h_mardi", "h_mercredi", "h_jeudi", "h_vendredi", "h_samedi")

# 2024 CSV: the 24 documented columns are all required; any other column goes to `extra`.
CSV_COLUMNS = (
    "id_fs",
    "insee_dep",
    "lib_fs",
    "adresse",
    "complement_adresse",
    "insee_com",
    "code_postal",
    "lib_com",
    "latitude",
    "longitude",
    "mail",
    "telephone",
    *DAYS,
    "prise_rdv",
    "commentaire",
    "type_fs",
    "format_fs",
    "groupe_fs",
    "labellisation_fs",
)

# 2020 GeoJSON: documented properties; LATITUDE/LONGITUDE are optional (geometry fallback).
GEOJSON_PROPERTIES = (
    "MATRICULE",
    "DEPARTEMENT",
    "lib_france_services",
    "ADRESSE",
    "COMPLEMENT.D.ADRESSE",
    "insee_com",
    "code_postal",
    "lib_com",
    "CONTACT.MAIL",
    "TELEPHONE",
    *DAYS,
    "Commentaire.horaires",
    "ITINERANCE",
    "FORMAT_FS",
    "Groupe",
    "Labellisation",
    "categorie",
)
GEOJSON_OPTIONAL = ("LATITUDE", "LONGITUDE")

COMMUNE_COLUMNS = (
    "insee_com",
    "insee_reg",
    "insee_dep",
    "commune",
    "commune_article",
    "code_postal",
    "commune_type",
    "insee_parente",
    "lat",
    "lng",
    "population_2021",
)

# Values compared once lower-cased, without accents and non-alphanumerics.
_KINDS: dict[str, Kind] = {"principal": "principal", "antenne": "antenne"}
_FORMATS: dict[str, Format] = {
    "fixe": "fixe",
    "multisite": "multisite",
    "multisites": "multisite",
    "bus": "bus",
    "busequivalent": "bus",
    "fixeantenne": "fixe_antennes",
    "fixeantennes": "fixe_antennes",
    "itinerante": "itinerante",
    "itinerant": "itinerante",
}
_KINDS_2020: dict[str, Kind] = {**_KINDS, "fs": "principal", "espacelabellise": "principal"}
_YES_NO = {"oui": True, "non": False, "": False}

_REGION_CODES = frozenset(region.code for region in geography.REGIONS)
_INSEE = re.compile(r"(?:\d{2}|2[AB])\d{3}")
_POSTCODE = re.compile(r"\d{5}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_EMAIL_SEPARATORS = re.compile(r"\s+-\s+|[\s;,]+")
_DATE_DMY = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_DATE_MY = re.compile(r"\b(\d{1,2})/(\d{4})\b")
# Placeholder meaning "nothing" in the 2020 file (closed day, no e-mail, no phone).
_NOTHING = "-"
# Bytes that are not UTF-8, as ``surrogateescape`` decodes them (0x80 -> U+DC80).
_UNDECODABLE = re.compile("[\udc80-\udcff]")
_DECODED_NON_ASCII = re.compile("[\u0080-\udc7f\udd00-\U0010ffff]")
# What a cell may not hold: those bytes, C0 and C1 controls, DEL (tabs and line breaks may).
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\udc80-\udcff]")


class ImportSourceError(Exception):
    """The source cannot be read at all (unreachable, not UTF-8, wrong schema)."""


@dataclass
class MaisonRecord:
    source_id: str
    name: str
    kind: Kind = "principal"
    format: Format = "fixe"
    group: str = ""
    address: str = ""
    address_complement: str = ""
    insee_commune: str = ""
    postcode: str = ""
    commune_name: str = ""
    department_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    email: str = ""
    phone: str = ""
    # 0 = Monday ... 5 = Saturday; raw cell text, "" when closed or not given.
    raw_hours: dict[int, str] = field(default_factory=dict)
    booking: bool = False
    remarks: str = ""
    labelled_on: date | None = None
    itinerant: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    website: str = ""


@dataclass
class RowIssue:
    """A problem of one record; ``row`` is the line it starts on in a CSV file (the header
    is line 1), its position among a GeoJSON's features."""

    row: int
    column: str
    reason: str
    fatal: bool = False


@dataclass
class RowResult:
    row: int
    record: MaisonRecord | None
    issues: list[RowIssue]
    # The id as read, even when the row is rejected (an import keeps that maison as it is).
    source_id: str = ""

    @property
    def rejected(self) -> bool:
        return self.record is None


@dataclass
class CommuneRecord:
    insee: str
    name: str
    name_with_article: str
    postcode: str
    department_code: str
    region_code: str
    kind: CommuneKind
    parent_insee: str
    latitude: float | None
    longitude: float | None
    population: int | None


# --- Sources -------------------------------------------------------------------------------


def open_source(source: str, *, timeout: float = 30) -> tuple[bytes, str]:
    """Read a local path or an http(s) URL; return the raw bytes and a file name."""
    parts = urllib.parse.urlsplit(source)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        request = urllib.request.Request(source, headers={"User-Agent": USER_AGENT})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                data = response.read()
        except urllib.error.HTTPError as exc:
            raise ImportSourceError(f"{source}: HTTP error {exc.code} {exc.reason}") from exc
        except (OSError, http.client.HTTPException) as exc:  # URLError, timeouts, resets
            reason = getattr(exc, "reason", exc)
            raise ImportSourceError(f"{source}: unreachable ({reason})") from exc
        name = PurePosixPath(urllib.parse.unquote(parts.path)).name or parts.netloc
        return data, name
    # One-letter "schemes" are Windows drive letters.
    if len(scheme) > 1:
        raise ImportSourceError(f"{source}: unsupported scheme {scheme!r} (use a path or http(s))")
    path = Path(source).expanduser()
    if not path.is_file():
        raise ImportSourceError(f"{source}: no such file")
    try:
        return path.read_bytes(), path.name
    except OSError as exc:
        raise ImportSourceError(f"{source}: cannot read ({exc.strerror})") from exc


def _decode(data: bytes) -> str:
    """UTF-8 text; bytes that are not UTF-8 stay as lone surrogates, for their row to reject.

    A file with such bytes and no UTF-8 beyond ASCII is in another encoding: it raises.
    """
    text = data.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    undecodable = _UNDECODABLE.search(text)
    if undecodable and not _DECODED_NON_ASCII.search(text):
        line = text.count("\n", 0, undecodable.start()) + 1
        raise ImportSourceError(
            f"not UTF-8 text (line {line}): save the file as UTF-8 and import it again"
        )
    return text


def _unreadable_cell(cells: Mapping[str, str]) -> tuple[str, str] | None:
    """(column, reason) of the first cell holding bytes that are not UTF-8 or a control."""
    for column, value in cells.items():
        if not (match := _UNREADABLE.search(value)):
            continue
        if _UNDECODABLE.match(match.group()):
            byte = ord(match.group()) - 0xDC00
            return column, f"not UTF-8 text (byte 0x{byte:02X}): the line is in another encoding"
        return column, f"control character U+{ord(match.group()):04X} in the text"
    return None


@dataclass
class _CsvRecord:
    line: int  # where the record starts (the header is line 1)
    cells: dict[str, str]  # every header column, "" for a short row; stripped
    problem: tuple[str, str] | None  # (column, reason) when the record cannot be read


def _csv_records(data: bytes, required: Iterable[str]) -> Iterator[_CsvRecord]:
    """The data records (blank ones skipped); raises at once when the header is unusable."""
    lines = io.StringIO(_decode(data), newline="").readlines()
    if lines and (problem := _unreadable_cell({"": lines[0]})):
        raise ImportSourceError(f"line 1 (the header): {problem[1]}")
    header = [name.strip() for name in next(csv.reader(lines[:1]), [])]
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportSourceError(f"missing required column(s): {', '.join(missing)}")
    duplicated = sorted({name for name in header if header.count(name) > 1})
    if duplicated:
        raise ImportSourceError(f"duplicated column(s): {', '.join(duplicated)}")
    return _read_records(lines, header)


def _read_records(lines: list[str], header: list[str]) -> Iterator[_CsvRecord]:
    """The records after the header. A record that does not split into the header's
    fields is rejected; when it spans several lines (an unbalanced quote), reading starts
    again at its second line."""
    start = 1
    while start < len(lines):
        start = yield from _read_until_broken(lines, start, header)


def _read_until_broken(
    lines: list[str], start: int, header: list[str]
) -> Generator[_CsvRecord, None, int]:
    """Records from the line at index ``start``; returns the index to read again from."""
    reader = csv.reader(lines[index] for index in range(start, len(lines)))
    while True:
        first = start + reader.line_num  # index of the record's first line
        try:
            cells = next(reader)
        except StopIteration:
            return len(lines)
        except csv.Error as error:
            cells, broken = [], f"unreadable record ({error})"
        else:
            broken = ""
            if len(cells) != len(header):
                broken = f"expected {len(header)} fields, found {len(cells)}"
        if not broken and not any(cell.strip() for cell in cells):
            continue
        record = dict.fromkeys(header, "") | dict(zip(header, map(str.strip, cells), strict=False))
        yield _CsvRecord(first + 1, record, ("", broken) if broken else _unreadable_cell(record))
        if broken and start + reader.line_num - first > 1:
            return first + 1


# --- Field helpers -------------------------------------------------------------------------


def _text(value: Any) -> str:
    """A cell as stripped text (None -> "", 12.0 -> "12")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _key(value: str) -> str:
    """Lower-case ASCII letters and digits only: "Bus_équivalent" -> "busequivalent"."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_text.lower())


def _float(value: Any) -> float | None:
    """A finite float, or None when empty; ValueError when not a number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        text = _text(value)
        if not text:
            return None
        number = float(text.replace(",", "."))
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {value!r}")
    return number


def _pad_code(value: str) -> str:
    """Restore a leading zero lost by a spreadsheet ("3120" -> "03120")."""
    return value.zfill(5) if value.isdigit() and len(value) == 4 else value


class _Row:
    """Collects the issues of one source row while its fields are converted."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.issues: list[RowIssue] = []

    def issue(self, column: str, reason: str, *, fatal: bool = False) -> None:
        self.issues.append(RowIssue(self.number, column, reason, fatal))

    @property
    def rejected(self) -> bool:
        return any(issue.fatal for issue in self.issues)

    def required(self, column: str, value: str, what: str) -> str:
        if not value:
            self.issue(column, f"missing {what}", fatal=True)
        return value

    def coordinates(
        self, lat_column: str, lat: Any, lon_column: str, lon: Any, *, required: bool = True
    ) -> tuple[float | None, float | None]:
        """Both coordinates within France, or (None, None) with the issue recorded."""
        values: list[float | None] = []
        for column, raw, limit in ((lat_column, lat, 90), (lon_column, lon, 180)):
            try:
                number = _float(raw)
            except ValueError:
                self.issue(column, f"not a number: {_text(raw)!r}")
                return None, None
            if number is not None and abs(number) > limit:
                self.issue(column, f"out of range: {number}")
                return None, None
            values.append(number)
        latitude, longitude = values
        if latitude is None or longitude is None:
            if required or (latitude, longitude) != (None, None):
                self.issue(f"{lat_column}/{lon_column}", "missing coordinates")
            return None, None
        if not geography.is_in_france(latitude, longitude):
            self.issue(f"{lat_column}/{lon_column}", f"outside France: {latitude}, {longitude}")
            return None, None
        return latitude, longitude

    def department(self, column: str, raw: str) -> str:
        if not raw:
            self.issue(column, "missing department code")
            return ""
        try:
            return geography.normalize_department_code(raw)
        except ValueError as exc:
            self.issue(column, str(exc))
            return ""

    def insee(self, column: str, raw: str) -> str:
        code = _pad_code(raw.upper())
        if code and not _INSEE.fullmatch(code):
            self.issue(column, f"invalid INSEE commune code {raw!r}")
            return ""
        return code

    def postcode(self, column: str, raw: str) -> str:
        code = _pad_code(raw)
        if code and not _POSTCODE.fullmatch(code):
            self.issue(column, f"invalid postcode {raw!r}")
            return ""
        return code

    def email(self, column: str, raw: str) -> str:
        """The address; with several, the first one (the others noted in a non-fatal issue)."""
        if raw in ("", _NOTHING):
            return ""
        addresses = [part for part in _EMAIL_SEPARATORS.split(raw) if part]
        if not addresses or not all(_EMAIL.fullmatch(address) for address in addresses):
            self.issue(column, f"invalid e-mail address {raw!r}")
            return ""
        if len(addresses) > 1:
            self.issue(column, f"several e-mail addresses, kept the first: {raw!r}")
        return addresses[0]

    def labelled_on(self, column: str, raw: str) -> date | None:
        """ "Espace labellisé 01/09/2020" or, in 2020, "Espace labellisé 01/2020" (month)."""
        if not raw:
            return None
        try:
            if match := _DATE_DMY.search(raw):
                day, month, year = (int(part) for part in match.groups())
                return date(year, month, day)
            if match := _DATE_MY.search(raw):
                month, year = (int(part) for part in match.groups())
                return date(year, month, 1)
        except ValueError:
            pass
        self.issue(column, f"unparseable date {raw!r}")
        return None

    def choice(self, column: str, raw: str, choices: Mapping[str, Any], default: Any) -> Any:
        try:
            return choices[_key(raw)]
        except KeyError:
            self.issue(column, f"unknown value {raw!r}, assumed {default!r}")
            return default


def _none_if_dash(value: str) -> str:
    return "" if value == _NOTHING else value


def _hours(cells: Iterable[str]) -> dict[int, str]:
    """Monday (0) to Saturday (5); "-" (2020: closed) becomes ""."""
    return {day: _none_if_dash(cell) for day, cell in enumerate(cells)}


# --- France Services -----------------------------------------------------------------------


def parse_france_services(data: bytes, name: str = "") -> Iterator[RowResult]:
    """Parse either release of the France Services list (format detected from name/content).

    Raises ImportSourceError at once (before any row) when the schema is not usable.
    """
    content = data.removeprefix(codecs.BOM_UTF8).lstrip()
    if name.lower().endswith((".geojson", ".json")) or content.startswith(b"{"):
        return _parse_geojson(data)
    return _results(_france_services_rows(_csv_records(data, CSV_COLUMNS)), "id_fs")


def _results(rows: Iterator[tuple[_Row, MaisonRecord]], id_column: str) -> Iterator[RowResult]:
    """Reject rows with a fatal issue, and any repeated source_id (the first row is kept)."""
    first_row: dict[str, int] = {}
    for row, record in rows:
        source_id = record.source_id
        if not row.rejected and source_id in first_row:
            row.issue(
                id_column,
                f"duplicate id {source_id!r}, already on line {first_row[source_id]}",
                fatal=True,
            )
        if row.rejected:
            yield RowResult(row.number, None, row.issues, source_id)
            continue
        first_row[source_id] = row.number
        yield RowResult(row.number, record, row.issues, source_id)


def _france_services_rows(
    records: Iterator[_CsvRecord],
) -> Iterator[tuple[_Row, MaisonRecord]]:
    known = set(CSV_COLUMNS)
    for csv_record in records:
        row, cell = _Row(csv_record.line), csv_record.cells
        if csv_record.problem:
            row.issue(*csv_record.problem, fatal=True)
            yield row, MaisonRecord(source_id=cell["id_fs"], name="")
            continue
        extra = {column: value for column, value in cell.items() if column not in known}
        fmt = row.choice("format_fs", cell["format_fs"], _FORMATS, "fixe")
        latitude, longitude = row.coordinates(
            "latitude", cell["latitude"], "longitude", cell["longitude"]
        )
        record = MaisonRecord(
            source_id=row.required("id_fs", cell["id_fs"], "id"),
            name=row.required("lib_fs", cell["lib_fs"], "name"),
            kind=row.choice("type_fs", cell["type_fs"], _KINDS, "principal"),
            format=fmt,
            group=cell["groupe_fs"],
            address=cell["adresse"],
            address_complement=cell["complement_adresse"],
            insee_commune=row.insee("insee_com", cell["insee_com"]),
            postcode=row.postcode("code_postal", cell["code_postal"]),
            commune_name=cell["lib_com"],
            department_code=row.department("insee_dep", cell["insee_dep"]),
            latitude=latitude,
            longitude=longitude,
            email=row.email("mail", cell["mail"]),
            phone=_none_if_dash(cell["telephone"]),
            raw_hours=_hours(cell[day] for day in DAYS),
            booking=row.choice("prise_rdv", cell["prise_rdv"], _YES_NO, False),
            remarks=cell["commentaire"],
            labelled_on=row.labelled_on("labellisation_fs", cell["labellisation_fs"]),
            itinerant=fmt in ("bus", "itinerante"),
            extra=extra,
            website=extra.get("site_web", ""),
        )
        yield row, record


def _parse_geojson(data: bytes) -> Iterator[RowResult]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ImportSourceError(f"not UTF-8 text (byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise ImportSourceError(f"invalid JSON: {exc}") from exc
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        raise ImportSourceError("not a GeoJSON FeatureCollection (no 'features' list)")
    present: set[str] = set()
    for feature in features:
        if isinstance(feature, dict) and isinstance(feature.get("properties"), dict):
            present.update(feature["properties"])
    missing = [name for name in GEOJSON_PROPERTIES if name not in present]
    if missing:
        raise ImportSourceError(f"missing required propert(y/ies): {', '.join(missing)}")
    return _results(_geojson_records(features), "MATRICULE")


def _geojson_records(features: list[Any]) -> Iterator[tuple[_Row, MaisonRecord]]:
    known = set(GEOJSON_PROPERTIES) | set(GEOJSON_OPTIONAL)
    for index, feature in enumerate(features):
        row = _Row(index + 1)
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(properties, dict):
            row.issue("properties", "feature without properties", fatal=True)
            yield row, MaisonRecord(source_id="", name="")
            continue
        # Values as text; a property missing from this feature reads as "".
        prop = dict.fromkeys(GEOJSON_PROPERTIES, "") | {
            name: _text(raw) for name, raw in properties.items()
        }
        if problem := _unreadable_cell(prop):
            row.issue(*problem, fatal=True)
            yield row, MaisonRecord(source_id=prop["MATRICULE"], name="")
            continue
        extra = {name: value for name, value in prop.items() if name not in known}
        # categorie: FS, FS itinerante, Antenne, Antenne itinerante (FORMAT_FS, "Espace
        # labellisé" or "Antenne", as a fallback). No format in 2020: itinerant -> itinerante.
        category = prop["categorie"]
        itinerant = _key(prop["ITINERANCE"]) == "oui" or "itinerant" in _key(category)
        kind_value = category.split()[0] if category else prop["FORMAT_FS"]
        lat_raw, lon_raw = properties.get("LATITUDE"), properties.get("LONGITUDE")
        if _text(lat_raw) == "" and _text(lon_raw) == "":
            lon_raw, lat_raw = _point(feature.get("geometry"))
        latitude, longitude = row.coordinates("LATITUDE", lat_raw, "LONGITUDE", lon_raw)
        record = MaisonRecord(
            source_id=row.required("MATRICULE", prop["MATRICULE"], "id"),
            name=row.required("lib_france_services", prop["lib_france_services"], "name"),
            kind=row.choice("categorie", kind_value, _KINDS_2020, "principal"),
            format="itinerante" if itinerant else "fixe",
            group=prop["Groupe"],
            address=prop["ADRESSE"],
            address_complement=prop["COMPLEMENT.D.ADRESSE"],
            insee_commune=row.insee("insee_com", prop["insee_com"]),
            postcode=row.postcode("code_postal", prop["code_postal"]),
            commune_name=prop["lib_com"],
            department_code=row.department("DEPARTEMENT", prop["DEPARTEMENT"]),
            latitude=latitude,
            longitude=longitude,
            email=row.email("CONTACT.MAIL", prop["CONTACT.MAIL"]),
            phone=_none_if_dash(prop["TELEPHONE"]),
            raw_hours=_hours(prop[day] for day in DAYS),
            booking=False,  # not in the 2020 schema
            remarks=prop["Commentaire.horaires"],
            labelled_on=row.labelled_on("Labellisation", prop["Labellisation"]),
            itinerant=itinerant,
            extra=extra,
            website=extra.get("site_web", ""),
        )
        yield row, record


def _point(geometry: Any) -> tuple[Any, Any]:
    """(longitude, latitude) of a GeoJSON Point, (None, None) otherwise."""
    if isinstance(geometry, dict) and geometry.get("type") == "Point":
        coordinates = geometry.get("coordinates")
        if isinstance(coordinates, list) and len(coordinates) >= 2:
            return coordinates[0], coordinates[1]
    return None, None


# --- Communes ------------------------------------------------------------------------------


def parse_communes(data: bytes) -> Iterator[CommuneRecord | RowIssue]:
    """One item per data row: the commune, or the (first) problem that rejects the row.

    Empty coordinates or population are legitimate (new communes): None, not an issue.
    COMD rows have no department/region: derived from their INSEE code.
    """
    return _commune_items(_csv_records(data, COMMUNE_COLUMNS))


def _commune_items(records: Iterator[_CsvRecord]) -> Iterator[CommuneRecord | RowIssue]:
    for csv_record in records:
        row = _Row(csv_record.line)
        if csv_record.problem:
            yield RowIssue(row.number, *csv_record.problem, fatal=True)
            continue
        record = _commune(row, csv_record.cells)
        if record is None or row.issues:
            # The row is not kept: its first problem stands for it.
            yield replace(row.issues[0], fatal=True)
        else:
            yield record


def _commune(row: _Row, cell: dict[str, str]) -> CommuneRecord | None:
    insee = cell["insee_com"].upper()
    if not _INSEE.fullmatch(insee):
        row.issue("insee_com", f"invalid INSEE commune code {insee!r}")
        return None
    name = cell["commune"]
    if not name:
        row.issue("commune", "missing name")
        return None
    kind = cell["commune_type"]
    if kind not in ("COM", "COMD", "ARM"):
        row.issue("commune_type", f"unknown commune type {kind!r}")
        return None
    try:
        if cell["insee_dep"]:
            department_code = geography.normalize_department_code(cell["insee_dep"])
        else:  # COMD rows: the delegated commune's own code gives its department
            department_code = geography.department_from_insee_commune(insee)
    except ValueError as exc:
        row.issue("insee_dep", str(exc))
        return None
    region_code = cell["insee_reg"] or geography.department(department_code).region_code
    if region_code not in _REGION_CODES:
        row.issue("insee_reg", f"unknown region {region_code!r}")
        return None
    if not _POSTCODE.fullmatch(cell["code_postal"]):
        row.issue("code_postal", f"invalid postcode {cell['code_postal']!r}")
        return None
    latitude, longitude = row.coordinates("lat", cell["lat"], "lng", cell["lng"], required=False)
    population_text = cell["population_2021"]
    population = int(population_text) if population_text.isdigit() else None
    if population_text and population is None:
        row.issue("population_2021", f"not a count: {population_text!r}")
    return CommuneRecord(
        insee=insee,
        name=name,
        name_with_article=cell["commune_article"] or name,
        postcode=cell["code_postal"],
        department_code=department_code,
        region_code=region_code,
        kind=kind,  # type: ignore[arg-type]
        parent_insee=cell["insee_parente"],
        latitude=latitude,
        longitude=longitude,
        population=population,
    )


# --- What an import did -------------------------------------------------------------------


@dataclass
class ImportSummary:
    """What an import did; ``line()`` is the last line the import commands print."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    unpublished: int = 0
    issues: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"created={self.created} updated={self.updated} "
            f"unchanged={self.unchanged} rejected={self.rejected}"
        )


def describe(issue: RowIssue) -> str:
    """An issue as the import reports list it (in French, for editors)."""
    verdict = "ligne rejetée" if issue.fatal else "ligne importée, champ signalé"
    where = f"ligne {issue.row}, colonne {issue.column}" if issue.column else f"ligne {issue.row}"
    return f"{where} : {issue.reason} ({verdict})"
