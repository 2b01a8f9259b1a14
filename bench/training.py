"""Training bench: the catalogue, a module and "my progress" of one agent, at scale.

Run from the project root:

    .venv/bin/python bench/training.py [--agents N] [--modules N] [--progress-per-agent N]
                                       [--completed-share F] [--official]
                                       [--requests N] [--quick]

On a throwaway SQLite database (``bench.settings``, as ``bench/pages.py``): migrate and
``seed_demo`` (the 2026 plan, 15 modules), then one agent with a little progress, whose
three pages are counted (SQL queries) at that small scale; then, in bulk, more modules
(pages through treebeard's ``add_child``, three lessons each, added to the plan), the
agents (user and profile, in the demo's maisons) and their progress (``ModuleProgress``
rows and the ``Completion`` of each completed module, written with ``RawInsert``; then the
planner's statistics refreshed, as an import does), and
the three pages counted again. Then each URL, the bare view ``/__bench__/ok/`` first, is
requested ``--requests`` times in-process (``django.test.Client``, logged in as that
agent, public page cache off; members' pages are never cached anyway).

The coordinators' steering pages are measured the same way: the matrix of a region's
coordinator (the measured agent's region) and the national cell's maisons below two trained
agents. ``--official`` first imports the official France Services list (about 2,845
maisons, as ``bench/pages.py --official``), over which the agents are spread; a share of
the completions expired or expire within 90 days, and 60 % of the agents hold every module
of the default "trained" definition (``TRAINED_SHARE``), so that maisons have 0, 1 or 2+
trained agents.

Not a test: it prints the figures (see docs/benchmarks.md) and exits non-zero if a page
answered anything but 200 or if a page's query count differs between the two scales.
Timings are printed, with whether p95 is under ``TARGET_P95_MS`` (the steering pages:
``STEERING_TARGET_P95_MS``), never asserted.
"""

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
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
    COMMUNES_CSV,
    HOST,
    LOAD_HEADERS,
    OFFICIAL_CSV,
    Result,
    bench_env,
    errors_cell,
    import_official,
    load_cells,
    measure_in_process,
    prepare_database,
    print_rows,
    ratio,
    server_time_ms,
    versions,
)
from bench.synthetic import RawInsert, add_agents_in_maisons  # noqa: E402

SEED = 20260101
TARGET_P95_MS = 150.0
STEERING_TARGET_P95_MS = 300.0  # issue 21
BATCH = 50_000
LESSONS_PER_MODULE = 3
AGENT_EMAIL = "agent-mesure@bench.example"
QUICK = {"agents": 200, "modules": 20, "progress_per_agent": 10, "requests": 20}
COORDINATOR_EMAIL = "coordination-mesure@bench.example"
NATIONAL_EMAIL = "cellule-mesure@bench.example"
EXPIRED_SHARE = 0.08  # of completions: expired some time ago
EXPIRING_SHARE = 0.08  # of completions: valid for less than 90 more days
TRAINED_SHARE = 0.6  # of agents: hold every module of the default "trained" definition


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=10_000, help="agents generated")
    parser.add_argument("--modules", type=int, default=60, help="modules of the plan in all")
    parser.add_argument(
        "--progress-per-agent", type=int, default=30, help="modules each agent has started"
    )
    parser.add_argument(
        "--completed-share",
        type=float,
        default=0.4,
        help="share of the modules started that are completed (0 to 1)",
    )
    parser.add_argument(
        "--official",
        action="store_true",
        help="first import the official France Services list (about 2,845 maisons)",
    )
    parser.add_argument("--requests", type=int, default=200, help="timed requests per URL")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"a smoke run: {', '.join(f'{k} {v}' for k, v in QUICK.items())}",
    )
    args = parser.parse_args()
    if args.quick:
        for name, value in QUICK.items():
            setattr(args, name, value)
    if min(args.agents, args.modules, args.progress_per_agent, args.requests) < 1:
        parser.error("--agents, --modules, --progress-per-agent and --requests are positive")
    if args.progress_per_agent > args.modules:
        parser.error("--progress-per-agent is at most --modules")
    if not 0 <= args.completed_share <= 1:
        parser.error("--completed-share is between 0 and 1")
    if args.official:
        for source in (COMMUNES_CSV, OFFICIAL_CSV):
            if not source.is_file():
                parser.error(f"--official needs {source} (see ../shared/data/README.md)")
    return args


