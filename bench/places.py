"""Place search bench: the commune table's answers and their time, on the full commune file.

Run from the project root:

    .venv/bin/python bench/places.py [--repeat N] [--sample N]

Migrates a throwaway SQLite database (bench settings) and imports the 36,208 rows of
``communes-2024.csv`` with the communes the file lacks (``manage.py import_communes``),
then, in-process, for each query of ``QUERIES``: what ``CommuneTableGeocoder.locate``
(the results page), ``.suggest`` (``/api/v1/communes/``, the search field's combobox) and
``.similar`` ("did you mean") answer, their median and slowest time over ``--repeat`` runs,
and their SQL queries. Then ``--sample`` commune names drawn at random (seeded), each with
one random typo (a letter deleted, inserted, replaced, or two swapped): how often the
commune is among the five ``similar`` answers, and the time per query. Not a test: it prints
the figures and exits 0.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    # Run as a script: import `bench.*` as a package, never this directory's modules as
    # top-level ones (bench/settings.py is not the `settings` module).
    sys.path[:] = [
        p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent
    ]
    sys.path.insert(0, str(PROJECT_DIR))

from bench.pages import COMMUNES_CSV, bench_env, manage, print_rows, versions  # noqa: E402

QUERIES = [
    # typos
    "Marseile",
    "Sant-Etienne",
    "Montpelier",
    "St Etiene",
    "Bordeau",
    "Toulous",
    "Strasbour",
    "Grenobel",
    "Perpigan",
    "Clermond-Ferrand",
    "Mulhous",
    "Villeurbane",
    # exact names and abbreviations
    "St Etienne",
    "Lodève",
    "Saint-Didier",
    "Paris",
    "Lyon",
    "Marseille",
    # arrondissements and their postcodes
    "Paris 15e",
    "Lyon 3e Arrondissement",
    "Marseille 8e",
    "75015",
    "69003",
    "13008",
    # overseas collectivities
    "Saint-Martin",
    "97150",
    "97133",
    # nothing near
    "Xyzzyq",
]
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="runs of each query")
    parser.add_argument("--sample", type=int, default=300, help="names with a random typo")
    return parser.parse_args()


def timed(call, repeat: int) -> tuple[object, list[float], int]:
    """The answer of ``call()``, the milliseconds of each run, and its SQL queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        answer = call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return answer, times, len(queries)


def typo(name: str, rnd: random.Random) -> str:
    position = rnd.randrange(len(name))
    letter = rnd.choice(LETTERS)
    kind = rnd.choice(("delete", "insert", "replace", "swap"))
    if kind == "delete":
        return name[:position] + name[position + 1 :]
    if kind == "insert":
        return name[:position] + letter + name[position:]
    if kind == "replace":
        return name[:position] + letter + name[position + 1 :]
    position = min(position, len(name) - 2)
    return name[:position] + name[position + 1] + name[position] + name[position + 2 :]


def measure(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from directory.models import Commune
    from directory.territories.geocoding import CommuneTableGeocoder
    from directory.territories.geography import place_key

    geocoder = CommuneTableGeocoder()
    print(f"{Commune.objects.count()} communes in the table")
    rows = []
    for query in QUERIES:
        places, locate_ms, locate_sql = timed(lambda q=query: geocoder.locate(q), args.repeat)
        suggested, suggest_ms, suggest_sql = timed(
            lambda q=query: geocoder.suggest(q), args.repeat
        )
        similar, similar_ms, similar_sql = timed(lambda q=query: geocoder.similar(q), args.repeat)
        rows.append(
            [
                query,
                "; ".join(place.label for place in places[:2]) or "-",
                ", ".join(commune.name for commune, _ in suggested[:2]) or "-",
                ", ".join(place.label for place in similar[:2]) or "-",
                f"{statistics.median(locate_ms):.1f}/{max(locate_ms):.1f} ({locate_sql})",
                f"{statistics.median(suggest_ms):.1f}/{max(suggest_ms):.1f} ({suggest_sql})",
                f"{statistics.median(similar_ms):.1f}/{max(similar_ms):.1f} ({similar_sql})",
            ]
        )
    print(f"\nms median/slowest of {args.repeat} runs (SQL queries)")
    print_rows(
        ["query", "locate", "suggest", "similar", "locate ms", "suggest ms", "similar ms"],
        rows,
    )

    rnd = random.Random(19)  # noqa: S311 (a repeatable sample, not a secret)
    names = list(
        Commune.objects.filter(kind__in=["COM", "ARM"], latitude__isnull=False)
        .exclude(name__regex=r"^.{0,3}$")
        .values_list("insee", "name")
    )
    found, times = 0, []
    for insee, name in rnd.sample(names, args.sample):
        typed = typo(name, rnd)
        if place_key(typed) == place_key(name):
            typed = typo(name, rnd) + "x"
        started = time.perf_counter()
        similar = geocoder.similar(typed)
        times.append((time.perf_counter() - started) * 1000)
        found += insee in {place.insee for place in similar}
    times.sort()
    print(
        f"\n{args.sample} names with one random typo: the commune among the 5 'similar' "
        f"answers {found / args.sample:.0%}; ms median {statistics.median(times):.1f}, "
        f"95th percentile {times[int(len(times) * 0.95)]:.1f}, slowest {times[-1]:.1f}"
    )


@contextmanager
def throwaway_env(prefix: str) -> Iterator[dict[str, str]]:
    """The bench environment of a throwaway SQLite database, set in this process too (the
    in-process Django uses the same settings and database); removed on leaving."""
    work_dir = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        env = bench_env(work_dir, page_cache=False)
        os.environ.update(env)
        yield env
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)


def main() -> int:
    args = parse_args()
    os.chdir(PROJECT_DIR)
    print(versions())
    with throwaway_env("portal-places-bench-") as env:
        print(f"Preparing {env['SQLITE_PATH']}: migrate, import_communes ...", flush=True)
        manage(env, "migrate", "--noinput")
        started = time.perf_counter()
        summary = manage(env, "import_communes", str(COMMUNES_CSV)).splitlines()[-1]
        print(f"{COMMUNES_CSV.name}: {summary} in {time.perf_counter() - started:.1f} s")
        measure(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
