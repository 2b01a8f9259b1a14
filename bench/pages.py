"""Page throughput bench: gunicorn (2 workers) on a throwaway seeded SQLite database.

Run from the project root:

    .venv/bin/python bench/pages.py [--seconds N] [--threads N] [--urls / /le-reseau/ ...]

Not a test: it prints a table (see docs/benchmarks.md) and exits non-zero if any URL
answered something other than 200.
"""

import argparse
import http.client
import math
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SETTINGS = "bench.settings"
BARE_URL = "/__bench__/ok/"
HOST = "127.0.0.1"
WORKERS = 2
STARTUP_TIMEOUT = 30.0
REQUEST_TIMEOUT = 10.0


@dataclass
class Result:
    url: str
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests
    errors: int = 0
    error_samples: set[str] = field(default_factory=set)
    elapsed: float = 0.0
    queries: int | None = None
    query_status: int | None = None

    @property
    def requests(self) -> int:
        return len(self.latencies) + self.errors

    @property
    def rate(self) -> float:
        return self.requests / self.elapsed if self.elapsed else 0.0

    def percentile_ms(self, pct: float) -> float:
        """Nearest-rank percentile of the per-request latencies, in milliseconds."""
        if not self.latencies:
            return math.nan
        ordered = sorted(self.latencies)
        if pct == 50:
            return statistics.median(ordered) * 1000
        rank = max(1, math.ceil(pct / 100 * len(ordered)))
        return ordered[rank - 1] * 1000


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
    args = parser.parse_args()
    if args.seconds <= 0 or args.threads < 1 or args.max_requests < 1:
        parser.error("--seconds, --threads and --max-requests must be positive")
    for url in args.urls:
        if not url.startswith("/"):
            parser.error(f"URLs are paths starting with '/': {url!r}")
    return args


def print_header(threads: int) -> None:
    import django
    import wagtail

    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    cores = f"{os.cpu_count()} logical cores"
    if affinity is not None and affinity != os.cpu_count():
        cores += f" ({affinity} usable by this process)"
    print(
        f"Python {platform.python_version()} | Django {django.get_version()} "
        f"| Wagtail {wagtail.__version__} | {cores}"
    )
    print(
        f"gunicorn: {WORKERS} sync workers on {HOST}, settings {SETTINGS}; "
        f"client: {threads} threads (http.client, same machine)"
    )


def bench_env(work_dir: Path, *, page_cache: bool) -> dict[str, str]:
    env = os.environ.copy()
    env.update(
        BENCH_PAGE_CACHE="1" if page_cache else "0",
        DJANGO_SETTINGS_MODULE=SETTINGS,
        SQLITE_PATH=str(work_dir / "bench.sqlite3"),
        MEDIA_ROOT=str(work_dir / "media"),
        STATIC_ROOT=str(work_dir / "static"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_DIR), env.get("PYTHONPATH")])),
    )
    return env


def manage(env: dict[str, str], *command: str) -> None:
    completed = subprocess.run(
        [sys.executable, "manage.py", *command, "--settings", SETTINGS],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"manage.py {' '.join(command)} failed ({completed.returncode})")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def count_queries(urls: list[str]) -> dict[str, tuple[int, int]]:
    """In-process: (status, queries) of a second request, after a warm-up one."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST, raise_request_exception=False)
    counts = {}
    try:
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            counts[url] = (response.status_code, len(captured.captured_queries))
    finally:
        connection.close()
    return counts


def start_gunicorn(env: dict[str, str], port: int, log_path: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "portal.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(WORKERS),
        "--error-logfile",
        str(log_path),
        "--log-level",
        "warning",
    ]
    with log_path.open("ab") as log:  # the workers' own output (Django's logging) too
        return subprocess.Popen(
            command, cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
        )


def get(conn: http.client.HTTPConnection, url: str) -> int:
    conn.request("GET", url, headers={"Host": HOST})
    response = conn.getresponse()
    response.read()
    return response.status


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


def load(port: int, url: str, seconds: float, threads: int, max_requests: int) -> Result:
    result = Result(url)
    lock = threading.Lock()
    per_thread = max(1, max_requests // threads)

    # Warm-up, not counted: every worker renders the page at least once.
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        for _ in range(WORKERS * 2):
            try:
                get(conn, url)
            except (OSError, http.client.HTTPException):
                conn.close()
    finally:
        conn.close()

    start = time.perf_counter()
    deadline = start + seconds

    def worker() -> None:
        latencies: list[float] = []
        errors: list[str] = []
        conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        try:
            while len(latencies) + len(errors) < per_thread:
                began = time.perf_counter()
                if began >= deadline:
                    break
                try:
                    status = get(conn, url)
                except (OSError, http.client.HTTPException) as error:
                    conn.close()  # http.client reconnects on the next request
                    errors.append(type(error).__name__)
                    continue
                if status == 200:
                    latencies.append(time.perf_counter() - began)
                else:
                    errors.append(f"HTTP {status}")
        finally:
            conn.close()
        with lock:
            result.latencies.extend(latencies)
            result.errors += len(errors)
            result.error_samples.update(errors)

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(seconds + REQUEST_TIMEOUT + 5)
    result.elapsed = time.perf_counter() - start
    return result


def ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.1f}"


def ratio(rate: float, bare_rate: float) -> str:
    if not bare_rate:
        return "-"
    value = rate / bare_rate
    return f"{value:.2f}x" if value >= 0.1 else f"{value:.3f}x"


def print_table(results: list[Result]) -> None:
    bare_rate = results[0].rate
    headers = ["URL", "requests", "req/s", "p50 ms", "p95 ms", "SQL/page", "vs bare", "errors"]
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
                str(res.requests),
                f"{res.rate:.1f}",
                ms(res.percentile_ms(50)),
                ms(res.percentile_ms(95)),
                queries,
                ratio(res.rate, bare_rate),
                str(res.errors)
                if not res.errors
                else f"{res.errors} ({', '.join(sorted(res.error_samples))})",
            ]
        )
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    print()
    for i, row in enumerate([headers, *rows]):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))


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
    print(f"public page cache: {'off' if args.no_page_cache else 'on'}")

    work_dir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    proc = None
    log_tail: list[str] = []
    try:
        env = bench_env(work_dir, page_cache=not args.no_page_cache)
        os.environ.update(env)  # the in-process Django uses the same settings and database
        print(f"Preparing {work_dir / 'bench.sqlite3'}: migrate, seed_demo ...", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "seed_demo")

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
