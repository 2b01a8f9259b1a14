"""Nearby search bench: the API and the results page, on the official list and at 100,000.

Run from the project root:

    .venv/bin/python bench/nearby.py [--seconds N] [--threads N] [--origins N] [--skip-100k]

Two throwaway SQLite databases (bench settings): the official list of France Services
(``manage.py import_france_services``, on top of the demo content and the communes), then
a synthetic directory of 100,000 maisons and stops (``bench/synthetic.py``). For each:
SQL queries and server time per request in-process for a sparse place, a dense one, a
point with nothing within 20 km and a far-away point; then gunicorn (the machinery of
``bench/pages.py``) loaded with the bare view, ``GET /api/v1/maisons/?near=``,
``?commune=``, the results page ``/maisons/?lat=&lon=`` and its map's data
``/maisons/carte/?lat=&lon=`` (which the map script loads apart), each request from
another commune's point; and the peak memory of each gunicorn worker. Not a test: it prints the
figures and the issue's targets (see docs/benchmarks.md) and exits non-zero only if a
request failed or answered something other than 200.
"""

import argparse
import http.client
import multiprocessing
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    # Run as a script: import `bench.*` as a package, never this directory's modules as
    # top-level ones (bench/settings.py is not the `settings` module).
    sys.path[:] = [
        p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent
    ]
    sys.path.insert(0, str(PROJECT_DIR))

from bench.pages import (  # noqa: E402
    BARE_URL,
    HOST,
    LOAD_HEADERS,
    REQUEST_TIMEOUT,
    WORKERS,
    InProcess,
    Result,
    bench_env,
    errors_cell,
    fetch,
    free_port,
    load,
    load_cells,
    manage,
    measure_in_process,
    prepare_database,
    print_header,
    print_rows,
    ratio,
    run_python,
    start_gunicorn,
    stop,
    wait_until_ready,
    worker_memory,
)
from bench.synthetic import COMMUNES_CSV, CommunePoint, metropolitan_communes  # noqa: E402

OFFICIAL_CSV = PROJECT_DIR.parent / "shared" / "data" / "france-services" / "liste-fs-20240801.csv"
SEED = 2024
RADIUS_KM = 20  # the default radius of the API and of the results page
PICK_SAMPLE = 200  # origins searched in-process to find a sparse and a dense place
# Nothing within 20 km: the Bay of Biscay, about 100 km off the Vendée coast. The results
# page then looks within 100 km for the few nearest (the API answers none).
AT_SEA = ("at sea, 100 km off the coast", 46.0, -3.0)
# Nothing within 100 km either: the results page ranks every maison by an approximate
# distance in SQL.
FAR_AWAY = ("far away (0, 0)", 0.0, 0.0)
TARGET_API_P95_MS = {"official": 15.0, "synthetic": 50.0}
TARGET_PAGE_VS_BARE = 0.10
TARGET_API_QUERIES = 8
# The same API requests one at a time: server time without the CPU contention of
# concurrent requests (2 workers and the client threads share the machine's cores).
SEQUENTIAL = "API ?near=, 1 client thread"
SEQUENTIAL_PAGE = "results page, 1 client thread"
# Issue 26: the API and the results page at p95 <= 50 ms on 100,000 points, one request
# at a time and under load.
TARGET_PAGE_P95_MS = {"synthetic": 50.0}


def api_near(lat: float, lon: float) -> str:
    return f"/api/v1/maisons/?near={lat:.5f},{lon:.5f}"


def api_commune(insee: str) -> str:
    return f"/api/v1/maisons/?commune={insee}"


def results_page(lat: float, lon: float) -> str:
    return f"/maisons/?lat={lat:.5f}&lon={lon:.5f}"


def map_data(lat: float, lon: float) -> str:
    """The results page's map data, which its map script loads apart."""
    return f"/maisons/carte/?lat={lat:.5f}&lon={lon:.5f}"


@dataclass(frozen=True)
class Place:
    label: str
    lat: float
    lon: float
    insee: str | None
    results: int  # maisons within RADIUS_KM
    beyond: int = 0  # with none within: the nearest ones the search found further away


@dataclass
class Probe:
    """What the in-process part found on one database."""

    maisons: int
    stops: int
    results_per_origin: list[int]
    places: list[Place]
    measured: dict[str, InProcess]


