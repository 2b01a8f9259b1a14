"""A synthetic directory of about 100,000 maisons and stops, inserted in bulk.

    SQLITE_PATH=/tmp/…/bench.sqlite3 .venv/bin/python -m bench.synthetic [--fixed N] [--buses N]

For ``bench/nearby.py``, on a throwaway database only (``bench.settings`` refuses to load
without ``SQLITE_PATH``) that is already migrated and seeded: the directory index page and
the departments must exist, the communes should (``manage.py import_communes``).

Creating pages through Wagtail's page API (``add_child``, one save and a few queries each)
would take the better part of an hour for 100,000 pages, and the ORM's ``bulk_create``
still costs about a minute of CPU here (model instances, per-value conversion), so the
rows are written with raw ``executemany`` (``RawInsert``): ``wagtailcore_page`` rows with
explicit ids and the treebeard ``path``, ``depth`` and ``numchild`` computed here under
the directory index page (whose ``numchild`` is raised to match), ``url_path``, ``locale``,
``content_type``, ``live``; then the ``directory_maisonpage`` rows of the multi-table child
(``page_ptr_id``), the opening intervals and the itinerary stops. No revision, search-index
entry or log entry is written: the directory search reads none.

Points are drawn uniformly over metropolitan France's bounding box and kept when their
0.1° cell (about 11 by 8 km) holds a real commune, so they lie on land, not at sea; the
nearest commune of the cell names the maison and gives its postcode and department. Each
bus stops at 3 to 5 communes within ``STOP_RADIUS_KM`` of its home commune, with one weekly
slot each; every maison has one weekly opening interval. Seeded: two runs give the same
directory.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import random
import sys
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import time as clock
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
COMMUNES_CSV = PROJECT_DIR.parent / "shared" / "data" / "communes" / "communes-2024.csv"
# Metropolitan France, Corsica included: south, north, west, east (degrees).
BBOX = (41.33, 51.09, -5.15, 9.57)
STOP_RADIUS_KM = 25.0
CELL_DEG = 0.1
EARTH_RADIUS_KM = 6371.0088
SEED = 20240801
BATCH = 5000


@dataclass(frozen=True)
class CommunePoint:
    insee: str
    name: str
    postcode: str
    department: str
    latitude: float
    longitude: float


def metropolitan_communes(path: Path = COMMUNES_CSV) -> list[CommunePoint]:
    """Communes (not delegated ones nor arrondissements) of metropolitan France with a point,
    one per INSEE code (the first postcode), in file order."""
    found: dict[str, CommunePoint] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            department = row["insee_dep"]
            if row["commune_type"] != "COM" or not row["lat"] or not row["lng"]:
                continue
            if not department or department.startswith("97") or row["insee_com"] in found:
                continue
            found[row["insee_com"]] = CommunePoint(
                insee=row["insee_com"],
                name=row["commune_article"] or row["commune"],
                postcode=row["code_postal"],
                department=department,
                latitude=float(row["lat"]),
                longitude=float(row["lng"]),
            )
    return list(found.values())


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: exact enough over a few tens of kilometres."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return EARTH_RADIUS_KM * math.hypot(x, math.radians(lat2 - lat1))


class CommuneGrid:
    """Communes bucketed in cells of ``CELL_DEG`` degrees (about 11 by 8 km)."""

    def __init__(self, communes: list[CommunePoint]):
        self.cells: dict[tuple[int, int], list[CommunePoint]] = defaultdict(list)
        for commune in communes:
            self.cells[self._cell(commune.latitude, commune.longitude)].append(commune)

    @staticmethod
    def _cell(latitude: float, longitude: float) -> tuple[int, int]:
        return math.floor(latitude / CELL_DEG), math.floor(longitude / CELL_DEG)

    def in_cell(self, latitude: float, longitude: float) -> CommunePoint | None:
        """The nearest commune of the point's own cell, if the cell holds any: a point of a
        cell without a commune is at sea or abroad, or nearly."""
        candidates = self.cells.get(self._cell(latitude, longitude))
        if not candidates:
            return None
        return min(candidates, key=lambda c: _km(latitude, longitude, c.latitude, c.longitude))

    def within(self, latitude: float, longitude: float, km: float) -> list[CommunePoint]:
        reach_lat = math.ceil(km / 111.0 / CELL_DEG)
        reach_lon = math.ceil(km / (111.0 * math.cos(math.radians(latitude))) / CELL_DEG)
        row, col = self._cell(latitude, longitude)
        return [
            commune
            for r in range(row - reach_lat, row + reach_lat + 1)
            for c in range(col - reach_lon, col + reach_lon + 1)
            for commune in self.cells.get((r, c), ())
            if _km(latitude, longitude, commune.latitude, commune.longitude) <= km
        ]


@dataclass
class Plan:
    """What to insert: one entry per maison, and the stops of the buses."""

    # (latitude, longitude, commune, is_bus)
    maisons: list[tuple[float, float, CommunePoint, bool]]
    # maison index -> communes where the bus stops
    stops: dict[int, list[CommunePoint]]

    @property
    def stop_count(self) -> int:
        return sum(len(stops) for stops in self.stops.values())


def plan(fixed: int, buses: int, *, seed: int = SEED, communes=None) -> Plan:
    rng = random.Random(seed)  # noqa: S311 (repeatable test data, not security)
    grid = CommuneGrid(communes if communes is not None else metropolitan_communes())
    south, north, west, east = BBOX
    maisons = []
    stops: dict[int, list[CommunePoint]] = {}
    for index in range(fixed + buses):
        while True:
            latitude, longitude = rng.uniform(south, north), rng.uniform(west, east)
            commune = grid.in_cell(latitude, longitude)
            if commune is not None:
                break
        is_bus = index >= fixed
        maisons.append((round(latitude, 6), round(longitude, 6), commune, is_bus))
        if is_bus:
            around = grid.within(commune.latitude, commune.longitude, STOP_RADIUS_KM)
            stops[index] = rng.sample(around, min(len(around), rng.choice((3, 4, 4, 5))))
    return Plan(maisons=maisons, stops=stops)


class RawInsert:
    """``executemany`` into one model's own table, without building model instances.

    The columns named in ``varying`` take plain SQLite values given per row (int, float,
    str, bool, None); every other column takes a constant, converted once by its field
    (``constants``, else the field's default). The ORM's ``bulk_create`` does the same
    work per value and per row and costs several times more CPU at 100,000 rows; it also
    refuses the child table of multi-table inheritance.
    """

    def __init__(self, model, *, varying: list[str], constants: dict | None = None):
        from django.db import connection

        constants = constants or {}
        fields = [
            f
            for f in model._meta.local_concrete_fields
            if f.attname in varying or f.attname in constants or not f.primary_key
        ]
        names = [f.attname for f in fields]
        unknown = (set(varying) | set(constants)) - set(names)
        if unknown:
            raise ValueError(f"{model.__name__} has no column for {sorted(unknown)}")
        self.template = [
            None
            if f.attname in varying
            else f.get_db_prep_save(constants.get(f.attname, f.get_default()), connection)
            for f in fields
        ]
        self.positions = [names.index(name) for name in varying]
        quote = connection.ops.quote_name
        # Table and column names come from the models; values go as parameters.
        table = quote(model._meta.db_table)
        columns = ", ".join(quote(f.column) for f in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        self.sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        self.rows: list[list] = []

    def add(self, *values) -> None:
        row = self.template.copy()
        for position, value in zip(self.positions, values, strict=True):
            row[position] = value
        self.rows.append(row)

    def flush(self) -> int:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.executemany(self.sql, self.rows)
        written, self.rows = len(self.rows), []
        return written


def insert(directory: Plan, *, seed: int = SEED) -> dict[str, int]:
    """Writes ``directory`` under the directory index page, in one transaction."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models import F, Max
    from django.utils import timezone
    from wagtail.models import Page

    from directory.models import (
        Commune,
        Department,
        DirectoryIndexPage,
        ItineraryStop,
        MaisonPage,
        OpeningInterval,
    )

    rng = random.Random(seed + 1)  # noqa: S311 (repeatable test data, not security)
    now = timezone.now()
    index = DirectoryIndexPage.objects.order_by("path").first()
    if index is None:
        raise SystemExit("No directory index page: run migrate and seed_demo first.")
    departments = dict(Department.objects.values_list("code", "pk"))
    commune_ids = dict(
        Commune.objects.filter(kind=Commune.Kind.COMMUNE).values_list("insee", "pk")
    )
    depth = index.depth + 1
    last_child = index.get_last_child()
    first_step = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
    first_id = (Page.objects.aggregate(top=Max("id"))["top"] or 0) + 1

    pages = RawInsert(
        Page,
        varying=["id", "path", "title", "draft_title", "slug", "url_path", "translation_key"],
        constants={
            "depth": depth,
            "numchild": 0,
            "content_type_id": ContentType.objects.get_for_model(MaisonPage).pk,
            "locale_id": index.locale_id,
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": now,
            "last_published_at": now,
            "show_in_menus": False,
        },
    )
    maisons = RawInsert(
        MaisonPage,
        varying=[
            "page_ptr_id",
            "source_id",
            "format",
            "postcode",
            "insee_commune",
            "commune_name",
            "commune_id",
            "department_id",
            "latitude",
            "longitude",
            "booking",
            "has_visio",
            "access",
        ],
        constants={"address": "Place de la Mairie", "phone": "01 23 45 67 89"},
    )
    intervals = RawInsert(
        OpeningInterval,
        varying=["maison_id", "weekday"],
        constants={"opens": clock(9), "closes": clock(17)},
    )
    slots = [(clock(9, 30), clock(12)), (clock(14), clock(16, 30))]
    stops = [
        RawInsert(
            ItineraryStop,
            varying=[
                "maison_id",
                "sort_order",
                "weekday",
                "commune_name",
                "insee_commune",
                "latitude",
                "longitude",
            ],
            constants={
                "place": "Place de la Mairie",
                "frequency": ItineraryStop.Frequency.WEEKLY,
                "starts": starts,
                "ends": ends,
            },
        )
        for starts, ends in slots
    ]
    with transaction.atomic():
        for number, (latitude, longitude, commune, is_bus) in enumerate(directory.maisons):
            page_id = first_id + number
            slug = f"synthetique-{number + 1:06d}"
            title = f"{'Bus ' if is_bus else ''}France services {commune.name} n° {number + 1}"
            pages.add(
                page_id,
                Page._get_path(index.path, depth, first_step + number),
                title,
                title,
                slug,
                f"{index.url_path}{slug}/",
                uuid.UUID(int=rng.getrandbits(128), version=4).hex,
            )
            maisons.add(
                page_id,
                f"S{number + 1}",
                MaisonPage.Format.BUS.value if is_bus else MaisonPage.Format.FIXED.value,
                commune.postcode,
                commune.insee,
                commune.name,
                commune_ids.get(commune.insee),
                departments.get(commune.department),
                latitude,
                longitude,
                rng.random() < 0.3,
                rng.random() < 0.2,
                rng.choice(["", "yes", "partial", "no"]),
            )
            intervals.add(page_id, number % 5)
            for order, stop in enumerate(directory.stops.get(number, ())):
                stops[order % 2].add(
                    page_id,
                    order,
                    (number + order) % 5,
                    stop.name,
                    stop.insee,
                    stop.latitude,
                    stop.longitude,
                )
            if len(pages.rows) >= BATCH:
                for table in (pages, maisons, intervals, *stops):  # parents first
                    table.flush()
        for table in (pages, maisons, intervals, *stops):
            table.flush()
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(directory.maisons))
    return {
        "maisons": MaisonPage.objects.live().count(),
        "children": index.get_children().count(),
        "stops": ItineraryStop.objects.count(),
        "intervals": OpeningInterval.objects.count(),
    }