def measured_agent():
    """The agent whose pages are measured, with progress in three demo modules (one
    completed after two attempts, one started, one not), and the module page measured:
    the completed one (prerequisites, lessons, questions, attempts)."""
    from datetime import timedelta

    from django.utils import timezone

    from directory.models import MaisonPage
    from network.models import AgentProfile, Role
    from portal.models import User
    from training.models import (
        Completion,
        LessonPage,
        ModulePage,
        ModuleProgress,
        PlanEntry,
        ProgressStatus,
        QuizAttempt,
    )

    now = timezone.now()
    user = User.objects.create_user(AGENT_EMAIL, None, first_name="Agnès", last_name="Mesure")
    AgentProfile.objects.create(
        user=user, role=Role.AGENT, maison=MaisonPage.objects.live().order_by("path").first()
    )
    in_plan = ModulePage.objects.filter(pk__in=PlanEntry.objects.values("module_id")).order_by(
        "path"
    )
    measured = in_plan.filter(prerequisites__isnull=False).first() or in_plan.first()
    started, untouched = in_plan.exclude(pk=measured.pk)[:2]
    for module, status in (
        (measured, ProgressStatus.COMPLETED),
        (started, ProgressStatus.IN_PROGRESS),
        (untouched, ProgressStatus.NOT_STARTED),
    ):
        lessons = list(LessonPage.objects.child_of(module).values_list("pk", flat=True))
        done = {"completed": lessons, "in_progress": lessons[:1]}.get(status, [])
        ModuleProgress.objects.create(
            user=user,
            module=module,
            status=status,
            lessons_done=done,
            last_lesson_id=done[-1] if done else None,
            best_score=90 if status == ProgressStatus.COMPLETED else None,
            updated_at=now,
        )
    for days_ago, score, passed in ((2, 60, False), (1, 90, True)):
        started_at = now - timedelta(days=days_ago)
        QuizAttempt.objects.create(
            user=user,
            module=measured,
            module_version=measured.version,
            started_at=started_at,
            submitted_at=started_at + timedelta(minutes=10),
            score=score,
            passed=passed,
        )
    Completion.objects.create(
        user=user,
        module=measured,
        module_code=measured.code,
        module_title=measured.title,
        module_version=measured.version,
        completed_at=now,
        score=90,
        source="quiz",
    )
    return user, measured


