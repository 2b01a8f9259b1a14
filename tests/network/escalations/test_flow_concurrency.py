"""Two référents taking the same escalation at the same instant, each on their own
connection (``tests.concurrency``): one takes it, the other is told it is taken."""

import pytest

from network.escalations import services
from network.escalations.models import Escalation, Step
from portal.models import User
from tests.concurrency import at_once, read_rows

from .flow_fixtures import MONDAY, escalate, flow_fixture  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_two_referents_taking_at_once_one_wins(skeleton_kept, members, flow, request):
    # arrange
    escalation_pk = escalate(members, flow).pk
    path = request.getfixturevalue("database_for_threads")

    def take(user_pk: int) -> int | None:
        try:
            services.take(
                escalation=Escalation.objects.get(pk=escalation_pk),
                user=User.objects.get(pk=user_pk),
                now=MONDAY,
            )
        except services.WrongStep:
            return None
        return user_pk

    # act
    outcomes, errors = at_once(path, take, [flow.referent.user.pk, flow.colleague.user.pk])
    # assert
    assert errors == []
    [winner] = [outcome for outcome in outcomes if outcome is not None]
    assert outcomes.count(None) == 1
    rows = read_rows(
        path,
        f"SELECT assignee_id FROM {Escalation._meta.db_table} WHERE id = %s",  # noqa: S608
        [escalation_pk],
    )
    assert rows == [(winner,)]
    taken = read_rows(
        path,
        f"SELECT COUNT(*) FROM {Step._meta.db_table} WHERE escalation_id = %s AND kind = %s",  # noqa: S608
        [escalation_pk, Step.Kind.TAKEN.value],
    )
    assert taken == [(1,)]
