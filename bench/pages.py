"""Page throughput bench: gunicorn (2 workers) on a throwaway seeded SQLite database.

Run from the project root:

    .venv/bin/python bench/pages.py [--seconds N] [--threads N] [--urls / /le-reseau/ ...]
    .venv/bin/python bench/pages.py --public [--seconds N]

``--public`` loads one address of every public page family (``PUBLIC_FAMILIES``), with
the page cache on then off, and prints one table.

``--official`` adds the official data to the demo content: the communes and the list of
France Services (about 2,845 maisons) read from ``../shared/data/`` by the import commands.

Not a test: it prints a table (see docs/benchmarks.md) and exits non-zero if any URL
answered something other than 200.
"""

import argparse
import http.client
import itertools
import math
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SETTINGS = "bench.settings"
BARE_URL = "/__bench__/ok/"
HOST = "127.0.0.1"
WORKERS = 2
STARTUP_TIMEOUT = 30.0
REQUEST_TIMEOUT = 10.0
SERVER_TIMING = re.compile(r"\bapp;dur=([0-9.]+)")
# Real open data beside the project, never copied into it (see ../shared/data/README.md).
SHARED_DATA = PROJECT_DIR.parent / "shared" / "data"
OFFICIAL_CSV = SHARED_DATA / "france-services" / "liste-fs-20240801.csv"
COMMUNES_CSV = SHARED_DATA / "communes" / "communes-2024.csv"


# One address of each public page family (the demo content's), with the status it
# answers. "{maison_id}" is the demo maison's id, read once the database is seeded.
PUBLIC_FAMILIES: list[tuple[str, str, int]] = [
    ("home", "/", 200),
    ("home (en)", "/en/", 200),
    ("standard page", "/le-reseau/", 200),
    ("news index", "/actualites/", 200),
    ("news article", "/actualites/bus-france-services/", 200),
    ("accessibility statement", "/accessibilite/", 200),
    ("site map page", "/plan-du-site/", 200),
    ("maisons index", "/maisons/", 200),
    ("maisons by postcode", "/maisons/?q=34700", 200),
    ("maisons by commune", "/maisons/?q=Lod%C3%A8ve", 200),
    ("maisons nearby (lat/lon)", "/maisons/?lat=43.61&lon=3.87", 200),
    ("their map's data", "/maisons/carte/?lat=43.61&lon=3.87", 200),
    ("maisons search embedded", "/maisons/embed/?q=34700", 200),
    ("department list", "/maisons/departement/34/", 200),
    ("maison (fixed)", "/maisons/france-services-du-lodevois/", 200),
    ("maison (bus)", "/maisons/bus-france-services-des-hauts-cantons/", 200),
    ("maison (antenna)", "/maisons/france-services-minervois-caroux-antenne-dolargues/", 200),
    ("maison (en directory)", "/en/maisons/france-services-du-lodevois/", 200),
    ("maison calendar feed", "/maisons/france-services-du-lodevois/calendrier.ics", 200),
    ("open data page", "/maisons/donnees-ouvertes/", 200),
    ("partners index", "/partenaires/", 200),
    ("partner page", "/partenaires/caf/", 200),
    ("partner page (en)", "/en/partners/caf/", 200),
    ("guides index", "/demarches/", 200),
    ("guides index filtered", "/demarches/?theme=famille&q=carte", 200),
    ("guide", "/demarches/carte-grise/", 200),
    ("guide with a place", "/demarches/carte-grise/?q=Lod%C3%A8ve", 200),
    ("guide (en fallback)", "/en/procedures/prime-activite/", 200),
    ("site search", "/recherche/?q=carte+grise", 200),
    ("search suggestions", "/recherche/suggestions/?q=cart", 200),
    ("API maisons", "/api/v1/maisons/?q=Lod%C3%A8ve", 200),
    ("API maison", "/api/v1/maisons/{maison_id}", 200),
    ("API communes", "/api/v1/communes/?q=lod", 200),
    ("sitemap.xml", "/sitemap.xml", 200),
    ("robots.txt", "/robots.txt", 200),
    ("404 page", "/page-qui-nexiste-pas/", 404),
]
PUBLIC_MAISON_SLUG = "france-services-du-lodevois"