def steering_members(measured_user):
    """A coordinator of the measured agent's region, and a member of the national cell with
    a confirmed authenticator (the cell must give a second factor)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from network.models import AgentProfile, Role
    from portal.models import User

    region = measured_user.profile.maison.department.region
    coordinator = User.objects.create_user(
        COORDINATOR_EMAIL, None, first_name="Corinne", last_name="Mesure"
    )
    AgentProfile.objects.create(user=coordinator, role=Role.COORDINATOR, region=region)
    national = User.objects.create_user(
        NATIONAL_EMAIL, None, first_name="Nadia", last_name="Mesure"
    )
    AgentProfile.objects.create(user=national, role=Role.NATIONAL_CELL)
    TOTPDevice.objects.create(user=national, name="mesure", confirmed=True)
    return coordinator, national


def logged_in(user):
    """A ``django.test.Client`` logged in as ``user``, with their second factor if any."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client(HTTP_HOST=HOST, raise_request_exception=False)
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def add_modules(total: int) -> int:
    """Modules (three lessons each) in the national cell's folder, through treebeard, and
    in the plan, up to ``total`` in the plan; how many were added."""
    from training.models import (
        Format,
        LessonPage,
        ModuleFolderPage,
        ModulePage,
        PlanEntry,
        Track,
        TrainingPlanPage,
    )

    plan = TrainingPlanPage.objects.order_by("-year").first()
    folder = ModuleFolderPage.objects.filter(partner__isnull=True).order_by("path").first()
    existing = PlanEntry.objects.filter(plan=plan).count()
    body = json.dumps([{"type": "text", "value": "<p>Contenu de la leçon.</p>"}])
    tracks, formats = list(Track), list(Format)
    entries = []
    for number in range(1, total - existing + 1):
        module = folder.add_child(
            instance=ModulePage(
                title=f"Module de mesure {number}",
                slug=f"module-mesure-{number}",
                code=f"MESURE-{number:03d}",
                summary="Un module généré pour la mesure de charge.",
                objectives="Premier objectif\nSecond objectif",
                duration_minutes=30,
                format=formats[number % len(formats)],
            )
        )
        for lesson in range(1, LESSONS_PER_MODULE + 1):
            module.add_child(
                instance=LessonPage(
                    title=f"Leçon {lesson}",
                    slug=f"lecon-{lesson}",
                    duration_minutes=10,
                    body=body,
                )
            )
        entries.append(
            PlanEntry(
                plan=plan,
                module=module,
                track=tracks[number % len(tracks)],
                mandatory_for=["agent"] if number % 3 == 0 else [],
                sort_order=existing + number,
            )
        )
    PlanEntry.objects.bulk_create(entries)
    return len(entries)


def add_agents(
    count: int,
    per_agent: int,
    measured_user,
    completed_share: float = 0.4,
    trained_share: float = TRAINED_SHARE,
) -> dict[str, int]:
    """``count`` agents in the demo's maisons, each with progress in ``per_agent`` modules
    of the plan (completed, started or not, with a ``Completion`` for each completed
    one); the measured agent gets progress in more modules, up to ``per_agent``. A
    ``trained_share`` of the agents hold a valid completion of every module that makes an
    agent trained (the default definition), besides their other modules."""
    from datetime import timedelta

    from django.utils import timezone

    from training.models import (
        Completion,
        LessonPage,
        ModulePage,
        ModuleProgress,
        PlanEntry,
        ProgressStatus,
        TrainedDefinition,
    )
    from training.selectors import current_plan
    from training.steering.selectors import trained_module_ids

    rng = random.Random(SEED)  # noqa: S311 (repeatable test data, not security)
    now = timezone.now()
    users = add_agents_in_maisons(count, prefix="agent", first_name="Agent")
    module_ids = list(PlanEntry.objects.values_list("module_id", flat=True))
    modules = {
        m.pk: m
        for m in ModulePage.objects.filter(pk__in=module_ids).only(
            "path", "code", "title", "version"
        )
    }
    by_path: dict[str, list[int]] = {}  # a lesson's path: its module's and one step more
    for pk, path in LessonPage.objects.live().order_by("path").values_list("pk", "path"):
        by_path.setdefault(path[: -LessonPage.steplen], []).append(pk)
    lessons = {pk: by_path.get(m.path, []) for pk, m in modules.items()}

    progress = RawInsert(
        ModuleProgress,
        varying=["user_id", "module_id", "status", "lessons_done", "last_lesson_id", "best_score"],
        constants={"updated_at": now},
    )
    completions = RawInsert(
        Completion,
        varying=[
            "user_id",
            "module_id",
            "module_code",
            "module_title",
            "module_version",
            "score",
            "valid_until",
        ],
        constants={"completed_at": now, "source": "quiz"},
    )
    today = timezone.localdate(now)
    counts = {"progress": 0, "completions": 0}
    already = set(
        ModuleProgress.objects.filter(user=measured_user).values_list("module_id", flat=True)
    )
    core = trained_module_ids(TrainedDefinition.load(), current_plan())
    others = [pk for pk in module_ids if pk not in core]
    learners = [(user.pk, module_ids) for user in users]
    learners.append((measured_user.pk, [pk for pk in module_ids if pk not in already]))
    for user_id, choices in learners:
        wanted = per_agent - (len(already) if user_id == measured_user.pk else 0)
        trained = []
        if user_id != measured_user.pk and rng.random() < trained_share:
            trained, choices = core, others
            wanted -= len(core)
        for module_id in trained + rng.sample(choices, min(max(wanted, 0), len(choices))):
            draw = 0.0 if module_id in trained else rng.random()
            read = lessons[module_id]
            if draw < completed_share:
                status, done, score = ProgressStatus.COMPLETED, read, rng.randint(80, 100)
            elif draw < completed_share + (1 - completed_share) * 2 / 3:
                status, done = ProgressStatus.IN_PROGRESS, read[: rng.randint(1, len(read))]
                score = rng.choice([None, rng.randint(20, 79)])
            else:
                status, done, score = ProgressStatus.NOT_STARTED, [], None
            progress.add(
                user_id, module_id, status, json.dumps(done), done[-1] if done else None, score
            )
            if status == ProgressStatus.COMPLETED:
                module = modules[module_id]
                validity = 1.0 if module_id in trained else rng.random()
                if validity < EXPIRED_SHARE:
                    until = (today - timedelta(days=rng.randint(1, 300))).isoformat()
                elif validity < EXPIRED_SHARE + EXPIRING_SHARE:
                    until = (today + timedelta(days=rng.randint(0, 89))).isoformat()
                else:
                    until = None
                completions.add(
                    user_id, module_id, module.code, module.title, module.version, score, until
                )
            if len(progress.rows) >= BATCH:
                counts["progress"] += progress.flush()
                counts["completions"] += completions.flush()
    counts["progress"] += progress.flush()
    counts["completions"] += completions.flush()
    return counts


