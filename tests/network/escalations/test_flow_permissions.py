"""The escalation actions' matrix, asked of ``can`` as views and services ask it: who
creates for which maison, who sees a queue, reads, handles and replies, from the refused
side as much as the allowed one."""

from datetime import timedelta

import pytest
import time_machine

from network.escalations import services
from network.escalations.models import Escalation
from network.permissions import Action, can

from .flow_fixtures import MONDAY, escalate, flow_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

EVERYONE = [
    "agent",
    "other_agent",
    "coordinator",
    "region_coordinator",
    "trainer",
    "national",
    "referent",
    "colleague",
    "deputy",
    "referent_63",
    "other_referent",
    "auditor",
]


def profile(members, flow, name):
    return getattr(members, name, None) or getattr(flow, name)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(MONDAY + timedelta(hours=1), tick=False):
        yield


@pytest.mark.parametrize("name", EVERYONE)
def test_only_the_maison_agents_create_for_it(members, flow, name):
    # act
    allowed = can(
        profile(members, flow, name).user, Action.CREATE_ESCALATION, members.maison("34")
    )
    # assert
    assert allowed is (name == "agent")


@pytest.mark.parametrize("name", EVERYONE)
def test_the_queue_is_for_agents_referents_deputies_and_auditors(members, flow, name):
    # act
    allowed = can(profile(members, flow, name).user, Action.VIEW_ESCALATIONS)
    # assert
    assert allowed is (name not in {"coordinator", "region_coordinator", "trainer", "national"})


READERS = {"agent", "referent", "colleague", "auditor"}
HANDLERS = {"referent", "colleague"}


@pytest.mark.parametrize("name", EVERYONE)
def test_read_and_handle_an_open_escalation(members, flow, name):
    # arrange
    escalation = escalate(members, flow)
    user = profile(members, flow, name).user
    # act
    reads = can(user, Action.READ_ESCALATION, escalation)
    handles = can(user, Action.HANDLE_ESCALATION, escalation)
    replies = can(user, Action.REPLY_ESCALATION, escalation)
    # assert
    assert reads is (name in READERS)
    assert handles is (name in HANDLERS)
    assert replies is False  # no question waits


@pytest.mark.parametrize("name", EVERYONE)
def test_the_deputy_stands_in_only_while_the_referent_is_away(members, flow, name):
    # arrange
    escalation = escalate(members, flow)
    flow.office.referents.filter(user=flow.referent.user).update(
        away_from=MONDAY.date(), away_until=MONDAY.date() + timedelta(days=2)
    )
    escalation = Escalation.objects.get(pk=escalation.pk)
    user = profile(members, flow, name).user
    # act
    handles = can(user, Action.HANDLE_ESCALATION, escalation)
    # assert: the référent away still follows their files
    assert handles is (name in HANDLERS | {"deputy"})


@pytest.mark.parametrize("name", EVERYONE)
def test_only_the_maison_agents_reply_to_a_question(members, flow, name):
    # arrange
    escalation = escalate(members, flow)
    services.ask_question(escalation=escalation, body="?", user=flow.referent.user, now=MONDAY)
    escalation = Escalation.objects.get(pk=escalation.pk)
    # act
    replies = can(profile(members, flow, name).user, Action.REPLY_ESCALATION, escalation)
    # assert
    assert replies is (name == "agent")


def test_a_closed_escalation_is_handled_by_no_one_but_still_read(members, flow):
    # arrange
    escalation = escalate(members, flow)
    services.answer(escalation=escalation, body="Oui", user=flow.referent.user, now=MONDAY)
    services.close(escalation=escalation, user=members.agent.user, now=MONDAY)
    escalation = Escalation.objects.get(pk=escalation.pk)
    # act / assert
    assert not can(flow.referent.user, Action.HANDLE_ESCALATION, escalation)
    assert not can(members.agent.user, Action.REPLY_ESCALATION, escalation)
    assert can(flow.referent.user, Action.READ_ESCALATION, escalation)


def test_the_assignee_reads_it_after_leaving_the_back_office(members, flow):
    # arrange
    escalation = escalate(members, flow)
    services.take(escalation=escalation, user=flow.colleague.user, now=MONDAY)
    flow.office.referents.filter(user=flow.colleague.user).delete()
    escalation = Escalation.objects.get(pk=escalation.pk)
    # act / assert
    assert can(flow.colleague.user, Action.READ_ESCALATION, escalation)
    assert not can(flow.colleague.user, Action.HANDLE_ESCALATION, escalation)


def test_an_inactive_agent_reads_nothing(members, flow):
    # arrange
    escalation = escalate(members, flow)
    members.agent.user.is_active = False
    # act / assert
    for action in (Action.READ_ESCALATION, Action.REPLY_ESCALATION, Action.VIEW_ESCALATIONS):
        assert not can(members.agent.user, action, escalation)
