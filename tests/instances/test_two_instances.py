"""Several instances, one state: two gunicorn instances (separate processes, separate
ports) sharing nothing but PostgreSQL and Redis. What one of them changes, the other shows
at once: a page published, a maison's change approved, the last seat of a session, a
forum post, a session, the API's rate limit, a login lockout, the password resets' limit.

Everything goes through HTTP, as a browser behind a reverse proxy would (its address in
``X-Forwarded-For``, ``NUM_PROXIES=1``). Runs in the PostgreSQL stage of CI
(``make pytest-postgres``: .ci/with-postgres.sh and .ci/with-redis.sh start the servers),
the instances on a copy of the test database; without them (a plain local ``pytest``) it
is skipped, on CI it fails.
"""

import hashlib
import http.client
import json
import re
import threading
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest

from tests.instances.cluster import needs_services, run_seed, two_instances

# django_db: the test database is set up (migrated, with the skeleton), then copied.
pytestmark = [pytest.mark.instances, pytest.mark.django_db]

LOGIN = "/espace-agents/connexion/"
CHANGE = "/espace-agents/pilotage/modifications/{pk}/"
REGISTER = "/espace-agents/agenda/{pk}/inscription/"
SESSION = "/espace-agents/agenda/{pk}/"
SPACE = "/espace-agents/forums/{slug}/"
NEW_TOPIC = "/espace-agents/forums/{slug}/nouveau-sujet/"
MY_STATUS = re.compile(r'id="my-status"[^>]* data-status="(\w+)"')
API = "/api/v1/communes/?q=gignac"
API_LIMIT = 4
RESET = "/espace-agents/mot-de-passe/"
RESETS_PER_HOUR = 5  # network.views.PASSWORD_RESETS_PER_HOUR


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


