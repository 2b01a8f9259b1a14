"""Writes of the escalations: creation (routed to the partner's back office of the maison's
territory, with its 72-hour deadline), then each step of its life. Every write asks the
permission module, locks the escalation's row, refuses a step its status does not allow,
writes a ``Step`` and an ``AuditEntry`` (CHANGED), and has its e-mails sent after commit.
Every free text passes the personal-data guard first."""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from directory.models import MaisonPage, Partner
from network.forums.services import Upload
from network.permissions import Action, can
from portal.sensitive_data import PersonalDataFound, guard

from . import clock, emails, routing
from .exceptions import EscalationRefused, WrongStep
from .models import (
    AuditEntry,
    BackOffice,
    Escalation,
    EscalationAttachment,
    EscalationStatus,
    Motive,
    Step,
)

__all__ = [
    "EscalationRefused",
    "PersonalDataFound",
    "WrongStep",
    "answer",
    "ask_question",
    "close",
    "create_escalation",
    "reassign",
    "redirect",
    "reply",
    "take",
]

Status = EscalationStatus


def _require(user, action: Action, target, message: str) -> None:
    if not can(user, action, target):
        raise EscalationRefused(message)


def _locked(escalation: Escalation) -> Escalation:
    """The escalation's row, locked until the end of the transaction, read afresh: of two
    référents taking it at once, the second sees it taken."""
    return (
        Escalation.objects.select_for_update(of=("self",))
        .select_related("maison", "back_office", "partner")
        .get(pk=escalation.pk)
    )


def _expect(escalation: Escalation, *statuses: str) -> None:
    if escalation.status not in statuses:
        raise WrongStep(
            _("This escalation is now “%(status)s”: this step is no longer possible.")
            % {"status": escalation.get_status_display()}
        )


def _attach(escalation: Escalation, step: Step | None, uploads: list[Upload]) -> None:
    for upload in uploads:
        attachment = EscalationAttachment(
            escalation=escalation,
            step=step,
            name=upload.name,
            content_type=upload.content_type,
            size=upload.file.size,
        )
        attachment.file.save(upload.name, upload.file, save=False)
        attachment.save()


def _step(escalation, kind, user, now, *, body="", detail=None, uploads=()) -> Step:
    step = Step.objects.create(
        escalation=escalation,
        kind=kind,
        author=user,
        body=body,
        detail=detail or {},
        created_at=now,
    )
    _attach(escalation, step, list(uploads))
    AuditEntry.objects.create(
        escalation=escalation, user=user, action=AuditEntry.Action.CHANGED, detail=kind, at=now
    )
    return step


@transaction.atomic
def create_escalation(
    *,
    maison: MaisonPage,
    partner: Partner,
    motive: Motive,
    description: str,
    file_reference: str,
    consent_text: str,
    attachments: list[Upload] = (),
    user,
    now: datetime,
    confirmed: bool = False,
) -> Escalation:
    """Sent to ``partner``'s back office for the maison's department (else its region),
    due 72 working hours from ``now``."""
    _require(
        user, Action.CREATE_ESCALATION, maison, _("Only the maison's agents send its escalations.")
    )
    if motive.partner_id != partner.pk or not motive.active:
        raise WrongStep(_("This motive is not offered by this partner."))
    guard(description, confirmed=confirmed)
    back_office = routing.back_office_for(partner, maison)
    if back_office is None:
        raise WrongStep(_("This partner has no back office for your department yet."))
    escalation = Escalation.objects.create(
        maison=maison,
        partner=partner,
        back_office=back_office,
        motive=motive,
        description=description,
        file_reference=file_reference,
        consent_text=consent_text,
        consent_at=now,
        created_by=user,
        created_at=now,
        due_at=clock.deadline(maison, now),
    )
    _attach(escalation, None, list(attachments))
    step = _step(escalation, Step.Kind.CREATED, user, now, detail={"back_office": back_office.pk})
    emails.to_handlers(escalation, step)
    return escalation


@transaction.atomic
def take(*, escalation: Escalation, user, now: datetime) -> Escalation:
    escalation = _locked(escalation)
    _require(user, Action.HANDLE_ESCALATION, escalation, _("You do not handle this escalation."))
    _expect(escalation, Status.NEW)
    escalation.status, escalation.assignee = Status.TAKEN, user
    escalation.save(update_fields=["status", "assignee"])
    step = _step(escalation, Step.Kind.TAKEN, user, now, detail={"assignee": user.pk})
    emails.to_maison(escalation, step)
    return escalation


