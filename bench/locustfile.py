"""The load scenario: public visitors, agents and coordinators on several instances.

Run by ``bench/load.py`` (which prepares the database, the fixtures file and the
instances); by hand:

    LOAD_FIXTURES=fixtures.json LOAD_HOSTS=http://127.0.0.1:8001,http://127.0.0.1:8002 \\
        locust -f bench/locustfile.py --headless --users 20 --spawn-rate 5 --run-time 1m

Each simulated user is dealt one of the ``LOAD_HOSTS``, in turn within its kind (so every
instance gets its share of each kind of user) and, for members, one of the fixtures'
accounts of its role, which it logs in with through the login form (CSRF token included).
A response counts as a failure when its status is an error, or when it is not what the
step expects (a login that shows the form again, a registration that did not take).

- ``Visitor``: the home page, the maisons near a commune, a postcode or a position, a
  maison's page, a guide with a place, the site search and the API.
- ``Agent``: takes the quiz of a module (start, answer every question, submit); registers
  for an in-person session and cancels (the seats stay free); reads its region's forum and
  replies in a topic.
- ``Coordinator``: opens the dashboards' overview and each panel.
"""

import itertools
import json
import os
import random
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

from locust import HttpUser, between, task

FIXTURES = json.loads(Path(os.environ["LOAD_FIXTURES"]).read_text(encoding="utf-8"))
HOSTS = os.environ["LOAD_HOSTS"].split(",")
# Each kind of user dealt the instances in turn: each instance gets its share of every kind.
DEALT = defaultdict(lambda: itertools.cycle(HOSTS))
ACCOUNTS = {
    "agents": iter(FIXTURES["agents"]),
    "coordinators": iter(FIXTURES["coordinators"]),
}
PICK = random.Random()  # noqa: S311 (which page to read, not a secret)
SEARCH_TERMS = ["carte grise", "retraite", "impôts", "allocations familiales", "permis"]
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOGIN = "/espace-agents/connexion/"
REPLY = "Merci pour ce retour : nous faisons de même à l’accueil de notre maison."


def csrf_token(response) -> str:
    found = CSRF_FIELD.search(response.text)
    if found is None:
        response.failure("no CSRF token in the page")
        return ""
    return found.group(1)