def percentile(values: Sequence[float], pct: float) -> float:
    """Median for 50, else the nearest-rank percentile; NaN without values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    if pct == 50:
        return statistics.median(ordered)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Result:
    url: str
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests
    # Milliseconds, from the Server-Timing header of the successful requests that had one.
    server_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: set[str] = field(default_factory=set)
    elapsed: float = 0.0
    queries: int | None = None
    query_status: int | None = None
    # With ``load(variants=...)``: how many distinct addresses were available, and how
    # many requests (warm-up included) went to an address already requested.
    variants: int = 1
    repeats: int = 0

    @property
    def requests(self) -> int:
        return len(self.latencies) + self.errors

    @property
    def rate(self) -> float:
        return self.requests / self.elapsed if self.elapsed else 0.0

    def percentile_ms(self, pct: float) -> float:
        """Median or nearest-rank percentile of the client latencies, in milliseconds."""
        return percentile(self.latencies, pct) * 1000

    def server_percentile_ms(self, pct: float) -> float:
        """The same, of the server time (Server-Timing ``app;dur``), in milliseconds."""
        return percentile(self.server_ms, pct)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="load time per URL")
    parser.add_argument("--threads", type=int, default=4, help="client threads")
    parser.add_argument(
        "--max-requests",
        type=int,
        default=200_000,
        help="upper bound on requests per URL, whatever the time",
    )
    parser.add_argument("--urls", nargs="+", default=["/"], help="site paths to load")
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="measure rendering: switch off the anonymous public page cache",
    )
    parser.add_argument(
        "--no-search-cache",
        action="store_true",
        help="measure searching: switch off the search results cache",
    )
    parser.add_argument(
        "--public",
        action="store_true",
        help="every public page family, page cache on then off, in one table",
    )
    parser.add_argument(
        "--official",
        action="store_true",
        help="after the demo content, import the official communes and France Services list",
    )
    args = parser.parse_args()
    if args.seconds <= 0 or args.threads < 1 or args.max_requests < 1:
        parser.error("--seconds, --threads and --max-requests must be positive")
    for url in args.urls:
        if not url.startswith("/"):
            parser.error(f"URLs are paths starting with '/': {url!r}")
    if args.official:
        for source in (COMMUNES_CSV, OFFICIAL_CSV):
            if not source.is_file():
                parser.error(f"--official needs {source} (see ../shared/data/README.md)")
    return args


def machine() -> str:
    """Cores (and those usable by this process), CPU model and memory, as far as known."""
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    described = f"{os.cpu_count()} logical cores"
    if affinity is not None and affinity != os.cpu_count():
        described += f" ({affinity} usable by this process)"
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        meminfo = Path("/proc/meminfo").read_text()
    except OSError:
        return described
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    memory = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.MULTILINE)
    if model:
        described += f", {model.group(1).strip()}"
    if memory:
        described += f", {int(memory.group(1)) / 1024**2:.0f} GB RAM"
    return described


def versions() -> str:
    """Python, Django and Wagtail versions and the machine, on one line."""
    import django
    import wagtail

    return (
        f"Python {platform.python_version()} | Django {django.get_version()} "
        f"| Wagtail {wagtail.__version__} | {machine()}"
    )


def print_header(threads: int) -> None:
    print(versions())
    print(
        f"gunicorn: {WORKERS} sync workers on {HOST}, settings {SETTINGS}; "
        f"client: {threads} threads (http.client, same machine)"
    )


def bench_env(work_dir: Path, *, page_cache: bool, search_cache: bool = True) -> dict[str, str]:
    env = os.environ.copy()
    if not search_cache:
        env["SEARCH_RESULTS_CACHE_SECONDS"] = "0"
    env.update(
        BENCH_PAGE_CACHE="1" if page_cache else "0",
        DJANGO_SETTINGS_MODULE=SETTINGS,
        SQLITE_PATH=str(work_dir / "bench.sqlite3"),
        MEDIA_ROOT=str(work_dir / "media"),
        STATIC_ROOT=str(work_dir / "static"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_DIR), env.get("PYTHONPATH")])),
    )
    return env


def run_python(env: dict[str, str], *arguments: str) -> str:
    """Run the project's Python with ``arguments``; its output, or exit with its errors."""
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
    return completed.stdout.strip()


def manage(env: dict[str, str], *command: str) -> str:
    return run_python(env, "manage.py", *command, "--settings", SETTINGS)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def prepare_database(env: dict[str, str]) -> None:
    """Migrate the throwaway database of ``env`` and load the demo content."""
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo")


def import_official(env: dict[str, str]) -> list[str]:
    """Import the official communes and France Services list into the database of
    ``env`` (after ``prepare_database``); the summary line of each import."""
    summaries = []
    for command, source in (
        ("import_communes", COMMUNES_CSV),
        ("import_france_services", OFFICIAL_CSV),
    ):
        output = manage(env, command, str(source))
        summaries.append(f"{source.name}: {output.splitlines()[-1] if output else '-'}")
    return summaries


