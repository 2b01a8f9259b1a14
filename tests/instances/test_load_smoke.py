"""The load scenario's short run (``bench/locustfile.py``, docs/benchmarks.md "Load
(locust)"): public visitors, agents and coordinators dealt between two instances on
PostgreSQL and Redis for ``RUN_TIME``, without one failed request. Its per-endpoint table
(requests, failures, p50, p95) is printed at the end of the run (tests/conftest.py). The full
run is ``bench/load.py`` (``make bench``).
"""

import io
from contextlib import redirect_stdout

import pytest

from bench.load import SMOKE, print_table, run_locust
from tests.instances.cluster import needs_services, run_seed, two_instances

pytestmark = [pytest.mark.instances, pytest.mark.django_db]

USERS, RUN_TIME = SMOKE["users"], SMOKE["run_time"]  # those of `bench/load.py --smoke`
# Steps every kind of user takes many times in RUN_TIME: each must have been requested.
EXPECTED = {"login", "forums", "dashboards: overview", "/maisons/[slug]/", "/"}


@needs_services
def test_the_load_scenario_runs_on_two_instances_without_a_failed_request(
    django_db_blocker, tmp_path, record_property
):
    with two_instances(
        django_db_blocker,
        tmp_path,
        name="load",
        redis_number=1,
        # Every simulated visitor calls the API from 127.0.0.1: one client to its limit.
        API_RATE_LIMIT_PER_MINUTE="100000000",
    ) as (urls, env):
        fixtures = tmp_path / "fixtures.json"
        run_seed(env, "load", str(fixtures), str(USERS))
        outcome = run_locust(
            env,
            fixtures,
            urls,
            tmp_path,
            users=USERS,
            spawn_rate=SMOKE["spawn_rate"],
            run_time=RUN_TIME,
        )
    with redirect_stdout(io.StringIO()) as table:
        print_table(outcome.rows)
    heading = f"{USERS} users for {RUN_TIME}, dealt between 2 instances"
    record_property("load_table", f"{heading}\n{table.getvalue()}")
    assert outcome.errors == []
    assert outcome.returncode == 0, outcome.log_tail
    requested = {row.name for row in outcome.rows if row.requests}
    assert requested >= EXPECTED, EXPECTED - requested
    assert outcome.failed == 0
