"""Steering bench: the dashboards of the national cell and of a region's coordinator on the
whole official list, 10,000 agents and 24 months of activity (about 1.5 million lines).

Run from the project root:

    .venv/bin/python bench/steering.py [--agents N] [--months N] [--lines-per-report N]
                                       [--scale N] [--requests N] [--quick]

On a throwaway SQLite database (``bench.settings``, as ``bench/pages.py``): migrate,
``seed_demo``, then the official communes and the 2,845 France Services of
``../shared/data`` imported. A member of the national cell and a coordinator of the region
with the most maisons are made, and every dashboard page (the overview, the national
overview filtered on that region, each panel's page) is counted (SQL queries) before any
activity. Then, in bulk (``RawInsert``, the planner's statistics refreshed): ``--agents``
agents spread over the maisons, ``--months`` months of activity reports for every maison
(``--lines-per-report`` partner-theme lines each; a few maisons late for last month) and
a confirmation date for most maisons. ``--scale N`` multiplies the agents and the activity
lines by N: each report holds up to every partner-theme pair, the rest of the factor in
more months (``--scale 10``: 100,000 agents, about 15 million lines). The pages are
counted again, then each URL, the bare view ``/__bench__/ok/`` first, is requested
``--requests`` times in-process (``django.test.Client``; members' pages are never
cached). Last, each panel's CSV is downloaded whole (streamed), timed.

Not a test: it prints the figures (see docs/benchmarks.md) and exits non-zero if a page
answered anything but 200 or if a page's query count differs between the two scales.
Whether p95 is under ``TARGET_P95_MS`` is printed, never asserted.
"""

import argparse
import datetime
import math
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path[:] = [
        p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent
    ]
    sys.path.insert(0, str(PROJECT_DIR))

from bench.pages import (  # noqa: E402
    BARE_URL,
    LOAD_HEADERS,
    bench_env,
    errors_cell,
    import_official,
    load_cells,
    measure_in_process,
    prepare_database,
    print_rows,
    ratio,
    versions,
)
from bench.synthetic import RawInsert, add_agents_in_maisons  # noqa: E402
from bench.training import logged_in, timed  # noqa: E402

SEED = 20261207
TARGET_P95_MS = 300.0  # issue 25
BATCH = 100_000
LATE_MAISONS = 40  # maisons that have not reported last month
CONFIRMED_SHARE = 0.8  # of maisons: information confirmed within the last two years
QUICK = {"agents": 500, "months": 3, "lines_per_report": 6, "requests": 10}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=10_000, help="agents generated")
    parser.add_argument("--months", type=int, default=24, help="months of activity")
    parser.add_argument(
        "--lines-per-report",
        type=int,
        default=22,
        help="partner-theme lines of each monthly report (22: ~1.5 million lines)",
    )
    parser.add_argument(
        "--scale",
        type=int,
        default=1,
        help="times today's volume: agents and activity lines multiplied (10: ~15 million "
        "lines, as more lines per report up to every partner-theme pair, then more months)",
    )
    parser.add_argument("--requests", type=int, default=30, help="timed requests per URL")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"a smoke run: {', '.join(f'{k} {v}' for k, v in QUICK.items())}",
    )
    args = parser.parse_args()
    if args.quick:
        for name, value in QUICK.items():
            setattr(args, name, value)
    if min(args.agents, args.months, args.lines_per_report, args.scale, args.requests) < 1:
        parser.error("every figure is positive")
    return args


def apply_scale(args, pairs: int) -> None:
    """Multiply the agents and the activity lines by ``--scale``: the lines of each report
    up to ``pairs`` (every partner-theme pair), the rest of the factor in months."""
    lines = args.months * args.lines_per_report * args.scale
    args.agents *= args.scale
    args.lines_per_report = min(pairs, args.lines_per_report * args.scale)
    args.months = math.ceil(lines / args.lines_per_report)


def partner_theme_pairs() -> list[tuple[int, str]]:
    from directory.models import Partner
    from network.activity.models import ActivityTheme

    return [
        (partner, theme)
        for partner in Partner.objects.order_by("pk").values_list("pk", flat=True)
        for theme in ActivityTheme.values
    ]