@transaction.atomic
def reassign(*, escalation: Escalation, to, user, now: datetime) -> Escalation:
    """To another member handling the back office's escalations today."""
    escalation = _locked(escalation)
    _require(user, Action.HANDLE_ESCALATION, escalation, _("You do not handle this escalation."))
    _expect(escalation, Status.NEW, Status.TAKEN, Status.WAITING_AGENT)
    if to.pk not in {
        handler.pk for handler in routing.handlers_on(escalation.back_office, now.date())
    }:
        raise WrongStep(_("This member does not handle this back office's escalations today."))
    before = escalation.assignee_id
    escalation.assignee = to
    if escalation.status == Status.NEW:
        escalation.status = Status.TAKEN
    escalation.save(update_fields=["status", "assignee"])
    _step(escalation, Step.Kind.REASSIGNED, user, now, detail={"from": before, "to": to.pk})
    emails.to_assignee(escalation)
    return escalation


@transaction.atomic
def ask_question(
    *, escalation: Escalation, body: str, user, now: datetime, uploads=(), confirmed=False
) -> Step:
    """The clock stops until the maison replies; the asker handles the escalation."""
    escalation = _locked(escalation)
    _require(user, Action.HANDLE_ESCALATION, escalation, _("You do not handle this escalation."))
    _expect(escalation, Status.NEW, Status.TAKEN)
    guard(body, confirmed=confirmed)
    escalation.status, escalation.paused_at = Status.WAITING_AGENT, now
    escalation.assignee = escalation.assignee or user
    escalation.save(update_fields=["status", "paused_at", "assignee"])
    step = _step(escalation, Step.Kind.QUESTION, user, now, body=body, uploads=uploads)
    emails.to_maison(escalation, step)
    return step


@transaction.atomic
def reply(
    *, escalation: Escalation, body: str, user, now: datetime, uploads=(), confirmed=False
) -> Step:
    """The maison's reply to a question: the clock starts again with the time it had
    left."""
    escalation = _locked(escalation)
    _require(user, Action.REPLY_ESCALATION, escalation, _("Only the maison's agents reply."))
    _expect(escalation, Status.WAITING_AGENT)
    guard(body, confirmed=confirmed)
    escalation.due_at = clock.resumed_due_at(escalation, now)
    escalation.paused_at = None
    escalation.status = Status.TAKEN if escalation.assignee_id else Status.NEW
    escalation.save(update_fields=["due_at", "paused_at", "status"])
    step = _step(escalation, Step.Kind.REPLY, user, now, body=body, uploads=uploads)
    emails.to_handlers(escalation, step)
    return step


@transaction.atomic
def answer(
    *, escalation: Escalation, body: str, user, now: datetime, uploads=(), confirmed=False
) -> Step:
    """What the agent tells the person; the working hours it took are kept."""
    escalation = _locked(escalation)
    _require(user, Action.HANDLE_ESCALATION, escalation, _("You do not handle this escalation."))
    _expect(escalation, Status.NEW, Status.TAKEN)
    guard(body, confirmed=confirmed)
    escalation.status, escalation.answered_at = Status.ANSWERED, now
    escalation.answer_working_hours = clock.working_hours_to_answer(escalation, now)
    escalation.assignee = escalation.assignee or user
    escalation.save(update_fields=["status", "answered_at", "answer_working_hours", "assignee"])
    step = _step(escalation, Step.Kind.ANSWER, user, now, body=body, uploads=uploads)
    emails.to_maison(escalation, step)
    return step


@transaction.atomic
def redirect(
    *,
    escalation: Escalation,
    to_back_office: BackOffice,
    reason: str,
    user,
    now: datetime,
    confirmed: bool = False,
) -> Escalation:
    """To the same partner's back office of another territory, or to another partner's:
    to be taken again there, the clock running on."""
    escalation = _locked(escalation)
    _require(user, Action.HANDLE_ESCALATION, escalation, _("You do not handle this escalation."))
    _expect(escalation, Status.NEW, Status.TAKEN)
    if to_back_office.pk == escalation.back_office_id:
        raise WrongStep(_("The escalation is already with this back office."))
    guard(reason, confirmed=confirmed)
    before = escalation.back_office_id
    escalation.back_office, escalation.partner = to_back_office, to_back_office.partner
    escalation.status, escalation.assignee = Status.NEW, None
    escalation.save(update_fields=["back_office", "partner", "status", "assignee"])
    step = _step(
        escalation,
        Step.Kind.REDIRECTED,
        user,
        now,
        body=reason,
        detail={"from": before, "to": to_back_office.pk},
    )
    emails.to_handlers(escalation, step)
    emails.to_maison(escalation, step)
    return escalation


@transaction.atomic
def close(*, escalation: Escalation, user, now: datetime) -> Escalation:
    """By the maison, once the answer is given to the person."""
    escalation = _locked(escalation)
    _require(user, Action.REPLY_ESCALATION, escalation, _("Only the maison's agents close it."))
    _expect(escalation, Status.ANSWERED)
    escalation.status, escalation.closed_at = Status.CLOSED, now
    escalation.save(update_fields=["status", "closed_at"])
    _step(escalation, Step.Kind.CLOSED, user, now)
    return escalation