@dataclass
class Phase:
    key: str
    title: str
    setup: str
    probe: Probe | None = None
    loads: list[Result] = field(default_factory=list)
    memory: dict[int, tuple[int, int]] = field(default_factory=dict)
    # Then a few API requests for a far-away point, two at a time (one per worker).
    far_away_ms: list[float] = field(default_factory=list)
    memory_after_far: dict[int, tuple[int, int]] = field(default_factory=dict)
    load_average: str = ""

    def load(self, label: str) -> Result:
        return next(result for result in self.loads if result.url.startswith(f"{label} ("))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="load time per row")
    parser.add_argument("--threads", type=int, default=4, help="client threads")
    parser.add_argument(
        "--max-requests", type=int, default=200_000, help="upper bound on requests per row"
    )
    parser.add_argument(
        "--origins",
        type=int,
        default=3000,
        help="distinct commune points the requests go through (the results page needs "
        "more than it serves in --seconds, or repeats come from the page cache)",
    )
    parser.add_argument(
        "--skip-100k", action="store_true", help="the official list only, no synthetic part"
    )
    parser.add_argument("--fixed", type=int, default=95_000, help="synthetic fixed maisons")
    parser.add_argument("--buses", type=int, default=5_000, help="synthetic buses (~4 stops)")
    parser.add_argument("--source", default=str(OFFICIAL_CSV), help="official list (CSV)")
    parser.add_argument("--communes", default=str(COMMUNES_CSV), help="communes (CSV)")
    args = parser.parse_args()
    if args.seconds <= 0 or args.threads < 1 or args.max_requests < 1:
        parser.error("--seconds, --threads and --max-requests must be positive")
    if args.origins < PICK_SAMPLE + 2:
        parser.error(f"--origins must be at least {PICK_SAMPLE + 2}")
    return args


def sample_origins(path: Path, count: int) -> list[CommunePoint]:
    communes = metropolitan_communes(path)
    return random.Random(SEED).sample(communes, min(count, len(communes)))  # noqa: S311


def probe(origins: list[tuple[str, str, float, float]]) -> Probe:
    """In a fresh process (spawned with the phase's environment): hit counts of the first
    ``PICK_SAMPLE`` origins, the places to measure, then one in-process request per URL."""
    import django

    django.setup()
    from django.db import connection

    from directory.maisons.nearby import find_nearby
    from directory.models import ItineraryStop, MaisonPage

    live = MaisonPage.objects.live()
    counted = []
    for insee, name, lat, lon in origins[:PICK_SAMPLE]:
        nearby = find_nearby(live, latitude=lat, longitude=lon, radius_km=RADIUS_KM)
        counted.append((0 if nearby.beyond_radius else len(nearby.hits), insee, name, lat, lon))
    with_results = [item for item in counted if item[0]]
    sparse = min(with_results, key=lambda item: item[0])
    dense = max(counted, key=lambda item: item[0])
    places = [
        Place(f"{kind}: {name} ({insee})", lat, lon, insee, results)
        for kind, (results, insee, name, lat, lon) in (("sparse", sparse), ("dense", dense))
    ]
    for label, lat, lon in (AT_SEA, FAR_AWAY):
        nearby = find_nearby(live, latitude=lat, longitude=lon, radius_km=RADIUS_KM)
        places.append(Place(label, lat, lon, None, 0, len(nearby.hits)))
    maisons, stops = live.count(), ItineraryStop.objects.count()
    connection.close()

    urls = []
    for place in places:
        urls += [
            api_near(place.lat, place.lon),
            results_page(place.lat, place.lon),
            map_data(place.lat, place.lon),
        ]
        if place.insee:
            urls.append(api_commune(place.insee))
    # Warm the process (templates, site root paths, partners…) on other places first.
    _, _, lat, lon = origins[-1]
    insee = origins[-2][0]
    warm_up = [api_near(lat, lon), results_page(lat, lon), api_commune(insee)]
    return Probe(
        maisons=maisons,
        stops=stops,
        results_per_origin=[item[0] for item in counted],
        places=places,
        measured=measure_in_process(urls, warm_up_urls=warm_up),
    )


