"""What the load scenario needs on a seeded database, written to a JSON file for locust.

Run by ``bench/load.py`` in a subprocess, on the instances' settings and database:

    python -m bench.load_fixtures OUTPUT.json --agents N --coordinators N

Creates N agents working in the maisons of one region and N coordinators of its
departments, with a password generated for this run (one for all, hashed once: the accounts
cost no time to make), and no second factor: neither role requires one
(``network.two_factor.required_for``); the agents have done the prerequisites of the quiz
they take (one of unlimited attempts). Then an in-person session in that region with a seat
for every agent, and a topic in the region's forum. The file also lists the public
addresses the visitors read (maisons, guides, communes, postcodes, coordinates) and the
steering panels the coordinators open. It is readable by its owner only: it holds the
password.
"""

import argparse
import json
import os
import secrets
from datetime import timedelta
from pathlib import Path

EMAIL_DOMAIN = "load.example"
SAMPLE = 20  # public addresses of each kind the visitors pick from


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--agents", type=int, required=True)
    parser.add_argument("--coordinators", type=int, required=True)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    import django

    django.setup()
    from django.db import transaction

    with transaction.atomic():
        fixtures = build(args.agents, args.coordinators)
    write(fixtures, args.output)


def write(fixtures: dict, path: Path) -> None:
    """The fixtures as JSON at ``path``, readable by its owner only (they hold the
    password)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as output:
        json.dump(fixtures, output, ensure_ascii=False, indent=2)


def build(agents: int, coordinators: int) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from directory.guides.models import GuidePage
    from directory.maisons.models import MaisonPage
    from network.forums import services as forums
    from network.forums.models import Space
    from network.models import AgentProfile, Role
    from network.registry import steering_panels
    from portal.models import User
    from training.events.models import Event, EventKind
    from training.events.services import complete_module
    from training.models import ModulePage

    maisons = list(
        MaisonPage.objects.live()
        .filter(locale__language_code="fr", latitude__isnull=False, department__isnull=False)
        .select_related("department__region")
        .order_by("pk")
    )
    region = maisons[0].department.region
    in_region = [maison for maison in maisons if maison.department.region_id == region.pk]

    password = secrets.token_urlsafe(18)
    hashed = make_password(password)

    def member(role: str, index: int, **workplace) -> dict:
        email = f"{role}-{index}@{EMAIL_DOMAIN}"
        user = User.objects.create(
            email=email, password=hashed, first_name=role, last_name=str(index)
        )
        AgentProfile.objects.create(user=user, role=role, **workplace)
        return {"email": email, "password": password, "user": user}

    agent_rows = [
        member(Role.AGENT, index, maison=in_region[index % len(in_region)])
        for index in range(agents)
    ]
    coordinator_rows = [
        member(Role.COORDINATOR, index, department=in_region[index % len(in_region)].department)
        for index in range(coordinators)
    ]

    # A quiz of unlimited attempts, its prerequisites done by every agent.
    quiz = (
        ModulePage.objects.live()
        .filter(max_attempts=0, questions__isnull=False)
        .distinct()
        .order_by("path")
        .first()
    )
    now = timezone.now()
    for row in agent_rows:
        for prerequisite in quiz.prerequisites.all():
            complete_module(user=row["user"], module=prerequisite, now=now)
    starts_at = now + timedelta(days=30)
    event = Event(
        kind=EventKind.SESSION,
        title="Session de la charge (bench)",
        module=quiz,
        region=region,
        maison=in_region[0],
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=3),
        capacity=max(agents, 1),
    )
    event.full_clean()
    event.save()
    space = Space.objects.get(region=region)
    topic = forums.create_topic(
        space=space,
        author=agent_rows[0]["user"],
        title="Échanges de pratiques sur l’accueil",
        body="Partagez ici vos retours d’expérience sur l’accueil des usagers.",
    )
    panels = steering_panels(coordinator_rows[0]["user"]) if coordinator_rows else []
    guides = GuidePage.objects.live().filter(locale__language_code="fr").order_by("path")
    return {
        "agents": [{"email": row["email"], "password": row["password"]} for row in agent_rows],
        "coordinators": [
            {"email": row["email"], "password": row["password"]} for row in coordinator_rows
        ],
        "quiz_module": quiz.slug,
        "event": event.pk,
        "topic": topic.get_absolute_url(),
        "panels": [panel.slug for panel in panels],
        "maisons": [maison.url for maison in maisons[:SAMPLE]],
        "guides": [guide.url for guide in guides[:SAMPLE]],
        "communes": sorted({maison.commune_name for maison in maisons if maison.commune_name})[
            :SAMPLE
        ],
        "postcodes": sorted({maison.postcode for maison in maisons if maison.postcode})[:SAMPLE],
        "insee": sorted({maison.insee_commune for maison in maisons if maison.insee_commune})[
            :SAMPLE
        ],
        "points": [[maison.latitude, maison.longitude] for maison in maisons[:SAMPLE]],
    }


if __name__ == "__main__":
    main()
