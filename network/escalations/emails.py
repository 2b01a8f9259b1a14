"""The e-mails of the escalations, sent after commit on the "background" task backend: to
the members handling the back office (and its team mailbox) when an escalation arrives,
is redirected to it or the maison replies; to the agent who created it at each step of the
back office. They carry no free text: the number, the maison, the partner, the motive, the
deadline and a link, nothing the person told."""

from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from . import clock, routing
from .models import Escalation, Step


def to_handlers(escalation: Escalation, step: Step) -> None:
    """Called in the transaction that saves ``step``."""
    transaction.on_commit(partial(send_to_handlers.enqueue, step.pk))


def to_maison(escalation: Escalation, step: Step) -> None:
    transaction.on_commit(partial(send_to_creator.enqueue, step.pk))


def to_assignee(escalation: Escalation) -> None:
    transaction.on_commit(partial(send_to_assignee.enqueue, escalation.pk))


def _step(step_pk: int) -> Step | None:
    return (
        Step.objects.select_related(
            "escalation__maison",
            "escalation__partner",
            "escalation__motive",
            "escalation__back_office",
            "escalation__created_by",
            "escalation__assignee",
        )
        .filter(pk=step_pk)
        .first()
    )


def _send(escalation: Escalation, kind_label: str, recipients: list[str]) -> None:
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "escalation": escalation,
            "kind": kind_label,
            "clock": clock.clock_status(escalation, timezone.now()),
            "url": settings.PUBLIC_BASE_URL.rstrip("/") + escalation.get_absolute_url(),
        }
        subject = render_to_string("network/escalations/emails/step_subject.txt", context)
        body = render_to_string("network/escalations/emails/step_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, recipients)


@task(backend="background")
def send_to_handlers(step_pk: int) -> None:
    """The members handling the back office today, and its team mailbox; for a reply, the
    member handling the escalation when there is one."""
    step = _step(step_pk)
    if step is None:
        return
    escalation = step.escalation
    handlers = routing.handlers_on(escalation.back_office, timezone.localdate())
    if step.kind == Step.Kind.REPLY and escalation.assignee is not None:
        handlers = [escalation.assignee]
    addresses = [user.email for user in handlers if user.is_active and user.pk != step.author_id]
    if step.kind in {Step.Kind.CREATED, Step.Kind.REDIRECTED}:
        addresses.append(escalation.back_office.mailbox)
    _send(escalation, step.get_kind_display(), addresses)


@task(backend="background")
def send_to_creator(step_pk: int) -> None:
    """The agent who created the escalation, unless they took the step themselves."""
    step = _step(step_pk)
    if step is None:
        return
    creator = step.escalation.created_by
    if creator is None or not creator.is_active or creator.pk == step.author_id:
        return
    _send(step.escalation, step.get_kind_display(), [creator.email])


@task(backend="background")
def send_to_assignee(escalation_pk: int) -> None:
    """The member an escalation was reassigned to."""
    escalation = (
        Escalation.objects.select_related("maison", "partner", "motive", "assignee")
        .filter(pk=escalation_pk)
        .first()
    )
    if escalation is None or escalation.assignee is None or not escalation.assignee.is_active:
        return
    _send(escalation, str(Step.Kind.REASSIGNED.label), [escalation.assignee.email])
