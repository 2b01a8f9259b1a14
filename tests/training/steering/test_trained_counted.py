"""Trained agents counted ahead (``TrainedAgent``): the same counts as from the completions,
kept current by new completions, expiring by themselves, and never read once stale."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from network.models import Role
from tests.network.conftest import make_member
from tests.training.factories import module_with
from training.steering import selectors, services
from training.steering.models import TrainedAgent, TrainedDefinition

from .conftest import BEFORE_DUE, complete, train

pytestmark = pytest.mark.django_db

TODAY = BEFORE_DUE.date()


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(BEFORE_DUE, tick=False) as traveller:
        yield traveller


def counts(members, today=TODAY):
    maisons = members.maison("34").__class__.objects.filter(pk=members.maison("34").pk)
    return selectors.maisons_overview(maisons, today=today).below_two


def trained_in_gignac(members, today=TODAY) -> int:
    (row,) = counts(members, today) or [None]
    return 2 if row is None else row.trained


def second(members):
    return make_member("second@example.org", Role.AGENT, maison=members.maison("34"))


@pytest.fixture
def gignac(members, plan):
    """At Gignac: the agent trained for good, another until the end of the month, a third
    lacking the partner's module."""
    train(members.agent.user, plan)
    train(second(members).user, plan, valid_until=datetime.date(2026, 6, 30))
    lacking = make_member("manque@example.org", Role.AGENT, maison=members.maison("34"))
    complete(lacking.user, plan.core)
    return plan


def test_the_rebuild_counts_as_the_completions_do(members, gignac):
    # arrange
    from_completions = trained_in_gignac(members)
    # act
    rebuilt = services.rebuild_trained_agents()
    # assert
    assert rebuilt == 2
    assert TrainedAgent.objects.get(user__email="second@example.org").until == datetime.date(
        2026, 6, 30
    )
    assert TrainedAgent.objects.get(user=members.agent.user).until is None
    assert trained_in_gignac(members) == from_completions == 2


def test_a_counted_training_expires_by_itself(members, gignac):
    # arrange
    services.rebuild_trained_agents()
    # act
    after = trained_in_gignac(members, today=datetime.date(2026, 7, 1))
    # assert
    assert after == 1


def test_a_new_completion_counts_the_agent_again(
    members, gignac, django_capture_on_commit_callbacks
):
    # arrange
    services.rebuild_trained_agents()
    newcomer = make_member("nouveau@example.org", Role.AGENT, maison=members.maison("34"))
    # act
    with django_capture_on_commit_callbacks(execute=True):
        train(newcomer.user, gignac)
    # assert
    assert TrainedAgent.objects.filter(user=newcomer.user, until=None).exists()


def test_a_stale_count_is_not_read(members, gignac, django_capture_on_commit_callbacks):
    # arrange: counted, then a third module required, which nobody holds
    services.rebuild_trained_agents()
    definition = TrainedDefinition.load()
    extra = module_with(code="EXTRA-1", title="Module ajouté", lessons=0)
    # act
    definition.modules.set([gignac.core, gignac.caf, extra])
    # assert: from the completions until counted again
    assert TrainedAgent.objects.count() == 2
    assert trained_in_gignac(members) == 0


def test_changing_the_definition_counts_again(members, gignac, django_capture_on_commit_callbacks):
    # arrange
    services.rebuild_trained_agents()
    definition = TrainedDefinition.load()
    # act: only the common core now
    with django_capture_on_commit_callbacks(execute=True):
        definition.modules.set([gignac.core])
    # assert
    assert TrainedAgent.objects.count() == 3
    assert TrainedDefinition.load().agents_key == selectors.definition_key([gignac.core.pk])


def test_the_daily_command_rebuilds(members, gignac, capsys):
    # act
    call_command("rebuild_trained_agents")
    # assert
    assert capsys.readouterr().out.strip() == "trained_agents=2"
    assert TrainedDefinition.load().agents_key