@dataclass(frozen=True)
class InProcess:
    status: int
    queries: int
    server_ms: float | None


def measure_in_process(
    urls: Sequence[str], *, warm_up_urls: Sequence[str] | None = None, client=None
) -> dict[str, InProcess]:
    """In-process (``django.test.Client``, same settings and database): the status, SQL
    queries and server time of one request per URL. ``client``: a ``django.test.Client``
    of one's own (logged in, say); an anonymous one by default.

    Without ``warm_up_urls`` each URL is requested twice and the second request counted.
    With them, those are requested first (process-wide caches warm) and each URL is
    counted on its first request: a URL not requested before is not in the page cache.
    """
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = client or Client(HTTP_HOST=HOST, raise_request_exception=False)
    measured = {}
    try:
        for url in warm_up_urls or ():
            client.get(url)
        for url in urls:
            if warm_up_urls is None:
                client.get(url)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            measured[url] = InProcess(
                response.status_code,
                len(captured.captured_queries),
                server_time_ms(response.get("Server-Timing")),
            )
    finally:
        connection.close()
    return measured


def count_queries(urls: list[str]) -> dict[str, tuple[int, int]]:
    """In-process: (status, queries) of a second request, after a warm-up one."""
    return {url: (m.status, m.queries) for url, m in measure_in_process(urls).items()}


def start_gunicorn(
    env: dict[str, str], port: int, log_path: Path, workers: int = WORKERS
) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "portal.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--error-logfile",
        str(log_path),
        "--log-level",
        "warning",
    ]
    with log_path.open("ab") as log:  # the workers' own output (Django's logging) too
        return subprocess.Popen(
            command, cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )


def server_time_ms(header: str | None) -> float | None:
    """The ``app;dur=`` milliseconds of a Server-Timing header."""
    found = SERVER_TIMING.search(header or "")
    return float(found.group(1)) if found else None


def fetch(conn: http.client.HTTPConnection, url: str) -> tuple[int, float | None]:
    """(status, server time in ms or None) of a GET, the body read and dropped."""
    conn.request("GET", url, headers={"Host": HOST})
    response = conn.getresponse()
    response.read()
    return response.status, server_time_ms(response.getheader("Server-Timing"))


def get(conn: http.client.HTTPConnection, url: str) -> int:
    return fetch(conn, url)[0]


