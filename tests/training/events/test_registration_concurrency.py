"""50 agents registering at the same instant for 10 seats: 10 seats, 40 waiting, on SQLite
and on PostgreSQL (``timeout 300 bash .ci/with-postgres.sh .venv/bin/python -m pytest -q
-p no:xdist tests/training/events/test_registration_concurrency.py``), each thread on its
own connection (``tests.concurrency``)."""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from network.models import Role
from portal.models import User
from tests.concurrency import at_once, read_rows
from tests.factories import MaisonPageFactory
from tests.network.conftest import make_member
from training.events import services
from training.events.models import Event, Registration

from .factories import make_event

AGENTS = 50
SEATS = 10


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_agents_at_once_for_ten_seats(skeleton_kept, request):
    # arrange
    maison = MaisonPageFactory(title="France Services d’essai de Lodève", postcode="34700")
    users = [
        make_member(f"agent{n}@example.org", Role.AGENT, maison=maison).user.pk
        for n in range(AGENTS)
    ]
    event = make_event(capacity=SEATS, starts_at=timezone.now() + timedelta(days=30))
    path = request.getfixturevalue("database_for_threads")

    def register(user_pk: int) -> None:
        services.register(event=Event.objects.get(pk=event.pk), user=User.objects.get(pk=user_pk))

    # act
    _, errors = at_once(path, register, users)
    # assert
    assert errors == []
    rows = read_rows(
        path,
        f"SELECT status FROM {Registration._meta.db_table} WHERE event_id = %s",  # noqa: S608
        [event.pk],
    )
    assert Counter(status for (status,) in rows) == {
        "registered": SEATS,
        "waiting": AGENTS - SEATS,
    }