def in_child(function, *args):
    """Run ``function`` in a fresh interpreter with the current environment: each
    database gets its own Django setup and in-process caches."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def copy_database(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def timed_manage(env: dict[str, str], *command: str) -> float:
    started = time.perf_counter()
    manage(env, *command)
    return time.perf_counter() - started


def run_phase(phase: Phase, work_dir: Path, env: dict, origins, args) -> None:
    os.environ.update(env)  # the spawned in-process part uses the same database
    print(f"[{phase.key}] in-process: hit counts, SQL queries, server time ...", flush=True)
    phase.probe = in_child(probe, [(c.insee, c.name, c.latitude, c.longitude) for c in origins])
    print_probe(phase)

    near = [api_near(c.latitude, c.longitude) for c in origins]
    pages = [results_page(c.latitude, c.longitude) for c in origins]
    rows = [  # (label, addresses or None for the bare view, client threads)
        ("bare view", None, args.threads),
        ("API ?near=", near, args.threads),
        (SEQUENTIAL, near, 1),
        ("API ?commune=", [api_commune(c.insee) for c in origins], args.threads),
        ("results page ?lat=&lon=", pages, args.threads),
        # From the other end of the origins: no address the row above asked for (the page
        # cache would answer it).
        (SEQUENTIAL_PAGE, pages[::-1], 1),
        (
            "map data ?lat=&lon=",
            [map_data(c.latitude, c.longitude) for c in origins],
            args.threads,
        ),
    ]
    log_path = work_dir / "gunicorn.log"
    port = free_port()
    proc = start_gunicorn(env, port, log_path)
    try:
        wait_until_ready(proc, port, log_path)
        print(
            f"[{phase.key}] gunicorn ready on {HOST}:{port}; {args.seconds:g} s per row ...",
            flush=True,
        )
        for label, urls, threads in rows:
            name = f"{label} {BARE_URL}" if urls is None else f"{label} ({len(urls)} points)"
            result = load(port, BARE_URL, args.seconds, threads, args.max_requests, variants=urls)
            result.url = name
            phase.loads.append(result)
        phase.load_average = load_average()
        phase.memory = worker_memory(proc)
        phase.far_away_ms = far_away_requests(port)
        phase.memory_after_far = worker_memory(proc)
    finally:
        stop(proc)
        if any(result.errors for result in phase.loads):
            tail = log_path.read_text(errors="replace").splitlines()[-20:]
            print("Last lines of the gunicorn log:", *tail, sep="\n  ", file=sys.stderr)
    print_loads(phase)


def far_away_requests(port: int, rounds: int = 2) -> list[float]:
    """Server times of ``rounds`` x ``WORKERS`` ``?near=`` requests for ``FAR_AWAY``,
    ``WORKERS`` at a time, so that every sync worker is likely to serve some."""
    _, lat, lon = FAR_AWAY
    url = api_near(lat, lon)

    def one(_) -> float:
        conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT * 6)
        try:
            status, server_ms = fetch(conn, url)
        finally:
            conn.close()
        if status != 200 or server_ms is None:
            raise SystemExit(f"{url} answered {status}")
        return server_ms

    times = []
    with ThreadPoolExecutor(WORKERS) as pool:
        for _ in range(rounds):
            times += pool.map(one, range(WORKERS))
    return times


def load_average() -> str:
    if not hasattr(os, "getloadavg"):
        return "?"
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def ms(value: float | None) -> str:
    return "-" if value is None or value != value else f"{value:.1f}"


def print_probe(phase: Phase) -> None:
    found = phase.probe
    counts = sorted(found.results_per_origin)
    print(
        f"\n== {phase.title}: {found.maisons:,} live maisons, {found.stops:,} itinerary stops "
        f"({phase.setup}) =="
    )
    print(
        f"Maisons within {RADIUS_KM} km of {len(counts)} commune points: median "
        f"{statistics.median(counts):g}, max {counts[-1]}, none for "
        f"{sum(1 for c in counts if not c)}."
    )
    print(
        "SQL queries and server time (Server-Timing) of one in-process request per URL "
        "(django.test.Client; first request of each URL, after warm-up requests elsewhere):"
    )
    headers = [
        "place",
        "within 20 km",
        "API near SQL",
        "API ms",
        "page SQL",
        "page ms",
        "map SQL",
        "map ms",
        "API commune SQL",
        "API ms ",
    ]
    rows = []
    for place in found.places:
        near = found.measured[api_near(place.lat, place.lon)]
        page = found.measured[results_page(place.lat, place.lon)]
        points = found.measured[map_data(place.lat, place.lon)]
        commune = found.measured.get(api_commune(place.insee)) if place.insee else None
        within = str(place.results) if place.results else f"0 ({place.beyond} beyond)"
        rows.append(
            [
                place.label,
                within,
                queries(near),
                ms(near.server_ms),
                queries(page),
                ms(page.server_ms),
                queries(points),
                ms(points.server_ms),
                queries(commune) if commune else "-",
                ms(commune.server_ms) if commune else "-",
            ]
        )
    print_rows(headers, rows)


def queries(measured: InProcess) -> str:
    if measured.status != 200:
        return f"{measured.queries} (HTTP {measured.status})"
    return str(measured.queries)


def print_loads(phase: Phase) -> None:
    bare_rate = phase.loads[0].rate
    headers = [
        "row",
        *LOAD_HEADERS,
        "vs bare",
        "repeated URLs",
        "errors",
    ]
    rows = []
    for result in phase.loads:
        rows.append(
            [
                result.url,
                *load_cells(result),
                ratio(result.rate, bare_rate),
                "-" if result.variants == 1 else str(result.repeats),
                errors_cell(result),
            ]
        )
    print(
        f"\n[{phase.key}] gunicorn, {WORKERS} sync workers; ms are client latency, "
        "server p50/p95 the Server-Timing app;dur of the same requests:"
    )
    print_rows(headers, rows)
    if phase.memory:
        print(f"Peak memory per gunicorn worker (VmHWM) after the load: {memory(phase.memory)}")
    if phase.far_away_ms:
        times = ", ".join(f"{value:.0f}" for value in phase.far_away_ms)
        print(
            f"Then {len(phase.far_away_ms)} API requests near {FAR_AWAY[1]:g},{FAR_AWAY[2]:g} "
            f"(nothing within 1,000 km), server ms: {times}; VmHWM after them: "
            f"{memory(phase.memory_after_far)}"
        )
    print(f"Load average (1, 5, 15 min) at the end of the loads: {phase.load_average}")


def memory(workers: dict[int, tuple[int, int]]) -> str:
    return ", ".join(
        f"pid {pid}: {hwm / 1024:.0f} MB (now {rss / 1024:.0f} MB)"
        for pid, (hwm, rss) in sorted(workers.items())
    )


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def print_targets(phases: list[Phase], args: argparse.Namespace) -> None:
    print("\nTargets (from the issue; measured, not asserted):")
    for phase in phases:
        if phase.probe is None or not phase.loads:
            continue
        target = TARGET_API_P95_MS[phase.key]
        for label in ("API ?near=", SEQUENTIAL):
            api = phase.load(label)
            p95 = api.server_percentile_ms(95)
            threads = "1 client thread" if label == SEQUENTIAL else f"{args.threads} threads"
            print(
                f"  {phase.title}: API ?near= p95 server time {p95:.1f} ms with {threads} "
                f"(target <= {target:g} ms): {verdict(p95 <= target)}"
            )
        for label in ("results page ?lat=&lon=", SEQUENTIAL_PAGE):
            if phase.key not in TARGET_PAGE_P95_MS:
                break
            p95 = phase.load(label).server_percentile_ms(95)
            threads = "1 client thread" if label == SEQUENTIAL_PAGE else f"{args.threads} threads"
            target_page = TARGET_PAGE_P95_MS[phase.key]
            print(
                f"  {phase.title}: results page p95 server time {p95:.1f} ms with {threads} "
                f"(target <= {target_page:g} ms): {verdict(p95 <= target_page)}"
            )
        if phase.key == "official":
            page = phase.load("results page ?lat=&lon=")
            share = page.rate / phase.loads[0].rate if phase.loads[0].rate else 0.0
            print(
                f"  {phase.title}: results page {page.rate:.1f} req/s = {share:.3f}x the bare "
                f"view's {phase.loads[0].rate:.0f} req/s (target >= {TARGET_PAGE_VS_BARE:g}x): "
                f"{verdict(share >= TARGET_PAGE_VS_BARE)}"
            )
        measured = phase.probe.measured
        sparse, dense, *elsewhere = phase.probe.places
        api_counts = [measured[api_near(p.lat, p.lon)].queries for p in (sparse, dense)]
        page_counts = [measured[results_page(p.lat, p.lon)].queries for p in (sparse, dense)]
        ok = max(api_counts) <= TARGET_API_QUERIES and len(set(api_counts)) == 1
        print(
            f"  {phase.title}: SQL per API request {api_counts[0]} ({sparse.results} results) "
            f"vs {api_counts[1]} ({dense.results} results) (target <= {TARGET_API_QUERIES}, "
            f"constant): {verdict(ok)}; results page {page_counts[0]} vs {page_counts[1]}"
            f"{' (constant)' if len(set(page_counts)) == 1 else ' (NOT constant)'}"
        )
        for place in elsewhere:
            near = measured[api_near(place.lat, place.lon)]
            print(
                f"    {place.label}: API {near.queries} queries, {ms(near.server_ms)} ms "
                f"in-process"
            )


def main() -> int:
    args = parse_args()
    os.chdir(PROJECT_DIR)
    print_header(args.threads)
    print(f"Load average (1, 5, 15 min) at the start: {load_average()}")
    origins = sample_origins(Path(args.communes), args.origins)
    print(
        f"{len(origins)} origins: random communes of metropolitan France (seed {SEED}); "
        f"radius {RADIUS_KM} km; public page cache on, every results-page URL distinct"
    )
    work_dir = Path(tempfile.mkdtemp(prefix="portal-nearby-bench-"))
    official_dir, synthetic_dir = work_dir / "official", work_dir / "synthetic"
    phases = []
    try:
        official_env = bench_env(official_dir, page_cache=True)
        Path(official_env["SQLITE_PATH"]).parent.mkdir(parents=True)
        print(f"Preparing {official_env['SQLITE_PATH']}: migrate, seed_demo, communes ...")
        started = time.perf_counter()
        prepare_database(official_env)
        manage(official_env, "import_communes", args.communes)
        base_seconds = time.perf_counter() - started
        if not args.skip_100k:
            copy_database(Path(official_env["SQLITE_PATH"]), synthetic_dir / "bench.sqlite3")
        print(f"Importing the official list {args.source} ...", flush=True)
        imported = timed_manage(official_env, "import_france_services", args.source)
        official = Phase(
            "official",
            "Official list",
            f"demo content + {Path(args.source).name}; migrate, seed and communes "
            f"{base_seconds:.0f} s, import {imported:.0f} s",
        )
        phases.append(official)
        run_phase(official, official_dir, official_env, origins, args)

        if not args.skip_100k:
            synthetic_env = bench_env(synthetic_dir, page_cache=True)
            print(
                f"\nInserting the synthetic directory ({args.fixed:,} fixed + {args.buses:,} "
                f"buses) into {synthetic_env['SQLITE_PATH']} ...",
                flush=True,
            )
            started = time.perf_counter()
            completed = _synthetic(synthetic_env, args)
            inserted = time.perf_counter() - started
            print(completed)
            synthetic = Phase(
                "synthetic",
                "Synthetic directory",
                f"demo content + {args.fixed + args.buses:,} synthetic; setup {inserted:.0f} s",
            )
            phases.append(synthetic)
            run_phase(synthetic, synthetic_dir, synthetic_env, origins, args)
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)

    print_targets(phases, args)
    failed = [result.url for phase in phases for result in phase.loads if result.errors] + [
        url
        for phase in phases
        if phase.probe
        for url, measured in phase.probe.measured.items()
        if measured.status != 200
    ]
    if failed:
        print(f"\nErrors (non-200 or failed requests) on: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def _synthetic(env: dict[str, str], args: argparse.Namespace) -> str:
    return run_python(
        env,
        "-m",
        "bench.synthetic",
        "--fixed",
        str(args.fixed),
        "--buses",
        str(args.buses),
        "--communes",
        args.communes,
    )


if __name__ == "__main__":
    sys.exit(main())
