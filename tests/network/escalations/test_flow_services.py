"""The escalation workflow's services: routing and deadline at creation, each step and
its refusals, the clock paused by a question, redirection, the lock on a take, the
e-mails (no free text) after commit."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
import time_machine
from django.db.models import QuerySet

from network.escalations import clock, services
from network.escalations.models import AuditEntry, Escalation, EscalationStatus, Step

from .flow_fixtures import MONDAY, escalate, flow_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
Status = EscalationStatus


def test_an_escalation_goes_to_the_department_back_office_due_in_72_working_hours(
    members, flow, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange
    maison = members.maison("34")
    # act
    with django_capture_on_commit_callbacks(execute=True):
        escalation = escalate(members, flow)
    # assert
    assert escalation.back_office == flow.office
    assert escalation.status == Status.NEW
    assert escalation.due_at == clock.deadline(maison, MONDAY)
    assert escalation.consent_at == MONDAY
    assert [step.kind for step in escalation.steps.all()] == [Step.Kind.CREATED]
    assert escalation.audit.get().action == AuditEntry.Action.CHANGED
    [email] = mailoutbox
    assert set(email.to) == {
        flow.referent.user.email,
        flow.colleague.user.email,
        flow.office.mailbox,
    }
    assert f"no. {escalation.pk}" in email.subject or str(escalation.pk) in email.subject
    assert "bloqué depuis deux mois" not in email.body
    assert "AB123" not in email.body
    assert escalation.get_absolute_url() in email.body


def test_a_partner_without_back_office_for_the_department_is_refused_clearly(members, flow):
    # arrange
    flow.office.delete()
    # act / assert
    with pytest.raises(services.WrongStep, match="pas encore de back-office pour votre"):
        escalate(members, flow)
    assert not Escalation.objects.exists()


def test_an_agent_of_another_maison_cannot_escalate_for_this_one(members, flow):
    # act / assert
    with pytest.raises(services.EscalationRefused):
        escalate(members, flow, user=members.other_agent.user)


def test_the_deputy_of_an_away_referent_is_told_and_handles_it(
    members, flow, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange: the référent is away this week, their deputy works in the Puy-de-Dôme
    referent = flow.office.referents.get(user=flow.referent.user)
    referent.away_from, referent.away_until = MONDAY.date(), MONDAY.date() + timedelta(days=4)
    referent.save()
    # act
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(MONDAY):
        escalation = escalate(members, flow)
        services.take(escalation=escalation, user=flow.deputy.user, now=MONDAY)
    # assert
    assert flow.deputy.user.email in mailoutbox[0].to
    assert flow.referent.user.email not in mailoutbox[0].to
    escalation.refresh_from_db()
    assert escalation.assignee == flow.deputy.user


def test_the_deputy_of_a_present_referent_may_not_handle_it(members, flow):
    # arrange
    escalation = escalate(members, flow)
    # act / assert
    with time_machine.travel(MONDAY), pytest.raises(services.EscalationRefused):
        services.take(escalation=escalation, user=flow.deputy.user, now=MONDAY)


def test_question_pauses_the_clock_and_the_reply_resumes_it(
    members, flow, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange
    escalation = escalate(members, flow)
    services.take(escalation=escalation, user=flow.referent.user, now=MONDAY)
    asked_at, replied_at = MONDAY + timedelta(hours=2), MONDAY + timedelta(days=1)
    # act
    with django_capture_on_commit_callbacks(execute=True):
        services.ask_question(
            escalation=escalation, body="Quel mois ?", user=flow.referent.user, now=asked_at
        )
    escalation.refresh_from_db()
    paused = escalation.status, escalation.paused_at
    expected_due = clock.resumed_due_at(escalation, replied_at)
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(
            escalation=escalation, body="Octobre.", user=members.agent.user, now=replied_at
        )
    # assert
    assert paused == (Status.WAITING_AGENT, asked_at)
    escalation.refresh_from_db()
    assert escalation.status == Status.TAKEN
    assert escalation.paused_at is None
    assert escalation.due_at == expected_due
    assert [m.to for m in mailoutbox] == [[members.agent.user.email], [flow.referent.user.email]]
    assert "Quel mois" not in mailoutbox[0].body


def test_answer_records_the_working_hours_and_the_agent_closes(members, flow):
    # arrange
    escalation = escalate(members, flow)
    answered_at = MONDAY + timedelta(hours=5)
    services.take(escalation=escalation, user=flow.referent.user, now=MONDAY)
    expected_hours = clock.working_hours_to_answer(
        Escalation.objects.get(pk=escalation.pk), answered_at
    )
    # act
    services.answer(
        escalation=escalation, body="C’est débloqué.", user=flow.referent.user, now=answered_at
    )
    services.close(escalation=escalation, user=members.agent.user, now=answered_at)
    # assert
    escalation.refresh_from_db()
    assert escalation.status == Status.CLOSED
    assert escalation.answered_at == answered_at
    assert escalation.answer_working_hours == expected_hours
    assert isinstance(escalation.answer_working_hours, Decimal)
    assert escalation.closed_at == answered_at
    assert list(escalation.steps.values_list("kind", flat=True)) == [
        Step.Kind.CREATED,
        Step.Kind.TAKEN,
        Step.Kind.ANSWER,
        Step.Kind.CLOSED,
    ]
    assert escalation.audit.filter(action=AuditEntry.Action.CHANGED).count() == 4


@pytest.mark.parametrize("step", ["reply", "close"])
def test_the_maison_may_not_reply_or_close_out_of_turn(members, flow, step):
    # arrange: no question waits, no answer was given
    escalation = escalate(members, flow)
    arguments = {"escalation": escalation, "user": members.agent.user, "now": MONDAY}
    if step == "reply":
        arguments["body"] = "Réponse"
    # act / assert
    with pytest.raises(services.EscalationRefused):
        getattr(services, step)(**arguments)


def test_wrong_transitions_are_refused_with_a_message(members, flow):
    # arrange
    escalation = escalate(members, flow)
    services.ask_question(escalation=escalation, body="?", user=flow.referent.user, now=MONDAY)
    # act / assert: no answer while the question waits, no second take
    with pytest.raises(services.WrongStep, match="n’est plus possible"):
        services.answer(escalation=escalation, body="Oui", user=flow.referent.user, now=MONDAY)
    with pytest.raises(services.WrongStep):
        services.take(escalation=escalation, user=flow.colleague.user, now=MONDAY)


def test_a_referent_of_another_partner_or_department_may_not_handle_it(members, flow):
    # arrange
    escalation = escalate(members, flow)
    # act / assert
    for profile in (flow.other_referent, flow.referent_63, members.coordinator, flow.auditor):
        with pytest.raises(services.EscalationRefused):
            services.take(escalation=escalation, user=profile.user, now=MONDAY)


def test_two_referents_taking_at_once_the_second_is_told_and_the_row_is_locked(members, flow):
    # arrange: both hold the escalation as it was before either took it
    escalation = escalate(members, flow)
    seen_by_colleague = Escalation.objects.get(pk=escalation.pk)
    locked = []
    original = QuerySet.select_for_update

    def spy(queryset, *args, **kwargs):
        locked.append(queryset.model)
        return original(queryset, *args, **kwargs)

    # act
    with mock.patch.object(QuerySet, "select_for_update", spy):
        services.take(escalation=escalation, user=flow.referent.user, now=MONDAY)
        with pytest.raises(services.WrongStep):
            services.take(escalation=seen_by_colleague, user=flow.colleague.user, now=MONDAY)
    # assert
    assert locked == [Escalation, Escalation]
    assert Escalation.objects.get(pk=escalation.pk).assignee == flow.referent.user


def test_redirect_to_another_partner_keeps_the_clock_and_tells_its_back_office(
    members, flow, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange
    escalation = escalate(members, flow)
    services.take(escalation=escalation, user=flow.referent.user, now=MONDAY)
    due_at = Escalation.objects.get(pk=escalation.pk).due_at
    # act
    with django_capture_on_commit_callbacks(execute=True):
        services.redirect(
            escalation=escalation,
            to_back_office=flow.other_office,
            reason="Relève de l’autre caisse.",
            user=flow.referent.user,
            now=MONDAY + timedelta(hours=1),
        )
    # assert
    escalation.refresh_from_db()
    assert (escalation.status, escalation.assignee, escalation.due_at) == (
        Status.NEW,
        None,
        due_at,
    )
    assert escalation.back_office == flow.other_office
    assert escalation.partner == flow.other_partner
    step = escalation.steps.get(kind=Step.Kind.REDIRECTED)
    assert step.detail == {"from": flow.office.pk, "to": flow.other_office.pk}
    recipients = {address for email in mailoutbox for address in email.to}
    assert {
        flow.other_referent.user.email,
        flow.other_office.mailbox,
        members.agent.user.email,
    } <= recipients


def test_reassign_only_to_a_member_handling_the_back_office(members, flow):
    # arrange
    escalation = escalate(members, flow)
    # act
    with time_machine.travel(MONDAY):
        services.reassign(
            escalation=escalation, to=flow.colleague.user, user=flow.referent.user, now=MONDAY
        )
        # assert
        with pytest.raises(services.WrongStep):
            services.reassign(
                escalation=escalation,
                to=flow.referent_63.user,
                user=flow.referent.user,
                now=MONDAY,
            )
    escalation.refresh_from_db()
    assert (escalation.status, escalation.assignee) == (Status.TAKEN, flow.colleague.user)
    assert escalation.steps.get(kind=Step.Kind.REASSIGNED).detail == {
        "from": None,
        "to": flow.colleague.user.pk,
    }


@pytest.mark.parametrize(
    ("text", "blocking"), [("NIR 1 85 03 34 172 123 11", True), ("tél 06 12 34 56 78", False)]
)
def test_the_guard_blocks_nir_and_warns_on_a_phone_number(members, flow, text, blocking):
    # act
    with pytest.raises(services.PersonalDataFound) as refusal:
        escalate(members, flow, description=text)
    # assert
    assert refusal.value.blocking is blocking
    assert not Escalation.objects.exists()


def test_a_warning_confirmed_is_sent_but_a_nir_never(members, flow):
    # arrange
    escalation = escalate(members, flow, description="tél 06 12 34 56 78", confirmed=True)
    # act / assert
    with pytest.raises(services.PersonalDataFound):
        services.ask_question(
            escalation=escalation,
            body="IBAN FR76 3000 6000 0112 3456 7890 189 ?",
            user=flow.referent.user,
            now=MONDAY,
            confirmed=True,
        )
    assert escalation.description == "tél 06 12 34 56 78"


def test_the_creator_is_told_of_each_step_without_its_text(
    members, flow, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange
    escalation = escalate(members, flow)
    # act
    with django_capture_on_commit_callbacks(execute=True):
        services.take(escalation=escalation, user=flow.referent.user, now=MONDAY)
        services.answer(
            escalation=escalation,
            body="Le trop-perçu est annulé.",
            user=flow.referent.user,
            now=MONDAY + timedelta(hours=3),
        )
        services.close(escalation=escalation, user=members.agent.user, now=MONDAY)
    # assert: the close is the agent's own step
    assert [email.to for email in mailoutbox] == [[members.agent.user.email]] * 2
    for email in mailoutbox:
        assert escalation.get_absolute_url() in email.body
        assert "trop-perçu" not in email.body
        assert "bloqué depuis" not in email.body