@dataclass
class Visitor:
    """A browser: its cookies, sent to whichever instance it asks, and its own address."""

    address: str
    cookies: dict[str, str] = field(default_factory=dict)

    def get(self, base: str, path: str) -> Answer:
        return self._request(base, "GET", path)

    def post(self, base: str, path: str, data: dict[str, str]) -> Answer:
        if "csrftoken" not in self.cookies:
            self.get(base, LOGIN)  # any form page sets the CSRF cookie
        form = {**data, "csrfmiddlewaretoken": self.cookies["csrftoken"]}
        return self._request(base, "POST", path, urlencode(form))

    def log_in(self, base: str, email: str, password: str) -> Answer:
        return self.post(base, LOGIN, {"username": email, "password": password})

    def _request(self, base: str, method: str, path: str, body: str | None = None) -> Answer:
        parts = urlsplit(base)
        headers = {"X-Forwarded-For": self.address, "Accept-Language": "fr"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or ():
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Answer(response.status, response.headers, text)


@dataclass
class Cluster:
    a: str
    b: str
    env: dict[str, str]
    seeded: dict

    def in_page_cache(self, base: str, path: str) -> bool:
        """Whether Redis holds the whole page ``path`` as ``base`` served it."""
        import redis

        address = hashlib.sha256(f"{urlsplit(base).netloc}{path}".encode()).hexdigest()
        client = redis.Redis.from_url(self.env["REDIS_URL"])
        try:
            return any(client.scan_iter(f"portal-pages:*:portal:page:*:{address}"))
        finally:
            client.close()

    def run_seed(self, *arguments: str) -> str:
        return run_seed(self.env, *arguments)


@pytest.fixture
def cluster(django_db_blocker, tmp_path) -> Cluster:
    """Two instances with what the tests need (tests/instances/seed.py); clients behind
    one proxy (``NUM_PROXIES=1``), the API limited to ``API_LIMIT`` requests a minute."""
    with two_instances(
        django_db_blocker,
        tmp_path,
        name="instances",
        redis_number=0,
        NUM_PROXIES="1",
        API_RATE_LIMIT_PER_MINUTE=str(API_LIMIT),
    ) as ((a, b), env):
        cluster = Cluster(a, b, env, seeded={})
        cluster.seeded = json.loads(cluster.run_seed("build"))
        yield cluster


def a_page_published_is_served_at_once_by_the_other_instance(cluster: Cluster) -> None:
    path = cluster.seeded["maison_url"]
    visitor = Visitor("192.0.2.1")
    assert "France Services de Gignac" in visitor.get(cluster.b, path).text
    assert cluster.in_page_cache(cluster.b, path)
    # An editor publishes a new title (another process, as the admin of instance A would).
    cluster.run_seed("publish", str(cluster.seeded["maison_page"]), "France Services Gignac")
    assert "France Services Gignac<" in visitor.get(cluster.b, path).text


def a_change_approved_on_one_instance_shows_on_the_other(cluster: Cluster) -> None:
    path = cluster.seeded["maison_url"]
    visitor = Visitor("192.0.2.2")
    assert "04 67 12 34 56" not in visitor.get(cluster.b, path).text
    assert cluster.in_page_cache(cluster.b, path)
    coordinator = Visitor("192.0.2.3")
    coordinator.log_in(cluster.a, cluster.seeded["coordinator"], cluster.seeded["password"])
    decided = coordinator.post(
        cluster.a, CHANGE.format(pk=cluster.seeded["change"]), {"decision": "approve"}
    )
    assert decided.status == 302
    assert "04 67 12 34 56" in visitor.get(cluster.b, path).text


def a_session_from_one_instance_is_valid_on_the_other(cluster: Cluster) -> None:
    agent = Visitor("192.0.2.4")
    logged_in = agent.log_in(cluster.a, cluster.seeded["agents"][0], cluster.seeded["password"])
    assert logged_in.status == 302
    assert "sessionid" in agent.cookies
    page = agent.get(cluster.b, "/espace-agents/")
    assert page.status == 200
    assert "Se déconnecter" in page.text
    assert Visitor("192.0.2.4").get(cluster.b, "/espace-agents/").status == 302  # to log in


def the_last_seat_goes_to_one_registration_of_two_on_two_instances(cluster: Cluster) -> None:
    first, second = Visitor("192.0.2.5"), Visitor("192.0.2.6")
    password = cluster.seeded["password"]
    first.log_in(cluster.a, cluster.seeded["agents"][0], password)
    second.log_in(cluster.b, cluster.seeded["agents"][1], password)
    register = REGISTER.format(pk=cluster.seeded["session"])
    for visitor in (first, second):  # both hold a CSRF token before the race
        assert "csrftoken" in visitor.cookies
    start = threading.Barrier(2)
    answers = {}

    def take_seat(visitor: Visitor, base: str) -> None:
        start.wait()
        answers[base] = visitor.post(base, register, {})

    threads = [
        threading.Thread(target=take_seat, args=(first, cluster.a)),
        threading.Thread(target=take_seat, args=(second, cluster.b)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [answer.status for answer in answers.values()] == [302, 302]
    session = SESSION.format(pk=cluster.seeded["session"])
    statuses = [
        MY_STATUS.search(visitor.get(base, session).text).group(1)
        for visitor, base in ((first, cluster.b), (second, cluster.a))
    ]
    assert sorted(statuses) == ["registered", "waiting"]


def a_post_written_on_one_instance_is_listed_on_the_other(cluster: Cluster) -> None:
    password = cluster.seeded["password"]
    slug = cluster.seeded["space"]
    author, reader = Visitor("192.0.2.7"), Visitor("192.0.2.8")
    author.log_in(cluster.a, cluster.seeded["agents"][1], password)
    reader.log_in(cluster.b, cluster.seeded["coordinator"], password)
    assert "Écrit sur une instance" not in reader.get(cluster.b, SPACE.format(slug=slug)).text
    written = author.post(
        cluster.a,
        NEW_TOPIC.format(slug=slug),
        {"title": "Écrit sur une instance", "kind": "discussion", "body": "Lu sur l’autre."},
    )
    assert written.status == 302
    assert "Écrit sur une instance" in reader.get(cluster.b, SPACE.format(slug=slug)).text


def the_api_rate_limit_counts_the_requests_to_both_instances(cluster: Cluster) -> None:
    visitor = Visitor("192.0.2.9")
    bases = [cluster.a, cluster.b] * (API_LIMIT // 2)
    assert [visitor.get(base, API).status for base in bases] == [200] * API_LIMIT
    assert visitor.get(cluster.a, API).status == 429
    assert visitor.get(cluster.b, API).status == 429
    assert Visitor("192.0.2.10").get(cluster.b, API).status == 200  # another client


def failed_logins_on_one_instance_lock_the_account_on_the_other(cluster: Cluster) -> None:
    email, password = cluster.seeded["locked"], cluster.seeded["password"]
    attacker = Visitor("192.0.2.11")
    for _ in range(5):  # AXES_FAILURE_LIMIT
        assert attacker.log_in(cluster.a, email, "mauvais mot de passe").status != 302
    # The member, from another address, on the other instance, with the right password.
    member = Visitor("192.0.2.12")
    refused = member.log_in(cluster.b, email, password)
    assert refused.status == 429
    assert "Trop de tentatives échouées" in refused.text
    assert "sessionid" not in member.cookies


def password_resets_asked_of_both_instances_count_together(cluster: Cluster) -> None:
    visitor = Visitor("192.0.2.13")
    form = {"email": "quelquun@instances.example"}
    bases = [cluster.a, cluster.b] * RESETS_PER_HOUR
    answers = [visitor.post(base, RESET, form).status for base in bases[:RESETS_PER_HOUR]]
    assert answers == [302] * RESETS_PER_HOUR
    refused = visitor.post(bases[RESETS_PER_HOUR], RESET, form)
    assert refused.status == 429
    assert Visitor("192.0.2.14").post(cluster.a, RESET, form).status == 302  # another client


@needs_services
def test_two_instances_share_one_state(cluster):
    """One test, so that one pytest-xdist worker starts the instances: each claim is a
    function of its own, named for what it proves, each with its own visitors."""
    a_page_published_is_served_at_once_by_the_other_instance(cluster)
    a_change_approved_on_one_instance_shows_on_the_other(cluster)
    a_session_from_one_instance_is_valid_on_the_other(cluster)
    the_last_seat_goes_to_one_registration_of_two_on_two_instances(cluster)
    a_post_written_on_one_instance_is_listed_on_the_other(cluster)
    the_api_rate_limit_counts_the_requests_to_both_instances(cluster)
    failed_logins_on_one_instance_lock_the_account_on_the_other(cluster)
    password_resets_asked_of_both_instances_count_together(cluster)