class QuizForm(HTMLParser):
    """The answers of the quiz form (``#quiz-form``): the first choice of every radio or
    checkbox group and select, a word in every text field."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.select: str | None = None
        self.answers: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.inside = attributes.get("id") == "quiz-form"
        if not self.inside:
            return
        name = attributes.get("name", "")
        if tag == "input" and name.startswith("q"):
            if attributes.get("type") in {"radio", "checkbox"}:
                self.answers.setdefault(name, attributes.get("value", ""))
            else:
                self.answers.setdefault(name, "12")
        elif tag == "input" and name == "csrfmiddlewaretoken":
            self.answers[name] = attributes.get("value", "")
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and attributes.get("value"):
            self.answers.setdefault(self.select, attributes["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form":
            self.inside = False


class OneInstanceUser(HttpUser):
    """A user sent to one of the instances, dealt in turn."""

    abstract = True
    host = "http://127.0.0.1"  # replaced by the instance dealt to each user

    def __init__(self, environment):
        super().__init__(environment)
        self.client.base_url = next(DEALT[type(self).__name__])


class Visitor(OneInstanceUser):
    weight = 6
    wait_time = between(1, 3)

    @task(2)
    def home(self):
        self.client.get("/")

    @task(2)
    def near_commune(self):
        self.client.get(
            f"/maisons/?q={PICK.choice(FIXTURES['communes'])}", name="/maisons/?q=[commune]"
        )

    @task
    def near_postcode(self):
        self.client.get(
            f"/maisons/?q={PICK.choice(FIXTURES['postcodes'])}", name="/maisons/?q=[postcode]"
        )

    @task
    def near_position(self):
        lat, lon = PICK.choice(FIXTURES["points"])
        self.client.get(f"/maisons/?lat={lat:.4f}&lon={lon:.4f}", name="/maisons/?lat=&lon=")

    @task(2)
    def maison(self):
        self.client.get(PICK.choice(FIXTURES["maisons"]), name="/maisons/[slug]/")

    @task
    def guide_with_place(self):
        guide = PICK.choice(FIXTURES["guides"])
        commune = PICK.choice(FIXTURES["communes"])
        self.client.get(f"{guide}?q={commune}", name="[guide]?q=[commune]")

    @task
    def site_search(self):
        self.client.get(f"/recherche/?q={PICK.choice(SEARCH_TERMS)}", name="/recherche/?q=")

    @task
    def api(self):
        lat, lon = PICK.choice(FIXTURES["points"])
        self.client.get(
            f"/api/v1/maisons/?near={lat:.4f},{lon:.4f}", name="/api/v1/maisons/?near="
        )
        self.client.get(
            f"/api/v1/maisons/?commune={PICK.choice(FIXTURES['insee'])}",
            name="/api/v1/maisons/?commune=",
        )


class Member(OneInstanceUser):
    """A member logged in through the login form with the next account of ``accounts``."""

    abstract = True
    accounts = ""

    def on_start(self):
        account = next(ACCOUNTS[self.accounts])
        form = self.client.get(LOGIN, name="login form")
        with self.client.post(
            LOGIN,
            {
                "username": account["email"],
                "password": account["password"],
                "csrfmiddlewaretoken": csrf_token(form),
            },
            name="login",
            catch_response=True,
        ) as response:
            if response.url.split("?")[0].endswith(LOGIN):
                response.failure("login refused")

    def post_form(self, page_url: str, action: str, data: dict, *, name: str, expect: str):
        """GET ``page_url``, POST ``data`` with its CSRF token to ``action``; a failure
        unless the POST redirected (the form was taken) to a page that contains ``expect``."""
        page = self.client.get(page_url, name=f"{name} (page)")
        with self.client.post(
            action,
            {**data, "csrfmiddlewaretoken": csrf_token(page)},
            name=name,
            catch_response=True,
        ) as response:
            if not response.history or expect not in response.text:
                response.failure(f"not redirected to a page showing {expect!r}")


class Agent(Member):
    weight = 3
    wait_time = between(1, 3)
    accounts = "agents"

    @task
    def quiz(self):
        module = f"/espace-agents/formation/modules/{FIXTURES['quiz_module']}/"
        page = self.client.get(module, name="training module")
        with self.client.post(
            f"{module}quiz/",
            {"csrfmiddlewaretoken": csrf_token(page)},
            name="quiz: start",
            catch_response=True,
        ) as started:
            if "/tentatives/" not in started.url:
                started.failure("no attempt started")
                return
        form = QuizForm()
        form.feed(started.text)
        with self.client.post(
            started.url, form.answers, name="quiz: submit", catch_response=True
        ) as submitted:
            if not submitted.url.endswith("/resultat/"):
                submitted.failure("the answers were not taken")

    @task
    def session(self):
        event = f"/espace-agents/agenda/{FIXTURES['event']}/"
        self.client.get("/espace-agents/agenda/", name="agenda")
        self.post_form(
            event,
            f"{event}inscription/",
            {},
            name="session: register",
            expect=f"{event}annulation/",
        )
        self.post_form(
            event, f"{event}annulation/", {}, name="session: cancel", expect=f"{event}inscription/"
        )

    @task(2)
    def forum(self):
        topic = FIXTURES["topic"]
        self.client.get("/espace-agents/forums/", name="forums")
        self.client.get(topic.rsplit("/", 2)[0] + "/", name="forum space")
        self.post_form(topic, topic, {"body": REPLY}, name="forum: reply", expect=REPLY)


class Coordinator(Member):
    weight = 1
    wait_time = between(2, 5)
    accounts = "coordinators"

    @task
    def dashboards(self):
        self.client.get("/espace-agents/pilotage/", name="dashboards: overview")
        for slug in FIXTURES["panels"]:
            self.client.get(f"/espace-agents/pilotage/{slug}/", name=f"dashboards: {slug}")
