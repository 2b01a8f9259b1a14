"""Forums bench: a space's topic list, a long topic and the notifications page at scale, and
the weekly digest job for every member.

Run from the project root:

    .venv/bin/python bench/forums.py [--members N] [--topics N] [--posts N]
                                     [--long-topic N] [--requests N] [--quick]

On a throwaway SQLite database (``bench.settings``, as ``bench/pages.py``): migrate and
``seed_demo`` (the demo's spaces, topics and members), then one agent of a maison of the
demo, who writes a topic with a few replies in their region's space and is notified of
them; the pages are counted (SQL queries) at that small scale. Then, in bulk (``RawInsert``,
then the planner's statistics refreshed): the members (agents of the demo's maisons),
the topics spread over the spaces (a third in the measured region's space), their posts,
one topic of ``--long-topic`` replies in the measured space, ``NOTIFICATIONS`` notifications
of the measured agent, and every member watching their region's space. The pages are
counted again (the long topic's first and last pages against the short topic's count),
then each URL, the bare view ``/__bench__/ok/`` first, is requested ``--requests`` times
in-process (``django.test.Client``, logged in as that agent; members' pages are never
cached). Last, the weekly digest job runs once for every member (e-mails kept in memory:
the messages are built, not sent), timed.

Not a test: it prints the figures (see docs/benchmarks.md) and exits non-zero if a page
answered anything but 200 or if a page's query count differs between the two scales.
Whether p95 is under ``TARGET_P95_MS`` and the digest job under ``DIGEST_TARGET_S`` is
printed, never asserted.
"""

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import timedelta
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
TARGET_P95_MS = 150.0  # issue 23
BATCH = 50_000
AGENT_EMAIL = "agent-forum-mesure@bench.example"
DIGEST_TARGET_S = 120.0  # issue 23: the digest job for 10,000 members
MEASURED_SPACE_SHARE = 1 / 3
NOTIFICATIONS = 500
QUICK = {"members": 300, "topics": 600, "posts": 6000, "long_topic": 60, "requests": 20}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000, help="members generated")
    parser.add_argument("--topics", type=int, default=20_000, help="topics generated")
    parser.add_argument("--posts", type=int, default=300_000, help="posts generated in all")
    parser.add_argument(
        "--long-topic", type=int, default=200, help="replies of the long topic measured"
    )
    parser.add_argument("--requests", type=int, default=100, help="timed requests per URL")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"a smoke run: {', '.join(f'{k} {v}' for k, v in QUICK.items())}",
    )
    args = parser.parse_args()
    if args.quick:
        for name, value in QUICK.items():
            setattr(args, name, value)
    if min(args.members, args.topics, args.long_topic, args.requests) < 1:
        parser.error("--members, --topics, --long-topic and --requests are positive")
    if args.posts < args.topics + args.long_topic:
        parser.error("--posts is at least --topics plus --long-topic (a first post each)")
    return args


def measured_agent():
    """An agent of the demo's first maison, the space of their region, and a topic of
    theirs with three replies by colleagues of their maison, each a notification of theirs."""
    from directory.models import MaisonPage
    from network.forums import services
    from network.forums.following.models import Notification, NotificationKind
    from network.forums.models import Space
    from network.models import AgentProfile, Role
    from portal.models import User

    maison = MaisonPage.objects.live().select_related("department").order_by("path").first()
    user = User.objects.create_user(AGENT_EMAIL, None, first_name="Agnès", last_name="Forum")
    AgentProfile.objects.create(user=user, role=Role.AGENT, maison=maison)
    space = Space.objects.get(region_id=maison.department.region_id)
    topic = services.create_topic(
        space=space,
        author=user,
        title="Un dossier de retraite bloqué",
        body="Bonjour, comment avez-vous fait pour un dossier bloqué à la Carsat ?",
    )
    repliers = [
        User.objects.create_user(f"collegue-{number}@bench.example", None, first_name="Collègue")
        for number in range(3)
    ]
    for replier in repliers:
        AgentProfile.objects.create(user=replier, role=Role.AGENT, maison=maison)
    for replier in repliers:
        reply = services.reply(topic=topic, author=replier, body="Il faut écrire au référent.")
        Notification.objects.get_or_create(
            user=user, post=reply, defaults={"kind": NotificationKind.REPLY_TO_ME}
        )
    return user, space, topic