def add_agents_in_maisons(count: int, *, prefix: str, first_name: str) -> list:
    """``count`` agents (users with an unusable password, and their profiles) spread over
    the live maisons, ``<prefix>-<n>@bench.example``; the users."""
    from django.contrib.auth.hashers import make_password

    from directory.models import MaisonPage
    from network.models import AgentProfile, Role
    from portal.models import User

    unusable = make_password(None)
    maisons = list(MaisonPage.objects.live().values_list("pk", flat=True))
    users = User.objects.bulk_create(
        [
            User(
                email=f"{prefix}-{number:05d}@bench.example",
                password=unusable,
                first_name=first_name,
                last_name=f"N° {number}",
            )
            for number in range(count)
        ],
        batch_size=2000,
    )
    AgentProfile.objects.bulk_create(
        [
            AgentProfile(user=user, role=Role.AGENT, maison_id=maisons[number % len(maisons)])
            for number, user in enumerate(users)
        ],
        batch_size=2000,
    )
    return users


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixed", type=int, default=95_000, help="fixed maisons")
    parser.add_argument("--buses", type=int, default=5_000, help="buses, ~4 stops each")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--communes", default=str(COMMUNES_CSV), help="communes (CSV)")
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"  # never a real database
    import django

    django.setup()
    started = time.perf_counter()
    communes = metropolitan_communes(Path(args.communes))
    directory = plan(args.fixed, args.buses, seed=args.seed, communes=communes)
    planned = time.perf_counter()
    counts = insert(directory, seed=args.seed)
    done = time.perf_counter()
    print(
        f"synthetic directory: {len(directory.maisons)} maisons ({args.buses} buses, "
        f"{directory.stop_count} stops) planned in {planned - started:.1f} s, "
        f"inserted in {done - planned:.1f} s; now {counts['maisons']} live maisons, "
        f"{counts['children']} under the index, {counts['stops']} stops, "
        f"{counts['intervals']} opening intervals"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
