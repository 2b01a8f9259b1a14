"""Automatic issuance under real concurrency, each thread on its own connection
(``tests.concurrency``), on SQLite and on PostgreSQL: the same completion handled four
times at once issues one credential; agents issued at the same instant by one issuer get
distinct places in its status list."""

import pytest

from network.models import Role
from portal.models import User
from tests.concurrency import at_once, read_rows
from tests.network.conftest import make_member
from tests.training.factories import ModulePageFactory
from training.certifications import services
from training.certifications.models import Credential

from .conftest import add_criterion, complete

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RUNS = 4


def issue_due_to(module_pk: int):
    def run(user_pk: int) -> int:
        return len(services.issue_due(User.objects.get(pk=user_pk), module_id=module_pk))

    return run


def test_the_same_completion_handled_at_once_issues_once(
    skeleton_kept, members, definition, request
):
    # arrange: the criterion comes after the completion, which thus issued nothing yet
    quiz = ModulePageFactory()
    agent = members.agent.user
    complete(agent, quiz, score=90)
    add_criterion(definition, quiz, min_score=80)
    path = request.getfixturevalue("database_for_threads")
    # act
    issued, errors = at_once(path, issue_due_to(quiz.pk), [agent.pk] * RUNS)
    # assert
    assert errors == []
    assert sorted(issued) == [0] * (RUNS - 1) + [1]
    rows = read_rows(
        path,
        f"SELECT COUNT(*) FROM {Credential._meta.db_table} WHERE user_id = %s",  # noqa: S608
        [agent.pk],
    )
    assert rows == [(1,)]


def test_agents_issued_at_once_get_distinct_status_indexes(
    skeleton_kept, members, definition, request
):
    # arrange: the criterion comes after the completions, which thus issued nothing yet
    quiz = ModulePageFactory()
    maison = members.agent.maison
    agents = [
        make_member(f"agent.simultane{n}@example.org", Role.AGENT, maison=maison).user
        for n in range(RUNS)
    ]
    for agent in agents:
        complete(agent, quiz, score=95)
    add_criterion(definition, quiz, min_score=80)
    path = request.getfixturevalue("database_for_threads")
    # act
    issued, errors = at_once(path, issue_due_to(quiz.pk), [agent.pk for agent in agents])
    # assert
    assert errors == []
    assert issued == [1] * RUNS
    rows = read_rows(
        path,
        f"SELECT status_index FROM {Credential._meta.db_table} WHERE partner_id = %s",  # noqa: S608
        [definition.partner_id],
    )
    assert sorted(index for (index,) in rows) == list(range(RUNS))
