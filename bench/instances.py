"""Several instances, one state: a throwaway PostgreSQL and Redis on loopback, and gunicorn
instances of ``portal.wsgi`` (separate processes, separate ports) sharing nothing else.

Used by the two-instance test (tests/instances/) and the load scenario. Run from the
project root to try it by hand (Ctrl-C stops everything):

    .venv/bin/python bench/instances.py [--count 2] [--workers 2] [--no-demo]

``services()`` reuses .ci/with-postgres.sh and .ci/with-redis.sh (the same scripts as CI),
which create their servers in temporary directories and remove them whatever happens.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path[:] = [
        p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent
    ]
    sys.path.insert(0, str(PROJECT_DIR))

from bench.pages import free_port, start_gunicorn  # noqa: E402

SETTINGS = "bench.instance_settings"
HOST = "127.0.0.1"
READY_URL = "/__bench__/ok/"
SERVICES_TIMEOUT = 120.0  # initdb and PostgreSQL's start, Redis's; apt-get when absent
STARTUP_TIMEOUT = 60.0
STOP_TIMEOUT = 30.0
# The scripts print the variables they export, then wait for their standard input to close.
_PRINT_AND_WAIT = 'printf "%s\\n%s\\n" "$DATABASE_URL" "$REDIS_URL"; read -r _ || true'


@contextmanager
def services(work_dir: Path) -> Iterator[dict[str, str]]:
    """A throwaway PostgreSQL and Redis on loopback (free ports), stopped after: yields the
    environment to add (DATABASE_URL, REDIS_URL). The servers' output goes to
    ``work_dir/services.log``."""
    work_dir.mkdir(parents=True, exist_ok=True)
    command = [
        "bash",
        str(PROJECT_DIR / ".ci" / "with-postgres.sh"),
        "bash",
        str(PROJECT_DIR / ".ci" / "with-redis.sh"),
        "sh",
        "-c",
        _PRINT_AND_WAIT,
    ]
    log_path = work_dir / "services.log"
    with log_path.open("ab") as log:
        proc = subprocess.Popen(
            command,
            cwd=PROJECT_DIR,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
        )
    try:
        database_url = proc.stdout.readline().strip()
        redis_url = proc.stdout.readline().strip()
        if not (database_url.startswith("postgres://") and redis_url.startswith("redis://")):
            raise RuntimeError("PostgreSQL and Redis did not start:\n" + _tail(log_path, 3000))
        yield {"DATABASE_URL": database_url, "REDIS_URL": redis_url}
    finally:
        proc.stdin.close()  # the command ends: the scripts stop their servers
        try:
            proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.terminate()  # the scripts' traps still stop the servers
            proc.wait(timeout=STOP_TIMEOUT)
        proc.stdout.close()


def instance_env(service_env: dict[str, str], work_dir: Path) -> dict[str, str]:
    """The whole environment of an instance (and of ``prepare``): this process's, the
    services', the instances' settings, their files under ``work_dir``."""
    env = os.environ.copy()
    env.update(service_env)
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        INSTANCES_WORK_DIR=str(work_dir),
        PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_DIR), env.get("PYTHONPATH")])),
    )
    return env


def prepare(env: dict[str, str], *, demo: bool = True) -> None:
    """migrate, then seed_demo (and its accounts: bench.instance_settings seeds them) on
    env's database."""
    _manage(env, "migrate", "--noinput")
    if demo:
        _manage(env, "seed_demo")


@contextmanager
def instances(env: dict[str, str], count: int = 2, workers: int = 2) -> Iterator[list[str]]:
    """`count` gunicorn instances (separate processes, separate free loopback ports) of
    portal.wsgi on the environment `env` (settings, DATABASE_URL, REDIS_URL...): yields their
    base URLs ("http://127.0.0.1:PORT"), stopped after whatever happens. Each one logs to
    ``instance-N.log`` in env's INSTANCES_WORK_DIR (else a temporary directory)."""
    with ExitStack() as stack:
        log_dir = env.get("INSTANCES_WORK_DIR") or stack.enter_context(
            tempfile.TemporaryDirectory(prefix="instances-")
        )
        procs: list[subprocess.Popen] = []
        stack.callback(_stop, procs)  # every one started, whatever happens next
        started = []
        for number in range(1, count + 1):
            port = free_port()
            log_path = Path(log_dir) / f"instance-{number}.log"
            procs.append(start_gunicorn(env, port, log_path, workers))
            started.append((procs[-1], port, log_path))
        for proc, port, log_path in started:
            _wait_until_ready(proc, port, log_path)
        yield [f"http://{HOST}:{port}" for _, port, _ in started]


def _manage(env: dict[str, str], *command: str) -> None:
    completed = subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode:
        raise RuntimeError(
            f"manage.py {' '.join(command)} failed ({completed.returncode}):\n"
            + (completed.stdout + completed.stderr)[-3000:]
        )


def _wait_until_ready(proc: subprocess.Popen, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}{READY_URL}", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {HOST}:{port}:\n" + _tail(log_path, 3000))


def _stop(procs: list[subprocess.Popen]) -> None:
    """Stops the instances together (each shutdown waits for its workers)."""
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()  # SIGTERM: graceful shutdown of the master and its workers
    for proc in procs:
        try:
            proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _tail(path: Path, chars: int) -> str:
    return path.read_text(errors="replace")[-chars:] if path.exists() else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2, help="instances (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers each")
    parser.add_argument("--no-demo", action="store_true", help="migrate only, no demo content")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="instances-") as tmp:
        work_dir = Path(tmp)
        with services(work_dir) as service_env:
            env = instance_env(service_env, work_dir)
            print(f"DATABASE_URL={service_env['DATABASE_URL']}", flush=True)
            print(f"REDIS_URL={service_env['REDIS_URL']}", flush=True)
            prepare(env, demo=not args.no_demo)
            with instances(env, args.count, args.workers) as urls:
                print(*urls, sep="\n", flush=True)
                print(f"logs in {work_dir}; Ctrl-C stops them", flush=True)
                try:
                    while True:
                        time.sleep(3600)
                except KeyboardInterrupt:
                    pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
