"""The departments' outlines for ``DepartmentMap``: derived once from an open GeoJSON of
French departments (``manage.py build_department_map``) into SVG path data, small enough to
commit (``data/departments.json``), then read once per process (``departments_outline``).

Metropolitan France is drawn to scale on the right (Corsica moved nearer the mainland); the
five overseas departments are insets, each fitted to its own box on the left (not to scale).
"""

import functools
import itertools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

OUTLINE_FILE = Path(__file__).parent / "data" / "departments.json"

WIDTH, HEIGHT = 1000, 810
METROPOLE_BOX = (170, 10, 820, 790)  # x, y, width, height
INSET_SIZE = 130  # each overseas department fits in a square of this side
INSET_STEP = 162  # from one inset to the next, its name written under it
TOLERANCE = 1.0  # Douglas–Peucker, in the map's units (1 unit ≈ 1.2 km in metropolitan France)
SMALLEST_ISLAND = 6.0  # a department's other rings under this area (units²) are dropped

CORSICA_SHIFT = (-1.6, 1.2)  # lon, lat: Corsica drawn nearer the mainland, as French maps do
Point = tuple[float, float]


@dataclass(frozen=True)
class Outline:
    name: str
    d: str  # SVG path data


@dataclass(frozen=True)
class Inset:
    code: str
    name: str
    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class Outlines:
    view_box: str
    departments: dict[str, Outline]
    insets: list[Inset]


# Pure (a committed file): safe to keep in each process.
@functools.cache
def departments_outline() -> Outlines:
    """The committed outlines, read once per process (the file never changes at run time)."""
    data = json.loads(OUTLINE_FILE.read_text(encoding="utf-8"))
    return Outlines(
        view_box=data["viewBox"],
        departments={code: Outline(**d) for code, d in data["departments"].items()},
        insets=[Inset(**inset) for inset in data["insets"]],
    )


def is_overseas(code: str) -> bool:
    return code.startswith("97")


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker: the points of ``points`` (an open line) that keep it within
    ``tolerance`` of the original."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, distance = first, 0.0
        for i in range(first + 1, last):
            x, y = points[i]
            if length:
                d = abs(dy * (x - x1) - dx * (y - y1)) / length
            else:
                d = math.hypot(x - x1, y - y1)
            if d > distance:
                farthest, distance = i, d
        if distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def simplify_ring(ring: Sequence[Point], tolerance: float) -> list[Point]:
    """A closed ring simplified: split at its farthest point from the start so that both
    halves are open lines (a ring's first and last points are the same)."""
    start = ring[0]
    split = max(range(len(ring)), key=lambda i: math.dist(start, ring[i]))
    first = simplify(ring[: split + 1], tolerance)
    second = simplify(ring[split:], tolerance)
    return first[:-1] + second


def area(ring: Sequence[Point]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring))) / 2


def rings_of(geometry: dict) -> list[list[Point]]:
    """Every ring (outer and holes) of a GeoJSON Polygon or MultiPolygon, in lon/lat."""
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    return [[(lon, lat) for lon, lat, *_ in ring] for polygon in polygons for ring in polygon]


def middle_latitude(rings: Iterable[list[Point]]) -> float:
    lats = [lat for ring in rings for _, lat in ring]
    return (min(lats) + max(lats)) / 2


def equirectangular(rings: Iterable[list[Point]], latitude: float) -> list[list[Point]]:
    """Plain equirectangular projection, longitudes shrunk by the cosine of ``latitude``
    (the middle of the area drawn; y grows southwards, as in SVG)."""
    shrink = math.cos(math.radians(latitude))
    return [[(lon * shrink, -lat) for lon, lat in ring] for ring in rings]


