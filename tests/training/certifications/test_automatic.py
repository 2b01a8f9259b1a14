"""Automatic issuance: the moment a member's completions meet a definition's criteria."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from dateutil.relativedelta import relativedelta

from tests.training.factories import ModulePageFactory
from training.certifications import services
from training.certifications.models import Credential
from training.certifications.selectors import criteria_met

from .conftest import add_criterion, complete

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)


@pytest.fixture
def modules(definition):
    quiz, session = ModulePageFactory(), ModulePageFactory()
    add_criterion(definition, quiz, min_score=80)
    add_criterion(definition, session, at_session=True)
    return quiz, session


def test_criteria_need_every_module_the_score_and_the_session(members, definition, modules):
    # arrange
    agent = members.agent.user
    quiz, session = modules

    # act / assert
    complete(agent, quiz, score=79)
    complete(agent, session, source="quiz", score=100)
    assert not criteria_met(definition, agent)
    complete(agent, quiz, score=80)
    assert not criteria_met(definition, agent)
    complete(agent, session, source="session")
    assert criteria_met(definition, agent)


def test_an_expired_completion_does_not_count(members, definition, modules):
    # arrange
    agent = members.agent.user
    quiz, session = modules
    with time_machine.travel(NOW - timedelta(days=400), tick=False):
        complete(agent, quiz, score=90, days_valid=365)
    complete(agent, session, source="session")

    # act / assert
    with time_machine.travel(NOW, tick=False):
        assert not criteria_met(definition, agent)


def test_a_definition_without_criteria_is_never_met(members, definition):
    assert not criteria_met(definition, members.agent.user)


def test_issued_once_when_the_last_criterion_is_met(
    members, definition, modules, django_capture_on_commit_callbacks
):
    # arrange
    agent = members.agent.user
    quiz, session = modules
    with django_capture_on_commit_callbacks(execute=True):
        complete(agent, quiz, score=95)
    assert not Credential.objects.exists()

    # act
    with django_capture_on_commit_callbacks(execute=True):
        complete(agent, session, source="session")
    with django_capture_on_commit_callbacks(execute=True):
        complete(agent, quiz, score=100)  # again: nothing more

    # assert
    credential = Credential.objects.get()
    assert (credential.user, credential.automatic, credential.issued_by) == (agent, True, None)


def test_a_second_run_issues_nothing_more(members, definition, modules):
    # arrange: two completions committed together, each asking for the issuance (the runs
    # lock the member's row, so that run concurrently they still read each other's result)
    agent = members.agent.user
    quiz, session = modules
    complete(agent, quiz, score=95)
    complete(agent, session, source="session")

    # act
    first = services.issue_due(agent, module_id=quiz.pk)
    second = services.issue_due(agent, module_id=session.pk)

    # assert
    assert (len(first), len(second)) == (1, 0)
    assert Credential.objects.count() == 1


def test_never_automatic_with_a_manual_assessment_or_not_live(members, definition, modules):
    # arrange
    agent = members.agent.user
    quiz, session = modules
    complete(agent, quiz, score=95)
    complete(agent, session, source="session")

    # act / assert
    for field in ("manual_assessment", "live"):
        definition.manual_assessment, definition.live = (
            field == "manual_assessment",
            field == "manual_assessment",
        )
        definition.save()
        assert services.issue_due(agent, module_id=quiz.pk) == []
    assert not Credential.objects.exists()


def test_not_reissued_after_a_revocation(members, definition, modules):
    # arrange
    agent = members.agent.user
    quiz, session = modules
    complete(agent, quiz, score=95)
    complete(agent, session, source="session")
    (credential,) = services.issue_due(agent, module_id=quiz.pk)
    services.revoke(credential, by=None, reason="Fraude")

    # act
    complete(agent, quiz, score=100)

    # assert
    assert services.issue_due(agent, module_id=quiz.pk) == []


def test_the_refresher_module_renews_a_credential_about_to_expire(members, definition, modules):
    # arrange
    agent = members.agent.user
    quiz, session = modules
    refresher = ModulePageFactory()
    definition.refresher_module = refresher
    definition.save()
    complete(agent, quiz, score=95)
    complete(agent, session, source="session")
    with time_machine.travel(NOW, tick=False):
        (first,) = services.issue_due(agent, module_id=quiz.pk)
        complete(agent, refresher)
        assert services.issue_due(agent, module_id=refresher.pk) == []  # too early

    # act
    later = NOW + relativedelta(months=24) - timedelta(days=30)
    with time_machine.travel(later, tick=False):
        complete(agent, refresher)
        renewed = services.issue_due(agent, module_id=refresher.pk)
        again = services.issue_due(agent, module_id=refresher.pk)

    # assert
    assert len(renewed) == 1 and again == []
    assert renewed[0].valid_until == later.replace(microsecond=0) + relativedelta(months=24)
    assert renewed[0].pk != first.pk