def steering_members():
    """A member of the national cell (with a confirmed authenticator, as the cell must) and
    a coordinator of the region with the most maisons."""
    from django.db.models import Count
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from directory.models import Region
    from network.models import AgentProfile, Role
    from portal.models import User

    region = (
        Region.objects.annotate(maisons=Count("departments__maisons"))
        .order_by("-maisons", "pk")
        .first()
    )
    coordinator = User.objects.create_user(
        "coordination-pilotage@bench.example", None, first_name="Corinne", last_name="Mesure"
    )
    AgentProfile.objects.create(user=coordinator, role=Role.COORDINATOR, region=region)
    national = User.objects.create_user(
        "cellule-pilotage@bench.example", None, first_name="Nadia", last_name="Mesure"
    )
    AgentProfile.objects.create(user=national, role=Role.NATIONAL_CELL)
    TOTPDevice.objects.create(user=national, name="mesure", confirmed=True)
    return region, coordinator, national


def add_activity(args, today: datetime.date) -> dict[str, int]:
    """``--months`` monthly reports for every live maison up to last month (but for
    ``LATE_MAISONS`` maisons, which miss last month), ``--lines-per-report`` lines each."""
    from directory.models import MaisonPage
    from network.activity.models import ActivityLine, ActivityReport

    rng = random.Random(SEED)  # noqa: S311 (repeatable test data, not security)
    maisons = list(MaisonPage.objects.live().order_by("pk").values_list("pk", flat=True))
    late = set(rng.sample(maisons, min(LATE_MAISONS, len(maisons))))
    pairs = partner_theme_pairs()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    months = [last_month]
    while len(months) < args.months:
        months.append((months[-1] - datetime.timedelta(days=1)).replace(day=1))
    submitted = datetime.datetime.combine(today.replace(day=1), datetime.time(9), datetime.UTC)
    reports = RawInsert(
        ActivityReport, varying=["id", "maison_id", "month", "total_visits", "submitted_at"]
    )
    lines = RawInsert(
        ActivityLine, varying=["report_id", "maison_id", "month", "partner_id", "theme", "visits"]
    )
    report_id = written = 0
    for maison in maisons:
        # Visits a month: median ~200 (times --scale), a long tail.
        size = rng.lognormvariate(5.3, 0.6) * args.scale
        for month in months:
            if month == last_month and maison in late:
                continue
            report_id += 1
            chosen = rng.sample(pairs, min(args.lines_per_report, len(pairs)))
            visits = [max(1, round(size * rng.random() / len(chosen) * 2)) for _ in chosen]
            reports.add(report_id, maison, month, sum(visits), submitted)
            for (partner, theme), count in zip(chosen, visits, strict=True):
                lines.add(report_id, maison, month, partner, theme, count)
        if len(lines.rows) >= BATCH:
            reports.flush()
            written += lines.flush()
    reports.flush()
    written += lines.flush()
    return {"reports": report_id, "lines": written}


def confirm_most_maisons(today: datetime.date) -> int:
    """A confirmation date within the last two years for ``CONFIRMED_SHARE`` of the maisons
    (the others never confirmed): the freshness panel's figures."""
    from directory.models import MaisonPage

    rng = random.Random(SEED + 1)  # noqa: S311
    confirmed = 0
    for pk in MaisonPage.objects.live().values_list("pk", flat=True):
        if rng.random() < CONFIRMED_SHARE:
            on = today - datetime.timedelta(days=rng.randint(0, 730))
            MaisonPage.objects.filter(pk=pk).update(information_confirmed_on=on)
            confirmed += 1
    return confirmed


def csv_download(client, url: str) -> tuple[int, float, int]:
    """Status, seconds and rows of a whole CSV download (read as it streams)."""
    started = time.perf_counter()
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, time.perf_counter() - started, body.count(b"\n") - 1


