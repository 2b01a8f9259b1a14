"""What the two-instance test needs, written into the instances' database (a copy of the
test database: migrated, with the skeleton) by a process of its own, with the instances'
settings (the test itself talks to the instances through HTTP only).

    python -m tests.instances.seed build            # prints what it built, as JSON
    python -m tests.instances.seed publish PK TITLE  # a new revision of page PK, published
    python -m tests.instances.seed load OUTPUT USERS  # the load scenario's content and file

Run with the instances' environment (``bench.instances.instance_env``).
"""

import json
import sys
from datetime import timedelta
from pathlib import Path

import django

PASSWORD = "deux instances, un seul état"
COMMUNES = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "communes"
# Hérault communes with a maison each: Lodève, Gignac, Clermont-l'Hérault, Pézenas,
# Montpellier, Béziers.
LOAD_COMMUNES = ("34142", "34114", "34079", "34199", "34172", "34032")
WEEKDAY_HOURS = [(day, "09:00", "12:30") for day in range(5)] + [
    (day, "13:30", "17:00") for day in range(5)
]


def build() -> dict:
    from django.db import transaction
    from django.utils import timezone

    from directory.models import Department
    from network.forums.models import Space
    from network.forums.services import set_up_spaces
    from network.maison_changes import proposal
    from network.maison_changes import services as maison_changes
    from network.models import AgentProfile, Role
    from portal.models import User
    from tests.factories import MaisonPageFactory
    from tests.training.events.factories import make_event

    def member(email: str, role: Role, **workplace) -> str:
        user = User.objects.create_user(email, PASSWORD, first_name="Essai", last_name="Deux")
        AgentProfile.objects.create(user=user, role=role, **workplace)
        return email

    set_up_spaces()
    herault = Department.objects.get(code="34")
    maison = MaisonPageFactory(title="France Services de Gignac", postcode="34150")
    agents = [
        member(f"agent{number}@instances.example", Role.AGENT, maison=maison) for number in (1, 2)
    ]
    coordinator = member("coord@instances.example", Role.COORDINATOR, department=herault)
    locked = member("verrou@instances.example", Role.AGENT, maison=maison)
    contact = proposal.current_state(maison)["contact"]
    with transaction.atomic():
        change = maison_changes.propose(
            maison=maison,
            sections={"contact": {**contact, "phone": "04 67 12 34 56"}},
            user=User.objects.get(email=agents[0]),
        )
    session = make_event(
        title="Session à une place",
        capacity=1,
        starts_at=timezone.now() + timedelta(days=20),
    )
    return {
        "password": PASSWORD,
        "agents": agents,
        "coordinator": coordinator,
        "locked": locked,
        "maison_url": maison.url,
        "change": change.pk,
        "session": session.pk,
        "space": Space.objects.get(region=herault.region).slug,
        "maison_page": maison.pk,
    }


def publish(page_pk: int, title: str) -> None:
    """What an editor's "Publish" does: a new revision of the page, published."""
    from wagtail.models import Page

    page = Page.objects.get(pk=page_pk).specific
    page.title = title
    page.save_revision().publish()


def load(output: Path, users: int) -> None:
    """What the load scenario (bench/locustfile.py) reads, small: maisons in six communes
    of one department with their hours, two guides, a module whose quiz has a question of
    every kind and no limit of attempts, the forums' spaces; then its accounts (``users``
    agents and coordinators) and fixtures file (``bench.load_fixtures``)."""
    from django.db import transaction

    from bench import load_fixtures
    from directory.models import Commune
    from network.forums.services import set_up_spaces
    from tests.factories import GuidePageFactory, communes_from_file, maison_in
    from tests.training.factories import BANK, module_with

    with transaction.atomic():
        communes_from_file(COMMUNES / "communes-2024.csv", *LOAD_COMMUNES)
        for commune in Commune.objects.filter(insee__in=LOAD_COMMUNES).order_by("insee"):
            maison_in(commune, f"France Services {commune.name}", hours=WEEKDAY_HOURS)
        GuidePageFactory(title="Carte grise")
        GuidePageFactory(title="Demander sa retraite")
        module_with(lessons=1, questions=BANK, max_attempts=0)
        set_up_spaces()
        fixtures = load_fixtures.build(agents=users, coordinators=users)
    load_fixtures.write(fixtures, output)


if __name__ == "__main__":
    django.setup()
    command, *arguments = sys.argv[1:]
    if command == "build":
        print(json.dumps(build()))
    elif command == "publish":
        publish(int(arguments[0]), arguments[1])
    elif command == "load":
        load(Path(arguments[0]), int(arguments[1]))
    else:
        sys.exit(f"unknown command {command!r}")