def add_members(count: int) -> list[int]:
    """``count`` agents spread over the demo's maisons; their user ids."""
    return [user.pk for user in add_agents_in_maisons(count, prefix="membre", first_name="Membre")]


def add_topics(args, member_ids: list[int], measured_space, measured_user) -> dict[str, int]:
    """The topics over the spaces (a third in ``measured_space``) with their posts, over
    the last 90 days, and one topic of ``--long-topic`` replies in ``measured_space``."""
    from django.db import connection
    from django.utils import timezone

    from network.forums.models import Post, Space, Topic

    rng = random.Random(SEED)  # noqa: S311 (repeatable test data, not security)
    now = timezone.now()
    spaces = list(Space.objects.exclude(pk=measured_space.pk).values_list("pk", flat=True))
    topics = RawInsert(
        Topic,
        varying=["space_id", "title", "kind", "author_id", "created_at", "last_activity_at"],
        constants={"pinned": False, "locked": False},
    )
    plan = []  # per topic: its first post's time and its number of replies
    replies_left = args.posts - args.topics - args.long_topic - 1
    for number in range(args.topics):
        in_measured = rng.random() < MEASURED_SPACE_SHARE
        space_id = measured_space.pk if in_measured else rng.choice(spaces)
        started = now - timedelta(minutes=rng.randint(60, 90 * 24 * 60))
        replies = replies_left // (args.topics - number)
        replies = max(0, min(replies_left, rng.randint(0, 2 * replies)))
        replies_left -= replies
        last = started + timedelta(minutes=10 * replies)
        kind = "question" if number % 3 == 0 else "discussion"
        author = rng.choice(member_ids)
        topics.add(space_id, f"Sujet de mesure {number}", kind, author, started, last)
        plan.append((started, replies))
    long_started = now - timedelta(days=3)
    topics.add(
        measured_space.pk,
        "Le long sujet",
        "discussion",
        measured_user.pk,
        long_started,
        long_started + timedelta(minutes=args.long_topic),
    )
    plan.append((long_started, args.long_topic))
    topics.flush()
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM network_topic")
        last_id = cursor.fetchone()[0]
    first_id = last_id - len(plan) + 1
    posts = RawInsert(Post, varying=["topic_id", "author_id", "body", "body_html", "created_at"])
    written = 0
    for offset, (started, replies) in enumerate(plan):
        for number in range(replies + 1):
            body = f"Message {number} : voici comment nous avons fait à la maison."
            posts.add(
                first_id + offset,
                rng.choice(member_ids),
                body,
                f"<p>{body}</p>",
                started + timedelta(minutes=number),
            )
        if len(posts.rows) >= BATCH:
            written += posts.flush()
    written += posts.flush()
    return {"topics": len(plan), "posts": written, "long_topic": last_id}


def add_following(member_ids: list[int], measured_user, measured_space) -> int:
    """Each member watches their region's space; the measured agent is notified of the
    space's latest posts (``NOTIFICATIONS``, three in four read). How many notifications."""
    from django.utils import timezone

    from network.forums.following.models import Level, Notification, Subscription
    from network.forums.models import Post, Space
    from network.models import AgentProfile

    space_of_region = dict(Space.objects.filter(region__isnull=False).values_list("region", "pk"))
    regions = dict(
        AgentProfile.objects.filter(user_id__in=member_ids).values_list(
            "user_id", "maison__department__region"
        )
    )
    watching = RawInsert(
        Subscription,
        varying=["user_id", "space_id"],
        constants={"level": Level.WATCHING, "updated_at": timezone.now()},
    )
    for user_id in member_ids:
        watching.add(user_id, space_of_region[regions[user_id]])
    watching.flush()
    notifications = RawInsert(
        Notification, varying=["user_id", "kind", "post_id", "created_at", "read_at"]
    )
    already = Notification.objects.filter(user=measured_user).values("post")
    posts = (
        Post.objects.filter(topic__space=measured_space)
        .exclude(author=measured_user)
        .exclude(pk__in=already)
        .order_by("-created_at")
    )
    for number, (post_id, at) in enumerate(posts.values_list("pk", "created_at")[:NOTIFICATIONS]):
        read = at if number % 4 else None
        notifications.add(measured_user.pk, "new_post_watched", post_id, at, read)
    return notifications.flush()