def main() -> int:
    args = parse_args()
    os.chdir(PROJECT_DIR)
    print(versions())
    print(
        f"in-process: django.test.Client, one thread, settings bench.settings; "
        f"{args.requests} timed requests per URL"
    )
    work_dir = Path(tempfile.mkdtemp(prefix="portal-steering-bench-"))
    try:
        env = bench_env(work_dir, page_cache=False)
        os.environ.update(env)
        print(f"Preparing {env['SQLITE_PATH']}: migrate, seed_demo, official list ...", flush=True)
        prepare_database(env)
        for summary in import_official(env):
            print(f"  {summary}")

        import django

        django.setup()
        from django.db import transaction
        from django.urls import reverse
        from django.utils import timezone

        from network.registry import steering_panels
        from portal.database import refresh_statistics

        today = timezone.localdate()
        apply_scale(args, len(partner_theme_pairs()))
        print(
            f"Scale {args.scale}: {args.agents} agents, {args.months} months of "
            f"{args.lines_per_report} lines a report",
            flush=True,
        )
        with transaction.atomic():
            region, coordinator, national = steering_members()
        overview = reverse("steering:overview")
        panels = [reverse("steering:panel", args=[p.slug]) for p in steering_panels(national)]
        national_urls = [overview, f"{overview}?region={region.code}", *panels]
        coordinator_urls = [
            overview,
            *(reverse("steering:panel", args=[p.slug]) for p in steering_panels(coordinator)),
        ]
        national_client, coordinator_client = logged_in(national), logged_in(coordinator)
        small = {
            "national": measure_in_process(national_urls, client=national_client),
            "region": measure_in_process(coordinator_urls, client=coordinator_client),
        }

        started = time.perf_counter()
        with transaction.atomic():
            add_agents_in_maisons(args.agents, prefix="agent", first_name="Agent")
            counts = add_activity(args, today)
            confirmed = confirm_most_maisons(today)
        refresh_statistics()
        print(
            f"Generated: {args.agents} agents, {counts['reports']} monthly reports of "
            f"{counts['lines']} lines over {args.months} months, {confirmed} maisons "
            f"confirmed, in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        # Logged in again: generating 10x the volume outlasts the sessions' idle expiry.
        national_client, coordinator_client = logged_in(national), logged_in(coordinator)
        full = {
            "national": measure_in_process(national_urls, client=national_client),
            "region": measure_in_process(coordinator_urls, client=coordinator_client),
        }
        results = [("bare", timed(national_client, BARE_URL, args.requests))]
        results += [("national", timed(national_client, u, args.requests)) for u in national_urls]
        results += [
            (f"region {region.code}", timed(coordinator_client, u, args.requests))
            for u in coordinator_urls
        ]
        downloads = [(url, csv_download(national_client, f"{url}?format=csv")) for url in panels]
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)

    bare = results[0][1]
    rows = []
    for who, result in results:
        key = "region" if who.startswith("region") else "national"
        before, after = small[key].get(result.url), full[key].get(result.url)
        p95 = result.percentile_ms(95)
        rows.append(
            [
                who,
                result.url,
                *load_cells(result),
                f"{before.queries}" if before else "-",
                f"{after.queries}" if after else "-",
                ratio(result.rate, bare.rate),
                f"{'yes' if p95 < TARGET_P95_MS else 'NO'} (<{TARGET_P95_MS:g})",
                errors_cell(result),
            ]
        )
    print_rows(
        ["member", "URL", *LOAD_HEADERS, "SQL empty", "SQL full", "vs bare", "p95<", "errors"],
        rows,
    )
    print("\nCSV downloads (national cell, whole network, streamed):")
    print_rows(
        ["URL", "status", "seconds", "rows"],
        [[f"{url}?format=csv", str(s), f"{sec:.2f}", str(n)] for url, (s, sec, n) in downloads],
    )
    failures = [
        f"{who} {url}: HTTP {measured[url].status}"
        for who, measured in full.items()
        for url in measured
        if measured[url].status != 200
    ]
    failures += [
        f"{who} {url}: {small[who][url].queries} queries empty, {full[who][url].queries} full"
        for who in full
        for url in full[who]
        if small[who][url].queries != full[who][url].queries
    ]
    failures += [f"{url}?format=csv: HTTP {s}" for url, (s, _, _) in downloads if s != 200]
    failures += [f"{r.url}: {errors_cell(r)} failed requests" for _, r in results if r.errors]
    if failures:
        print("\nFailed:", *failures, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
