"""Who counts as trained: the definition's modules, each with a valid completion."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.models import Role
from tests.network.conftest import make_member
from tests.training.factories import module_with
from training.steering.models import TrainedDefinition
from training.steering.selectors import trained_user_ids

from .conftest import BEFORE_DUE, complete, train

pytestmark = pytest.mark.django_db

TODAY = BEFORE_DUE.date()


def test_the_core_and_the_national_partners_modules_make_an_agent_trained(members, plan):
    # arrange
    trained, core_only, expired, on_the_day = (
        members.agent.user,
        members.other_agent.user,
        make_member("expire@example.org", Role.AGENT, maison=members.maison("34")).user,
        make_member("jour@example.org", Role.AGENT, maison=members.maison("34")).user,
    )
    complete(trained, plan.core, version="2025.1")  # any version counts
    complete(trained, plan.caf)
    complete(core_only, plan.core)
    complete(core_only, plan.local)  # a local partner's module is not required
    train(expired, plan)
    complete(expired, plan.caf, valid_until=TODAY - datetime.timedelta(days=1))
    train(on_the_day, plan, valid_until=TODAY)
    users = [trained.pk, core_only.pk, on_the_day.pk]
    # act
    found = trained_user_ids([*users, expired.pk], today=TODAY)
    # assert
    assert found == {trained.pk, expired.pk, on_the_day.pk}
    assert trained_user_ids([core_only.pk], today=TODAY) == set()
    assert trained_user_ids([on_the_day.pk], today=TODAY + datetime.timedelta(days=1)) == set()


def test_an_expired_completion_alone_does_not_train(members, plan):
    # arrange
    yesterday = TODAY - datetime.timedelta(days=1)
    train(members.agent.user, plan, valid_until=yesterday)
    # act
    found = trained_user_ids([members.agent.user.pk], today=TODAY)
    # assert
    assert found == set()


def test_the_national_cells_definition_replaces_the_default(members, plan):
    # arrange
    definition = TrainedDefinition.load()
    definition.modules.set([plan.refresher])
    complete(members.agent.user, plan.refresher)
    train(members.other_agent.user, plan)
    # act
    found = trained_user_ids([members.agent.user.pk, members.other_agent.user.pk], today=TODAY)
    # assert
    assert found == {members.agent.user.pk}


def test_nobody_is_trained_while_nothing_defines_it(members):
    # arrange
    complete(members.agent.user, module_with(lessons=0))
    # act
    found = trained_user_ids([members.agent.user.pk], today=TODAY)
    # assert
    assert found == set()


@time_machine.travel(BEFORE_DUE, tick=False)
def test_trained_user_ids_costs_the_same_queries_for_one_agent_or_many(members, plan):
    # arrange
    many = [
        make_member(f"agent{n}@example.org", Role.AGENT, maison=members.maison("34")).user
        for n in range(12)
    ]
    for user in many:
        train(user, plan)
    trained_user_ids([], today=TODAY)  # the setting's row is created on its first read
    # act
    with CaptureQueriesContext(connection) as one:
        trained_user_ids([many[0].pk], today=TODAY)
    with CaptureQueriesContext(connection) as all_of_them:
        found = trained_user_ids([user.pk for user in many], today=TODAY)
    # assert
    assert len(found) == 12
    assert len(one) == len(all_of_them) <= 5