def wait_until_ready(proc: subprocess.Popen, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        conn = http.client.HTTPConnection(HOST, port, timeout=2)
        try:
            if get(conn, BARE_URL) == 200:
                return
        except OSError:
            pass
        finally:
            conn.close()
        time.sleep(0.2)
    log = log_path.read_text(errors="replace") if log_path.exists() else ""
    raise SystemExit(f"gunicorn did not answer on {HOST}:{port}\n{log[-3000:]}")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()  # SIGTERM: graceful shutdown of the master and its workers
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _children(pid: int) -> list[int]:
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        return [int(child) for child in listed.split()]
    except OSError:  # kernels without that file: read every process's parent
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                # "pid (comm) state ppid ...": comm may hold spaces, so split after ")".
                if int(stat.read_text().rpartition(")")[2].split()[1]) == pid:
                    children.append(int(stat.parent.name))
            except (OSError, ValueError, IndexError):
                continue
        return children


def worker_memory(proc: subprocess.Popen) -> dict[int, tuple[int, int]]:
    """{pid: (VmHWM, VmRSS) in kB} of the gunicorn master's child processes (Linux)."""
    found = {}
    for pid in _children(proc.pid):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        fields = dict(re.findall(r"^(VmHWM|VmRSS):\s*(\d+) kB", status, re.MULTILINE))
        if fields:
            found[pid] = (int(fields.get("VmHWM", 0)), int(fields.get("VmRSS", 0)))
    return found


def load(
    port: int,
    url: str,
    seconds: float,
    threads: int,
    max_requests: int,
    *,
    variants: Sequence[str] | None = None,
    expected: int = 200,
) -> Result:
    """Load ``url`` for ``seconds`` from ``threads`` client threads; an answer other than
    ``expected`` counts as an error.

    With ``variants``, the requests (warm-up ones first) go through those addresses in
    turn, each once before any is repeated, and ``url`` only names the result.
    """
    addresses = list(variants) if variants else [url]
    result = Result(url, variants=len(addresses))
    lock = threading.Lock()
    per_thread = max(1, max_requests // threads)
    issued = itertools.count()  # shared by the threads: next() is atomic

    def next_address() -> str:
        number = next(issued)
        return addresses[number % len(addresses)]

    # Warm-up, not counted: every worker renders the page at least once.
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        for _ in range(WORKERS * 2):
            try:
                get(conn, next_address())
            except (OSError, http.client.HTTPException):
                conn.close()
    finally:
        conn.close()

    start = time.perf_counter()
    deadline = start + seconds

    def worker() -> None:
        latencies: list[float] = []
        server_ms: list[float] = []
        errors: list[str] = []
        conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        try:
            while len(latencies) + len(errors) < per_thread:
                began = time.perf_counter()
                if began >= deadline:
                    break
                try:
                    status, server_time = fetch(conn, next_address())
                except (OSError, http.client.HTTPException) as error:
                    conn.close()  # http.client reconnects on the next request
                    errors.append(type(error).__name__)
                    continue
                if status == expected:
                    latencies.append(time.perf_counter() - began)
                    if server_time is not None:
                        server_ms.append(server_time)
                else:
                    errors.append(f"HTTP {status}")
        finally:
            conn.close()
        with lock:
            result.latencies.extend(latencies)
            result.server_ms.extend(server_ms)
            result.errors += len(errors)
            result.error_samples.update(errors)

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(seconds + REQUEST_TIMEOUT + 5)
    result.elapsed = time.perf_counter() - start
    result.repeats = max(0, next(issued) - len(addresses))
    return result


def ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.1f}"


def ratio(rate: float, bare_rate: float) -> str:
    if not bare_rate:
        return "-"
    value = rate / bare_rate
    return f"{value:.2f}x" if value >= 0.1 else f"{value:.3f}x"


# The columns of load_cells.
LOAD_HEADERS = ["requests", "req/s", "p50 ms", "p95 ms", "server p50", "server p95"]


def load_cells(result: Result) -> list[str]:
    """Requests, rate, client p50 and p95, server p50 and p95 of a load: table cells."""
    return [
        str(result.requests),
        f"{result.rate:.1f}",
        ms(result.percentile_ms(50)),
        ms(result.percentile_ms(95)),
        ms(result.server_percentile_ms(50)),
        ms(result.server_percentile_ms(95)),
    ]


def errors_cell(result: Result) -> str:
    """The number of failed requests, with the distinct failures seen."""
    if not result.errors:
        return str(result.errors)
    return f"{result.errors} ({', '.join(sorted(result.error_samples))})"


def print_table(results: list[Result]) -> None:
    bare_rate = results[0].rate
    headers = [
        "URL",
        *LOAD_HEADERS,
        "SQL/page",
        "vs bare",
        "errors",
    ]
    rows = []
    for res in results:
        if res.queries is None:
            queries = "?"
        elif res.query_status != 200:
            queries = f"{res.queries} (HTTP {res.query_status})"
        else:
            queries = str(res.queries)
        rows.append(
            [
                res.url,
                *load_cells(res),
                queries,
                ratio(res.rate, bare_rate),
                errors_cell(res),
            ]
        )
    print_rows(headers, rows)


def print_rows(headers: list[str], rows: list[list[str]]) -> None:
    """A plain-text table: the first column left-aligned, the others right-aligned."""
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    print()
    for i, row in enumerate([headers, *rows]):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))


# The issue 26 budget of a public page: SQL queries, and its throughput rendered
# (page cache off) as a share of the bare view's.
PUBLIC_MAX_QUERIES = 8
PUBLIC_MIN_RATIO = 0.15


def public_addresses() -> list[tuple[str, str, int]]:
    """``PUBLIC_FAMILIES`` with the demo maison's id filled in (in-process, seeded)."""
    import django

    django.setup()
    from directory.models import MaisonPage

    maison_id = MaisonPage.objects.filter(slug=PUBLIC_MAISON_SLUG).values_list("pk", flat=True)[0]
    return [
        (family, url.format(maison_id=maison_id), status)
        for family, url, status in PUBLIC_FAMILIES
    ]


def load_public(
    env: dict[str, str], work_dir: Path, families: list[tuple[str, str, int]], args
) -> tuple[Result, dict[str, Result], list[str]]:
    """One gunicorn on ``env``: the bare view's load, each family's, and the log's last
    lines."""
    port = free_port()
    log_path = work_dir / f"gunicorn-{env['BENCH_PAGE_CACHE']}.log"
    proc = start_gunicorn(env, port, log_path)
    try:
        wait_until_ready(proc, port, log_path)
        bare = load(port, BARE_URL, args.seconds, args.threads, args.max_requests)
        results = {
            url: load(port, url, args.seconds, args.threads, args.max_requests, expected=status)
            for _, url, status in families
        }
    finally:
        stop(proc)
    return bare, results, log_path.read_text(errors="replace").splitlines()[-20:]