def steering_summary(coordinator, national) -> str:
    """What the steering pages show at full scale: the coordinator's agents, the network's
    maisons by trained agents."""
    from django.utils import timezone

    from network.selectors import maisons_covered
    from training.steering import selectors

    today = timezone.localdate()
    steer = selectors.steering(coordinator.profile, today=today)
    counts = selectors.maisons_overview(maisons_covered(national.profile), today=today).counts
    return (
        f"The region's matrix: {steer.agents.count()} agents, {len(steer.entries)} modules; "
        f"the network's {sum(counts.values())} maisons by trained agents: {counts}."
    )


def timed(client, url: str, requests: int) -> Result:
    """``requests`` GETs of ``url`` after two warm-up ones: client and server times."""
    result = Result(url)
    for _ in range(2):
        client.get(url)
    started = time.perf_counter()
    for _ in range(requests):
        began = time.perf_counter()
        response = client.get(url)
        if response.status_code == 200:
            result.latencies.append(time.perf_counter() - began)
            server = server_time_ms(response.get("Server-Timing"))
            if server is not None:
                result.server_ms.append(server)
        else:
            result.errors += 1
            result.error_samples.add(f"HTTP {response.status_code}")
    result.elapsed = time.perf_counter() - started
    return result


def main() -> int:
    args = parse_args()
    os.chdir(PROJECT_DIR)
    print(versions())
    print(
        f"in-process: django.test.Client, one thread, settings bench.settings, "
        f"public page cache off; {args.requests} timed requests per URL"
    )
    work_dir = Path(tempfile.mkdtemp(prefix="portal-training-bench-"))
    try:
        env = bench_env(work_dir, page_cache=False)
        os.environ.update(env)  # the in-process Django uses the same settings and database
        print(f"Preparing {env['SQLITE_PATH']}: migrate, seed_demo ...", flush=True)
        prepare_database(env)
        if args.official:
            print("Importing the official communes and France Services ...", flush=True)
            for summary in import_official(env):
                print(f"  {summary}", flush=True)

        import django

        django.setup()
        from django.db import transaction
        from django.test import Client
        from django.urls import reverse

        from portal.database import refresh_statistics
        from training.steering.services import rebuild_trained_agents

        with transaction.atomic():
            user, module = measured_agent()
            coordinator, national = steering_members(user)
        client = Client(HTTP_HOST=HOST, raise_request_exception=False)
        client.force_login(user)
        urls = [
            reverse("training:catalogue"),
            reverse("training:module", kwargs={"slug": module.slug}),
            reverse("training:my_progress"),
        ]
        steering = [
            (logged_in(coordinator), reverse("training:steering_matrix")),
            (logged_in(national), reverse("training:steering_maisons")),
        ]
        small = measure_in_process(urls, client=client)
        for steering_client, url in steering:
            small |= measure_in_process([url], client=steering_client)

        started = time.perf_counter()
        with transaction.atomic():
            added = add_modules(args.modules)
        pages_done = time.perf_counter()
        with transaction.atomic():
            counts = add_agents(args.agents, args.progress_per_agent, user, args.completed_share)
        refresh_statistics()  # as after an import; PostgreSQL's autovacuum would too
        rows_done = time.perf_counter()
        trained = rebuild_trained_agents()  # the job run when the definition changes
        counted = time.perf_counter()
        print(
            f"Generated: {added} modules ({LESSONS_PER_MODULE} lessons each) through "
            f"treebeard in {pages_done - started:.1f} s; {args.agents} agents, "
            f"{counts['progress']} progress rows, {counts['completions']} completions "
            f"in {rows_done - pages_done:.1f} s; {trained} trained agents counted ahead "
            f"(rebuild_trained_agents) in {counted - rows_done:.1f} s",
            flush=True,
        )
        full = measure_in_process(urls, client=client)
        for steering_client, url in steering:
            full |= measure_in_process([url], client=steering_client)
        cards = client.get(urls[0]).content.count(b'class="fr-card__title"')
        print(f"The catalogue lists {cards} modules.", flush=True)
        print(steering_summary(coordinator, national), flush=True)
        results = [timed(client, url, args.requests) for url in [BARE_URL, *urls]]
        results += [timed(c, url, args.requests) for c, url in steering]
        steering_urls = [url for _client, url in steering]
        urls += steering_urls
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)

    bare = results[0]
    targets = dict.fromkeys(steering_urls, STEERING_TARGET_P95_MS)
    rows = []
    for result in results:
        before, after = small.get(result.url), full.get(result.url)
        p95 = result.percentile_ms(95)
        rows.append(
            [
                result.url,
                *load_cells(result),
                f"{before.queries}" if before else "-",
                f"{after.queries}" if after else "-",
                ratio(result.rate, bare.rate),
                f"{result.percentile_ms(50) / bare.percentile_ms(50):.0f}x",
                f"{'yes' if p95 < targets.get(result.url, TARGET_P95_MS) else 'NO'} "
                f"(<{targets.get(result.url, TARGET_P95_MS):g})",
                errors_cell(result),
            ]
        )
    print_rows(
        [
            "URL",
            *LOAD_HEADERS,
            "SQL small",
            "SQL full",
            "vs bare",
            "p50/bare",
            "p95<target ms",
            "errors",
        ],
        rows,
    )
    failures = [
        f"{url}: HTTP {small[url].status} small, {full[url].status} full"
        for url in urls
        if small[url].status != 200 or full[url].status != 200
    ]
    failures += [
        f"{url}: {small[url].queries} queries small, {full[url].queries} full"
        for url in urls
        if small[url].queries != full[url].queries
    ]
    failures += [f"{r.url}: {errors_cell(r)} failed requests" for r in results if r.errors]
    if failures:
        print("\nFailed:", *failures, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