def fit(rings: dict[str, list[list[Point]]], box: tuple[int, int, int, int]):
    """The projected rings scaled and moved to fit ``box`` (x, y, width, height), centred."""
    points = [p for code_rings in rings.values() for ring in code_rings for p in ring]
    min_x, max_x = min(x for x, _ in points), max(x for x, _ in points)
    min_y, max_y = min(y for _, y in points), max(y for _, y in points)
    x, y, width, height = box
    scale = min(width / (max_x - min_x), height / (max_y - min_y))
    left = x + (width - (max_x - min_x) * scale) / 2
    top = y + (height - (max_y - min_y) * scale) / 2
    return {
        code: [
            [(left + (px - min_x) * scale, top + (py - min_y) * scale) for px, py in ring]
            for ring in code_rings
        ]
        for code, code_rings in rings.items()
    }


def path_data(rings: Sequence[Sequence[Point]], tolerance: float = TOLERANCE) -> str:
    """The SVG path of a department: each ring simplified, rounded to whole units and
    written with relative moves; islands under ``SMALLEST_ISLAND`` dropped (never the
    largest ring)."""
    largest = max(rings, key=area)
    commands = []
    for ring in rings:
        if ring is not largest and area(ring) < SMALLEST_ISLAND:
            continue
        points = []
        for x, y in simplify_ring(ring, tolerance):
            point = (round(x), round(y))
            if not points or point != points[-1]:
                points.append(point)
        if len(points) > 1 and points[0] == points[-1]:
            points.pop()
        if len(points) < 3:
            continue
        (x0, y0), moves = points[0], []
        previous = points[0]
        for point in points[1:]:
            moves.append(numbers(point[0] - previous[0], point[1] - previous[1]))
            previous = point
        commands.append(f"M{numbers(x0, y0)}l{numbers_joined(moves)}z")
    return "".join(commands)


def numbers(*values: int) -> str:
    return numbers_joined([str(v) for v in values])


def numbers_joined(values: Sequence[str]) -> str:
    """Numbers of a path, a space only where a minus sign does not already separate them."""
    text = values[0]
    for value in values[1:]:
        text += value if value.startswith("-") else f" {value}"
    return text


def build(geojson: dict, source: str) -> dict:
    """The committed file's content from a GeoJSON FeatureCollection of departments (their
    ``code`` and ``nom`` properties)."""
    features = {f["properties"]["code"]: f for f in geojson["features"]}
    names = {code: f["properties"]["nom"] for code, f in features.items()}
    mainland = {
        code: rings_of(f["geometry"]) for code, f in features.items() if not is_overseas(code)
    }
    for code in {"2A", "2B"} & mainland.keys():
        mainland[code] = [
            [(lon + CORSICA_SHIFT[0], lat + CORSICA_SHIFT[1]) for lon, lat in ring]
            for ring in mainland[code]
        ]
    latitude = middle_latitude(ring for rings in mainland.values() for ring in rings)
    metropole = fit(
        {code: equirectangular(rings, latitude) for code, rings in mainland.items()},
        METROPOLE_BOX,
    )
    outlines = {code: path_data(rings) for code, rings in metropole.items()}
    insets = []
    for index, code in enumerate(sorted(c for c in features if is_overseas(c))):
        box = (10, 10 + index * INSET_STEP, INSET_SIZE, INSET_SIZE)
        rings = rings_of(features[code]["geometry"])
        fitted = fit({code: equirectangular(rings, middle_latitude(rings))}, box)
        outlines[code] = path_data(fitted[code])
        insets.append(
            {
                "code": code,
                "name": names[code],
                "x": box[0],
                "y": box[1],
                "width": box[2],
                "height": box[3],
            }
        )
    return {
        "source": source,
        "licence": "Licence Ouverte / Open Licence (Etalab)",
        "attribution": "IGN – ADMIN EXPRESS COG 2018, via gregoiredavid/france-geojson",
        "viewBox": f"0 0 {WIDTH} {HEIGHT}",
        "insets": insets,
        "departments": {
            code: {"name": names[code], "d": outlines[code]} for code in sorted(outlines)
        },
    }