def timed_digests() -> tuple[float, int, int]:
    """The weekly digest job for every member, e-mails kept in memory: seconds, digests
    sent, digests failed."""
    from django.conf import settings
    from django.core import mail

    from network.forums.digests.services import send_digests

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    started = time.perf_counter()
    outcome = send_digests(frequency="weekly")
    return time.perf_counter() - started, outcome.sent, outcome.failed


def main() -> int:
    args = parse_args()
    os.chdir(PROJECT_DIR)
    print(versions())
    print(
        f"in-process: django.test.Client, one thread, settings bench.settings, "
        f"public page cache off; {args.requests} timed requests per URL"
    )
    work_dir = Path(tempfile.mkdtemp(prefix="portal-forums-bench-"))
    try:
        env = bench_env(work_dir, page_cache=False)
        os.environ.update(env)
        print(f"Preparing {env['SQLITE_PATH']}: migrate, seed_demo ...", flush=True)
        prepare_database(env)

        import django

        django.setup()
        from django.db import transaction
        from django.urls import reverse

        from network.forums.models import Topic
        from portal.database import refresh_statistics

        with transaction.atomic():
            user, space, topic = measured_agent()
        client = logged_in(user)
        urls = [
            reverse("forums:space", args=[space.slug]),
            reverse("forums:topic", args=[space.slug, topic.pk]),
            reverse("forums:notifications"),
        ]
        small = measure_in_process(urls, client=client)

        started = time.perf_counter()
        with transaction.atomic():
            member_ids = add_members(args.members)
            counts = add_topics(args, member_ids, space, user)
            notified = add_following(member_ids, user, space)
        refresh_statistics()
        generated = time.perf_counter()
        long_topic = Topic.objects.get(pk=counts["long_topic"])
        print(
            f"Generated: {args.members} members, {counts['topics']} topics and "
            f"{counts['posts']} posts ({space.topics.count()} topics in the measured space, "
            f"a topic of {long_topic.posts.count()} posts), every member watching their "
            f"region's space, {notified} notifications of the measured agent "
            f"in {generated - started:.1f} s",
            flush=True,
        )
        long_url = reverse("forums:topic", args=[space.slug, long_topic.pk])
        last_page = (long_topic.posts.count() - 1) // 20 + 1
        urls_full = [*urls, long_url, f"{long_url}?page={last_page}"]
        full = measure_in_process(urls_full, client=client)
        for url in urls_full[3:]:  # a long topic's pages count as many queries as a short one
            small[url] = small[urls[1]]
        results = [timed(client, url, args.requests) for url in [BARE_URL, *urls_full]]
        digest_seconds, digests_sent, digests_failed = timed_digests()
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)

    bare = results[0]
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
                f"{'yes' if p95 < TARGET_P95_MS else 'NO'} (<{TARGET_P95_MS:g})",
                errors_cell(result),
            ]
        )
    print_rows(
        ["URL", *LOAD_HEADERS, "SQL small", "SQL full", "vs bare", "p95<target ms", "errors"],
        rows,
    )
    print(
        f"\nWeekly digest job: {digests_sent} digests built and sent (in memory), "
        f"{digests_failed} failed, in {digest_seconds:.1f} s "
        f"({digests_sent / digest_seconds:.0f} per second); under {DIGEST_TARGET_S:g} s: "
        f"{'yes' if digest_seconds < DIGEST_TARGET_S else 'NO'}"
    )
    failures = [f"{url}: HTTP {full[url].status}" for url in urls_full if full[url].status != 200]
    if digests_failed:
        failures.append(f"digests: {digests_failed} failed")
    failures += [
        f"{url}: {small[url].queries} queries small, {full[url].queries} full"
        for url in urls_full
        if small[url].queries != full[url].queries
    ]
    failures += [f"{r.url}: {errors_cell(r)} failed requests" for r in results if r.errors]
    if failures:
        print("\nFailed:", *failures, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
