"""French administrative geography as reference data (INSEE Code officiel géographique 2024).

Pure Python: no Django import, so importers and scripts can use it on their own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Department:
    code: str
    name: str
    region_code: str
    timezone: str


@dataclass(frozen=True, slots=True)
class BoundingBox:
    """A latitude/longitude rectangle (WGS 84 degrees)."""

    name: str
    south: float
    north: float
    west: float
    east: float

    def contains(self, latitude: float, longitude: float) -> bool:
        return self.south <= latitude <= self.north and self.west <= longitude <= self.east


REGIONS: tuple[Region, ...] = (
    Region("01", "Guadeloupe"),
    Region("02", "Martinique"),
    Region("03", "Guyane"),
    Region("04", "La Réunion"),
    Region("06", "Mayotte"),
    Region("11", "Île-de-France"),
    Region("24", "Centre-Val de Loire"),
    Region("27", "Bourgogne-Franche-Comté"),
    Region("28", "Normandie"),
    Region("32", "Hauts-de-France"),
    Region("44", "Grand Est"),
    Region("52", "Pays de la Loire"),
    Region("53", "Bretagne"),
    Region("75", "Nouvelle-Aquitaine"),
    Region("76", "Occitanie"),
    Region("84", "Auvergne-Rhône-Alpes"),
    Region("93", "Provence-Alpes-Côte d'Azur"),
    Region("94", "Corse"),
)

_PARIS = "Europe/Paris"

DEPARTMENTS: tuple[Department, ...] = (
    Department("01", "Ain", "84", _PARIS),
    Department("02", "Aisne", "32", _PARIS),
    Department("03", "Allier", "84", _PARIS),
    Department("04", "Alpes-de-Haute-Provence", "93", _PARIS),
    Department("05", "Hautes-Alpes", "93", _PARIS),
    Department("06", "Alpes-Maritimes", "93", _PARIS),
    Department("07", "Ardèche", "84", _PARIS),
    Department("08", "Ardennes", "44", _PARIS),
    Department("09", "Ariège", "76", _PARIS),
    Department("10", "Aube", "44", _PARIS),
    Department("11", "Aude", "76", _PARIS),
    Department("12", "Aveyron", "76", _PARIS),
    Department("13", "Bouches-du-Rhône", "93", _PARIS),
    Department("14", "Calvados", "28", _PARIS),
    Department("15", "Cantal", "84", _PARIS),
    Department("16", "Charente", "75", _PARIS),
    Department("17", "Charente-Maritime", "75", _PARIS),
    Department("18", "Cher", "24", _PARIS),
    Department("19", "Corrèze", "75", _PARIS),
    Department("2A", "Corse-du-Sud", "94", _PARIS),
    Department("2B", "Haute-Corse", "94", _PARIS),
    Department("21", "Côte-d'Or", "27", _PARIS),
    Department("22", "Côtes-d'Armor", "53", _PARIS),
    Department("23", "Creuse", "75", _PARIS),
    Department("24", "Dordogne", "75", _PARIS),
    Department("25", "Doubs", "27", _PARIS),
    Department("26", "Drôme", "84", _PARIS),
    Department("27", "Eure", "28", _PARIS),
    Department("28", "Eure-et-Loir", "24", _PARIS),
    Department("29", "Finistère", "53", _PARIS),
    Department("30", "Gard", "76", _PARIS),
    Department("31", "Haute-Garonne", "76", _PARIS),
    Department("32", "Gers", "76", _PARIS),
    Department("33", "Gironde", "75", _PARIS),
    Department("34", "Hérault", "76", _PARIS),
    Department("35", "Ille-et-Vilaine", "53", _PARIS),
    Department("36", "Indre", "24", _PARIS),
    Department("37", "Indre-et-Loire", "24", _PARIS),
    Department("38", "Isère", "84", _PARIS),
    Department("39", "Jura", "27", _PARIS),
    Department("40", "Landes", "75", _PARIS),
    Department("41", "Loir-et-Cher", "24", _PARIS),
    Department("42", "Loire", "84", _PARIS),
    Department("43", "Haute-Loire", "84", _PARIS),
    Department("44", "Loire-Atlantique", "52", _PARIS),
    Department("45", "Loiret", "24", _PARIS),
    Department("46", "Lot", "76", _PARIS),
    Department("47", "Lot-et-Garonne", "75", _PARIS),
    Department("48", "Lozère", "76", _PARIS),
    Department("49", "Maine-et-Loire", "52", _PARIS),
    Department("50", "Manche", "28", _PARIS),
    Department("51", "Marne", "44", _PARIS),
    Department("52", "Haute-Marne", "44", _PARIS),
    Department("53", "Mayenne", "52", _PARIS),
    Department("54", "Meurthe-et-Moselle", "44", _PARIS),
    Department("55", "Meuse", "44", _PARIS),
    Department("56", "Morbihan", "53", _PARIS),
    Department("57", "Moselle", "44", _PARIS),
    Department("58", "Nièvre", "27", _PARIS),
    Department("59", "Nord", "32", _PARIS),
    Department("60", "Oise", "32", _PARIS),
    Department("61", "Orne", "28", _PARIS),
    Department("62", "Pas-de-Calais", "32", _PARIS),
    Department("63", "Puy-de-Dôme", "84", _PARIS),
    Department("64", "Pyrénées-Atlantiques", "75", _PARIS),
    Department("65", "Hautes-Pyrénées", "76", _PARIS),
    Department("66", "Pyrénées-Orientales", "76", _PARIS),
    Department("67", "Bas-Rhin", "44", _PARIS),
    Department("68", "Haut-Rhin", "44", _PARIS),
    Department("69", "Rhône", "84", _PARIS),
    Department("70", "Haute-Saône", "27", _PARIS),
    Department("71", "Saône-et-Loire", "27", _PARIS),
    Department("72", "Sarthe", "52", _PARIS),
    Department("73", "Savoie", "84", _PARIS),
    Department("74", "Haute-Savoie", "84", _PARIS),
    Department("75", "Paris", "11", _PARIS),
    Department("76", "Seine-Maritime", "28", _PARIS),
    Department("77", "Seine-et-Marne", "11", _PARIS),
    Department("78", "Yvelines", "11", _PARIS),
    Department("79", "Deux-Sèvres", "75", _PARIS),
    Department("80", "Somme", "32", _PARIS),
    Department("81", "Tarn", "76", _PARIS),
    Department("82", "Tarn-et-Garonne", "76", _PARIS),
    Department("83", "Var", "93", _PARIS),
    Department("84", "Vaucluse", "93", _PARIS),
    Department("85", "Vendée", "52", _PARIS),
    Department("86", "Vienne", "75", _PARIS),
    Department("87", "Haute-Vienne", "75", _PARIS),
    Department("88", "Vosges", "44", _PARIS),
    Department("89", "Yonne", "27", _PARIS),
    Department("90", "Territoire de Belfort", "27", _PARIS),
    Department("91", "Essonne", "11", _PARIS),
    Department("92", "Hauts-de-Seine", "11", _PARIS),
    Department("93", "Seine-Saint-Denis", "11", _PARIS),
    Department("94", "Val-de-Marne", "11", _PARIS),
    Department("95", "Val-d'Oise", "11", _PARIS),
    Department("971", "Guadeloupe", "01", "America/Guadeloupe"),
    Department("972", "Martinique", "02", "America/Martinique"),
    Department("973", "Guyane", "03", "America/Cayenne"),
    Department("974", "La Réunion", "04", "Indian/Reunion"),
    Department("976", "Mayotte", "06", "Indian/Mayotte"),
)

# The overseas collectivities with communes and France Services within the bounding boxes
# below (article 74 of the Constitution): no department and no region in INSEE's code, but
# an INSEE code of three digits each, their own time zone and their own public holidays
# (``holidays.France`` subdivisions PM, BL, MF). The directory lists them, as it lists the
# departments, under a heading of their own. Wallis-et-Futuna, French Polynesia and New
# Caledonia hold no France Services and are not in the commune file: left out.
OVERSEAS_COLLECTIVITIES_REGION = Region("COM", "Collectivités d'outre-mer")
OVERSEAS_COLLECTIVITIES: tuple[Department, ...] = (
    Department("975", "Saint-Pierre-et-Miquelon", "COM", "America/Miquelon"),
    Department("977", "Saint-Barthélemy", "COM", "America/St_Barthelemy"),
    Department("978", "Saint-Martin", "COM", "America/Marigot"),
)
# Where a maison or a commune may belong: the departments and the overseas collectivities.
TERRITORIES: tuple[Department, ...] = DEPARTMENTS + OVERSEAS_COLLECTIVITIES


@dataclass(frozen=True, slots=True)
class ReferenceCommune:
    """A commune the commune file lacks, given here with its point and population."""

    insee: str
    name: str
    department_code: str
    postcodes: tuple[str, ...]
    latitude: float
    longitude: float
    population: int


# Communes the commune file (INSEE COG 2024 and La Poste) does not list, which the commune
# import adds (``territories.services.reference_commune_records``). Points: the communes'
# coordinates in their French Wikipedia infoboxes (WGS 84).
REFERENCE_COMMUNES: tuple[ReferenceCommune, ...] = (
    # Paris, Lyon and Marseille as whole cities: the file has only their arrondissements
    # (ARM rows, whose ``insee_parente`` is the city). Each postcode belongs to an
    # arrondissement, so the cities have none of their own; their populations are the sums
    # of their arrondissements' in the file (INSEE, 2021).
    ReferenceCommune("75056", "Paris", "75", (), 48.8567, 2.3519, 2133111),
    ReferenceCommune("69123", "Lyon", "69", (), 45.7597, 4.8422, 522250),
    ReferenceCommune("13055", "Marseille", "13", (), 43.2964, 5.3700, 873076),
    # The overseas collectivities' communes: INSEE codes, postcodes and populations from
    # the national "Découpage administratif" data (github.com/datagouv/decoupage-administratif,
    # sources/collectivites-outremer.csv, Licence Ouverte).
    ReferenceCommune("97501", "Miquelon-Langlade", "975", ("97500",), 47.1, -56.3792, 612),
    ReferenceCommune("97502", "Saint-Pierre", "975", ("97500",), 46.7778, -56.1778, 5375),
    ReferenceCommune("97701", "Saint-Barthélemy", "977", ("97133",), 17.8978, -62.8342, 10656),
    ReferenceCommune("97801", "Saint-Martin", "978", ("97150",), 18.0753, -63.06, 31951),
)

# Generous rectangles around French land where a France Services may stand. Saint-Martin and
# Saint-Barthélemy (collectivities, not departments) host France Services too.
FRANCE_BOUNDING_BOXES: tuple[BoundingBox, ...] = (
    BoundingBox("France métropolitaine et Corse", 41.3, 51.2, -5.3, 9.7),
    BoundingBox("Guadeloupe", 15.8, 16.6, -61.9, -60.9),
    BoundingBox("Martinique", 14.35, 14.9, -61.3, -60.8),
    BoundingBox("Guyane", 2.1, 5.8, -54.7, -51.5),
    BoundingBox("La Réunion", -21.4, -20.85, 55.2, 55.85),
    BoundingBox("Mayotte", -13.05, -12.6, 44.95, 45.35),
    BoundingBox("Saint-Martin et Saint-Barthélemy", 17.85, 18.15, -63.2, -62.75),
    BoundingBox("Saint-Pierre-et-Miquelon", 46.7, 47.2, -56.45, -56.1),
)

_REGIONS_BY_CODE = {r.code: r for r in (*REGIONS, OVERSEAS_COLLECTIVITIES_REGION)}
_DEPARTMENTS_BY_CODE = {d.code: d for d in TERRITORIES}
_INSEE_COMMUNE = re.compile(r"(?:\d{2}|2[AB])\d{3}")


def region(code: str) -> Region:
    """The region with this INSEE code (exact, e.g. "84"), or "COM" for the overseas
    collectivities."""
    try:
        return _REGIONS_BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown region code {code!r}") from None


def department(code: str) -> Department:
    """The department or overseas collectivity with this code (exact, normalized: "01",
    "2A", "974", "978")."""
    try:
        return _DEPARTMENTS_BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown department code {code!r}") from None


def normalize_department_code(raw: str) -> str:
    """Canonical department code: "1" -> "01", "2a" -> "2A", " 34 " -> "34"."""
    code = raw.strip().upper()
    if code.isdigit() and len(code) == 1:
        code = code.zfill(2)
    if code not in _DEPARTMENTS_BY_CODE:
        raise ValueError(f"unknown department {raw.strip()!r}")
    return code


def department_from_insee_commune(insee: str) -> str:
    """Department (or collectivity) code of an INSEE commune code: "34142" -> "34",
    "97411" -> "974", "97801" -> "978"."""
    code = insee.strip().upper()
    if not _INSEE_COMMUNE.fullmatch(code):
        raise ValueError(f"invalid INSEE commune code {insee.strip()!r}")
    return normalize_department_code(code[:3] if code.startswith(("97", "98")) else code[:2])


def is_in_france(latitude: float, longitude: float) -> bool:
    """Whether a point falls in one of FRANCE_BOUNDING_BOXES."""
    return any(box.contains(latitude, longitude) for box in FRANCE_BOUNDING_BOXES)


_ARTICLE = re.compile(r"^(?:l|le|la|les)\s+")
_SAINT = re.compile(r"\b(st|ste)\b")
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
# Arrondissements of Paris, Lyon and Marseille: "15e", "15ème", "1er" are 15 and 1, the word
# "arrondissement" (or "arr.", "arrt") says nothing more, and "15e arrondissement de Paris"
# is "Paris 15e"; "Paris XV" is "Paris 15".
_ORDINAL = re.compile(r"\b(\d{1,2}) ?(?:er|ere|e|eme|ieme|em|me)\b")
_ARRONDISSEMENT = re.compile(r"\b(?:arrondissements?|arrdt|ardt|arrt|arr)\b")
_NUMBER_FIRST = re.compile(r"^(\d{1,2}) (?:de |d )?([a-z].*)$")
_ROMAN_ARRONDISSEMENT = re.compile(
    r"^(paris|lyon|marseille) ([ivxl]+)(?: ?(?:er|ere|e|eme|ieme|em|me))?$"
)
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}
_MAYBE_ARRONDISSEMENT = re.compile(r"\d|^(?:paris|lyon|marseille) ")
_SPACES = re.compile(r"\s+")


def _roman(numeral: str) -> int:
    total = 0
    for char, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN[char]
        total += -value if following and _ROMAN[following] > value else value
    return total


def _arrondissement(words: str) -> str:
    words = _ORDINAL.sub(r"\1", words)
    words = _SPACES.sub(" ", _ARRONDISSEMENT.sub(" ", words)).strip()
    words = _NUMBER_FIRST.sub(r"\2 \1", words)
    roman = _ROMAN_ARRONDISSEMENT.match(words)
    if roman:
        words = f"{roman.group(1)} {_roman(roman.group(2))}"
    return words


def place_key(name: str) -> str:
    """How a place name is compared: "Le Mont-Dore", "mont dore" and "MONT DORE" give
    "mont dore"; accents, case, hyphens, apostrophes and a leading article are ignored, and
    "St"/"Ste" read as "Saint"/"Sainte". An arrondissement is its city and its number:
    "Paris 15e Arrondissement", "Paris 15ème", "15e arrondissement de Paris" and "Paris XV"
    give "paris 15"."""
    folded = unicodedata.normalize("NFKD", name.casefold().replace("œ", "oe").replace("æ", "ae"))
    ascii_only = "".join(char for char in folded if not unicodedata.combining(char))
    words = _NOT_ALPHANUMERIC.sub(" ", ascii_only).strip()
    words = _SAINT.sub(lambda match: {"st": "saint", "ste": "sainte"}[match.group(1)], words)
    words = _ARTICLE.sub("", words)
    return _arrondissement(words) if _MAYBE_ARRONDISSEMENT.search(words) else words


def typo_distance(typed: str, name: str, limit: int) -> int:
    """The optimal string alignment distance of two keys (insertions, deletions,
    substitutions and swaps of two neighbours count one each) when it is at most
    ``limit``, else ``limit + 1``: only the band of the table within ``limit`` of its
    diagonal is computed, and it stops at the first row beyond ``limit``."""
    if abs(len(typed) - len(name)) > limit:
        return limit + 1
    if typed == name:
        return 0
    # What both start and end with costs nothing ("saint etiene", "saint etienne").
    start = 0
    while start < len(typed) and start < len(name) and typed[start] == name[start]:
        start += 1
    end = 0
    while (
        end < len(typed) - start and end < len(name) - start and typed[-1 - end] == name[-1 - end]
    ):
        end += 1
    typed, name = typed[start : len(typed) - end], name[start : len(name) - end]
    beyond = limit + 1
    width = len(name)
    before = None
    previous = [column if column <= limit else beyond for column in range(width + 1)]
    for row in range(1, len(typed) + 1):
        char = typed[row - 1]
        current = [beyond] * (width + 1)
        current[0] = row if row <= limit else beyond
        best = current[0]
        for column in range(max(1, row - limit), min(width, row + limit) + 1):
            other = name[column - 1]
            value = previous[column - 1] + (char != other)
            if previous[column] + 1 < value:
                value = previous[column] + 1
            if current[column - 1] + 1 < value:
                value = current[column - 1] + 1
            if (
                row > 1
                and column > 1
                and char == name[column - 2]
                and typed[row - 2] == other
                and before[column - 2] + 1 < value
            ):
                value = before[column - 2] + 1
            current[column] = value if value <= limit else beyond
            if value < best:
                best = value
        if best > limit:
            return beyond
        before, previous = previous, current
    return previous[width]
