"""Time the import of the official France Services list into a throwaway database.

    .venv/bin/python bench/import_france_services.py [--source PATH] [--runs N]
    bash .ci/with-postgres.sh .venv/bin/python bench/import_france_services.py --postgres

Migrates a temporary SQLite database (bench settings), loads the demo content, then
imports the list N times (default 1) into an empty directory, each time followed by a
second run on the same file (nothing to change). Prints wall times, pages per second
and the summary lines. Target: the first run under 60 s on a 2-core machine.
``--postgres``: the same, once, on the throwaway PostgreSQL of ``.ci/with-postgres.sh``
(its ``DATABASE_URL``, on loopback only, must hold an empty database).
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = (
    PROJECT_DIR.parent / "shared" / "data" / "france-services" / "liste-fs-20240801.csv"
)


def manage(env: dict[str, str], *command: str) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - started, result.stdout.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default=str(DEFAULT_SOURCE))
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="one run on DATABASE_URL (a throwaway PostgreSQL on loopback: .ci/with-postgres.sh)",
    )
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "") if args.postgres else ""
    if args.postgres:
        if urlsplit(database_url).hostname not in ("127.0.0.1", "localhost"):
            parser.error("--postgres needs DATABASE_URL on loopback (.ci/with-postgres.sh)")
        args.runs = 1  # the database is not thrown away between runs
    database = "PostgreSQL" if args.postgres else "SQLite"
    print(
        f"Python {sys.version.split()[0]} | {os.cpu_count()} logical cores | {database} | "
        f"{args.source}"
    )
    firsts, seconds = [], []
    for run in range(1, args.runs + 1):
        work_dir = Path(tempfile.mkdtemp(prefix="portal-import-bench-"))
        try:
            env = os.environ.copy()
            env.update(
                DJANGO_SETTINGS_MODULE="bench.settings",
                SQLITE_PATH=str(work_dir / "bench.sqlite3"),
                BENCH_DATABASE_URL=database_url,
                PYTHONPATH=os.pathsep.join(
                    filter(None, [str(PROJECT_DIR), env.get("PYTHONPATH")])
                ),
            )
            manage(env, "migrate", "--noinput")
            manage(env, "seed_demo")
            first, first_line = manage(env, "import_france_services", args.source)
            second, second_line = manage(env, "import_france_services", args.source)
        finally:
            shutil.rmtree(work_dir, ignore_errors=True)
        firsts.append(first)
        seconds.append(second)
        print(f"run {run}: first {first:6.1f} s  {first_line}")
        print(f"run {run}: again {second:6.1f} s  {second_line}")
    median_first = statistics.median(firsts)
    created = int(first_line.split()[0].removeprefix("created="))
    print(
        f"median first import {median_first:.1f} s ({created / median_first:.0f} maisons/s), "
        f"median unchanged re-run {statistics.median(seconds):.1f} s; target < 60 s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
