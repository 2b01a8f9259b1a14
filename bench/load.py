"""Load bench: the locust scenario (bench/locustfile.py) against two instances on PostgreSQL.

Run from the project root:

    .venv/bin/python bench/load.py            # the full run: 40 users for 5 minutes
    .venv/bin/python bench/load.py --smoke    # CI's: 12 users for 20 s, under a minute in all
    .venv/bin/python bench/load.py --users 60 --spawn-rate 10 --run-time 2m

A throwaway PostgreSQL and Redis on loopback (``bench.instances.services``), migrated and
seeded with the demo content, the load's accounts and fixtures (``bench.load_fixtures``),
two gunicorn instances of the site on them; then locust, headless, deals its users between
the two instances. Prints the per-endpoint table (requests, failures, p50 and p95) and exits
with status 1 on any failed request.

Not a test: see docs/benchmarks.md, "Load (locust)".
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    # Run as a script: import `bench.*` as a package, never this directory's modules as
    # top-level ones (bench/settings.py is not the `settings` module).
    sys.path[:] = [
        p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent
    ]
    sys.path.insert(0, str(PROJECT_DIR))

from bench.instances import instance_env, instances, prepare, services  # noqa: E402
from bench.pages import print_rows, versions  # noqa: E402

LOCUSTFILE = PROJECT_DIR / "bench" / "locustfile.py"
INSTANCES = 2
WORKERS = 2  # gunicorn workers per instance
FULL = {"users": 40, "spawn_rate": 4.0, "run_time": "5m"}
TOTAL = "Aggregated"  # the name of locust's last row, every endpoint together
LOG_TAIL = 4000  # characters of locust's log shown when it failed
SMOKE = {"users": 12, "spawn_rate": 12.0, "run_time": "20s"}


@dataclass(frozen=True)
class Row:
    """One line of locust's statistics (``--csv``'s ``_stats.csv``)."""

    method: str
    name: str
    requests: int
    failures: int
    p50: str
    p95: str
    rate: float


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="the short run of CI ({users} users, {run_time})".format(**SMOKE),
    )
    parser.add_argument("--users", type=int, help=f"simulated users (full run: {FULL['users']})")
    parser.add_argument("--spawn-rate", type=float, help="users started per second")
    parser.add_argument("--run-time", help="locust's run time, e.g. 90s, 5m")
    args = parser.parse_args()
    for key, value in (SMOKE if args.smoke else FULL).items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if args.users < 1 or args.spawn_rate <= 0:
        parser.error("--users and --spawn-rate must be positive")
    return args


def run(env: dict[str, str], *arguments: str) -> None:
    """Run the project's Python with ``arguments`` from the project root; exit with its
    output when it fails."""
    completed = subprocess.run(
        [sys.executable, *arguments],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"{' '.join(arguments)} failed ({completed.returncode})")


def read_stats(prefix: Path) -> tuple[list[Row], list[list[str]]]:
    """Locust's per-endpoint rows (the aggregate last) and its failures (method, name,
    error, occurrences)."""
    with open(f"{prefix}_stats.csv", encoding="utf-8", newline="") as stats:
        rows = [
            Row(
                method=line["Type"],
                name=line["Name"],
                requests=int(line["Request Count"]),
                failures=int(line["Failure Count"]),
                p50=line["50%"],
                p95=line["95%"],
                rate=float(line["Requests/s"]),
            )
            for line in csv.DictReader(stats)
        ]
    with open(f"{prefix}_failures.csv", encoding="utf-8", newline="") as failures:
        errors = [
            [line["Method"], line["Name"], line["Error"], line["Occurrences"]]
            for line in csv.DictReader(failures)
        ]
    return rows, errors


@dataclass(frozen=True)
class Outcome:
    """What one locust run gave: its per-endpoint rows, its failures, its exit status and
    the end of its log."""

    rows: list[Row]
    errors: list[list[str]]
    returncode: int
    log_tail: str

    @property
    def failed(self) -> int:
        return sum(row.failures for row in self.rows if row.name != TOTAL)

    @property
    def passed(self) -> bool:
        return not self.failed and not self.returncode


def run_locust(
    env: dict[str, str],
    fixtures: Path,
    urls: list[str],
    work: Path,
    *,
    users: int,
    spawn_rate: float,
    run_time: str,
) -> Outcome:
    """The scenario, headless, its users dealt between ``urls``; its statistics and log in
    ``work``."""
    locust_log = work / "locust.log"  # its own statistics, then any error it met
    with locust_log.open("wb") as log:
        locust = subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "--locustfile",
                str(LOCUSTFILE),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(spawn_rate),
                "--run-time",
                run_time,
                "--stop-timeout",
                "10",
                "--csv",
                str(work / "load"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=PROJECT_DIR,
            env={**env, "LOAD_FIXTURES": str(fixtures), "LOAD_HOSTS": ",".join(urls)},
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    rows, errors = read_stats(work / "load")
    log_tail = locust_log.read_text(errors="replace")[-LOG_TAIL:]
    return Outcome(rows, errors, locust.returncode, log_tail)


def print_table(rows: list[Row]) -> None:
    headers = ["endpoint", "requests", "failures", "p50 ms", "p95 ms", "req/s"]
    print_rows(
        headers,
        [
            [
                "all" if row.name == TOTAL else f"{row.method} {row.name}",
                str(row.requests),
                str(row.failures),
                row.p50,
                row.p95,
                f"{row.rate:.1f}",
            ]
            for row in rows
        ],
    )


def main() -> int:
    args = parse_args()
    os.chdir(PROJECT_DIR)
    started = time.monotonic()
    print(versions())
    print(
        f"locust: {args.users} users (spawn rate {args.spawn_rate:g}/s) for {args.run_time}, "
        f"dealt between {INSTANCES} gunicorn instances ({WORKERS} sync workers each) on one "
        "PostgreSQL and one Redis, all on 127.0.0.1"
    )
    with tempfile.TemporaryDirectory(prefix="load-") as tmp, services(Path(tmp)) as service_env:
        work = Path(tmp)
        env = {
            **instance_env(service_env, work),
            # Every simulated visitor calls the API from 127.0.0.1: one client to its limit.
            "API_RATE_LIMIT_PER_MINUTE": "100000000",
        }
        prepare(env, demo=True)
        fixtures = work / "fixtures.json"
        # As many accounts of each role as users: no two users share one.
        run(
            env,
            "-m",
            "bench.load_fixtures",
            str(fixtures),
            f"--agents={args.users}",
            f"--coordinators={args.users}",
        )
        prepared = time.monotonic()
        print(f"database prepared in {prepared - started:.0f} s")
        with instances(env, count=INSTANCES, workers=WORKERS) as urls:
            outcome = run_locust(
                env,
                fixtures,
                urls,
                work,
                users=args.users,
                spawn_rate=args.spawn_rate,
                run_time=args.run_time,
            )
    rows, errors = outcome.rows, outcome.errors
    if outcome.returncode:
        print(outcome.log_tail, file=sys.stderr)
    print_table(rows)
    if errors:
        print("\nfailures:")
        print_rows(["method", "endpoint", "error", "occurrences"], errors)
    print(
        f"\n{outcome.failed} failed request(s); locust exited {outcome.returncode}; "
        f"{time.monotonic() - started:.0f} s in all"
    )
    return 0 if outcome.passed else 1


if __name__ == "__main__":
    sys.exit(main())