def run_public(args, work_dir: Path) -> int:
    """Every public page family, page cache on then off, on one seeded database: one table
    (SQL counted in-process with the page cache off)."""
    env_off = bench_env(work_dir, page_cache=False, search_cache=not args.no_search_cache)
    env_on = {**env_off, "BENCH_PAGE_CACHE": "1"}
    os.environ.update(env_off)  # the in-process Django renders every page
    print(f"Preparing {work_dir / 'bench.sqlite3'}: migrate, seed_demo ...", flush=True)
    prepare_database(env_off)
    families = public_addresses()
    measured = measure_in_process([url for _, url, _ in families])
    print(f"{len(families)} families, {args.seconds:g} s each, page cache on then off ...")
    bare_on, cached, log_on = load_public(env_on, work_dir, families, args)
    bare_off, rendered, log_off = load_public(env_off, work_dir, families, args)
    print(f"\nbare view: {bare_on.rate:.0f} req/s (cache on run), {bare_off.rate:.0f} (off run)")
    headers = ["family", "URL", "SQL", "cached req/s", "cached", "uncached req/s", "uncached"]
    headers += ["uncached p50 ms", "budget", "errors"]
    rows, failed = [], []
    for family, url, status in families:
        sql = measured[url]
        on, off = cached[url], rendered[url]
        within = sql.queries <= PUBLIC_MAX_QUERIES and (
            off.rate / bare_off.rate >= PUBLIC_MIN_RATIO if bare_off.rate else False
        )
        rows.append(
            [
                family,
                url,
                str(sql.queries) if sql.status == status else f"{sql.queries} (HTTP {sql.status})",
                f"{on.rate:.0f}",
                ratio(on.rate, bare_on.rate),
                f"{off.rate:.0f}",
                ratio(off.rate, bare_off.rate),
                ms(off.percentile_ms(50)),
                "ok" if within else "over",
                str(on.errors + off.errors),
            ]
        )
        if on.errors or off.errors or sql.status != status:
            failed.append(url)
    print_rows(headers, rows)
    if failed:
        print(f"\nErrors (unexpected status or failed requests) on: {', '.join(failed)}")
        print("Last lines of the gunicorn logs:", *log_on, *log_off, sep="\n  ", file=sys.stderr)
        return 1
    return 0


def main() -> int:
    args = parse_args()
    urls = [BARE_URL, *(url for url in args.urls if url != BARE_URL)]
    os.chdir(PROJECT_DIR)
    # Import `bench.*` as a package, never this directory's modules as top-level ones.
    sys.path[:] = [
        p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent
    ]
    sys.path.insert(0, str(PROJECT_DIR))
    print_header(args.threads)
    if args.public:
        print(f"search results cache: {'off' if args.no_search_cache else 'on'}")
        work_dir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
        try:
            return run_public(args, work_dir)
        finally:
            shutil.rmtree(work_dir, ignore_errors=True)
    print(f"public page cache: {'off' if args.no_page_cache else 'on'}")
    print(f"search results cache: {'off' if args.no_search_cache else 'on'}")

    work_dir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    proc = None
    log_tail: list[str] = []
    try:
        env = bench_env(
            work_dir, page_cache=not args.no_page_cache, search_cache=not args.no_search_cache
        )
        os.environ.update(env)  # the in-process Django uses the same settings and database
        print(f"Preparing {work_dir / 'bench.sqlite3'}: migrate, seed_demo ...", flush=True)
        prepare_database(env)
        if args.official:
            print("Importing the official communes and France Services list ...", flush=True)
            for summary in import_official(env):
                print(f"  {summary}")

        queries = count_queries(urls)

        port = free_port()
        log_path = work_dir / "gunicorn.log"
        proc = start_gunicorn(env, port, log_path)
        wait_until_ready(proc, port, log_path)
        print(
            f"gunicorn ready on {HOST}:{port}; {args.seconds:g} s per URL, {len(urls)} URLs ...",
            flush=True,
        )

        results = []
        for url in urls:
            result = load(port, url, args.seconds, args.threads, args.max_requests)
            result.query_status, result.queries = queries[url]
            results.append(result)
    finally:
        if proc is not None:
            stop(proc)
            log_tail = log_path.read_text(errors="replace").splitlines()[-20:]
        shutil.rmtree(work_dir, ignore_errors=True)

    print_table(results)
    failed = [res.url for res in results if res.errors or res.query_status != 200]
    if failed:
        print(f"\nErrors (non-200 or failed requests) on: {', '.join(failed)}", file=sys.stderr)
        if log_tail:
            print("Last lines of the gunicorn log:", *log_tail, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
