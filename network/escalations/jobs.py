"""The escalations' scheduled jobs: reminders before and after the deadline
(``send_escalation_reminders``, hourly) and the purge of closed escalations' free text
after the retention period (``purge_escalations``, daily)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from portal.public_urls import public_url

from . import clock, routing
from .models import (
    OPEN_STATUSES,
    AuditEntry,
    Escalation,
    EscalationAttachment,
    EscalationStatus,
    Reminder,
    Step,
)

# Working time is never longer than calendar time, but a deadline a few working hours away
# may be days away across a weekend and holidays: candidates are read this far ahead.
_DAYS_OFF_MARGIN = timedelta(days=7)
PURGE_BATCH = 200


def _reminded(kind: str) -> Exists:
    return Exists(
        Reminder.objects.filter(escalation=OuterRef("pk"), kind=kind, due_at=OuterRef("due_at"))
    )


def reminder_due(escalation: Escalation, now: datetime) -> str | None:
    """The kind of reminder ``escalation`` calls for at ``now``, if any."""
    left = clock.calendar_for(escalation.maison).between(now, escalation.due_at)
    if left <= timedelta():
        return Reminder.Kind.OVERDUE
    if left <= settings.ESCALATION_REMINDER_BEFORE:
        return Reminder.Kind.BEFORE_DUE
    return None


def send_reminders(now: datetime) -> int:
    """Queue a reminder for each open escalation whose clock runs and whose deadline is
    near (to its handlers and the team mailbox) or past (to the partner's coordinator),
    once per escalation, kind and deadline; how many were queued."""
    candidates = (
        Escalation.objects.filter(
            status__in=OPEN_STATUSES,
            paused_at=None,
            due_at__lte=now + settings.ESCALATION_REMINDER_BEFORE + _DAYS_OFF_MARGIN,
        )
        .annotate(
            reminded_before=_reminded(Reminder.Kind.BEFORE_DUE),
            reminded_overdue=_reminded(Reminder.Kind.OVERDUE),
        )
        .select_related("maison__department")
        .order_by("due_at", "pk")
    )
    queued = 0
    for escalation in candidates:
        kind = reminder_due(escalation, now)
        already = {
            Reminder.Kind.BEFORE_DUE: escalation.reminded_before,
            Reminder.Kind.OVERDUE: escalation.reminded_overdue,
        }
        if kind is None or already[kind]:
            continue
        queued += _queue_reminder(escalation, kind, now)
    return queued


def _queue_reminder(escalation: Escalation, kind: str, now: datetime) -> bool:
    """Record the reminder and queue its e-mail in one transaction; False when another
    run recorded it first (the unique constraint)."""
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                escalation=escalation, kind=kind, due_at=escalation.due_at, sent_at=now
            )
            transaction.on_commit(lambda: send_reminder.enqueue(reminder.pk))
    except IntegrityError:
        return False
    return True


def reminder_recipients(reminder: Reminder, today) -> list[str]:
    """Before the deadline: the team mailbox and the handlers of ``today``; after it: the
    partner's coordinator, else the team mailbox."""
    back_office = reminder.escalation.back_office
    if reminder.kind == Reminder.Kind.OVERDUE:
        return [back_office.coordinator_email or back_office.mailbox]
    handlers = [user.email for user in routing.handlers_on(back_office, today) if user.is_active]
    return list(dict.fromkeys([back_office.mailbox, *handlers]))


@task(backend="background")
def send_reminder(reminder_pk: int) -> None:
    """E-mail one reminder, without any free text of the escalation; nothing when the
    escalation is no longer open."""
    reminder = (
        Reminder.objects.select_related(
            "escalation__maison__department",
            "escalation__partner",
            "escalation__motive",
            "escalation__back_office",
        )
        .filter(pk=reminder_pk, escalation__status__in=OPEN_STATUSES)
        .first()
    )
    if reminder is None:
        return
    escalation = reminder.escalation
    now = timezone.now()
    calendar = clock.calendar_for(escalation.maison)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "escalation": escalation,
            "overdue": reminder.kind == Reminder.Kind.OVERDUE,
            "clock": clock.clock_status(escalation, now).label,
            "link": public_url(escalation.get_absolute_url()),
        }
        subject = render_to_string("network/escalations/emails/reminder_subject.txt", context)
        body = render_to_string("network/escalations/emails/reminder_body.txt", context)
    recipients = reminder_recipients(reminder, now.astimezone(calendar.zone).date())
    send_mail(" ".join(subject.split()), body, None, recipients)


@dataclass(frozen=True)
class PurgeOutcome:
    escalations: int
    attachments: int


def purge(now: datetime) -> PurgeOutcome:
    """Empty the free text of the escalations closed longer than the retention period:
    description, partner's file reference, steps' bodies, and delete their attachments
    (rows, and files once committed). Dates, statuses, partner, motive, back office,
    maison, answer time, the consent's wording and the steps' details stay for the
    figures and the audit. Each purge is audited; a purged escalation is left alone."""
    closed_before = now - settings.ESCALATION_RETENTION
    due = Escalation.objects.filter(
        status=EscalationStatus.CLOSED, closed_at__lt=closed_before, purged_at=None
    ).order_by("pk")
    escalations = attachments = 0
    while ids := list(due.values_list("pk", flat=True)[:PURGE_BATCH]):
        attachments += _purge_batch(ids, now)
        escalations += len(ids)
    return PurgeOutcome(escalations, attachments)


@transaction.atomic
def _purge_batch(ids: list[int], now: datetime) -> int:
    files = EscalationAttachment.objects.filter(escalation_id__in=ids)
    names = list(files.values_list("escalation_id", "file"))
    files.delete()
    storage = EscalationAttachment.file.field.storage
    for _escalation_id, name in names:
        transaction.on_commit(lambda name=name: storage.delete(name))
    Step.objects.filter(escalation_id__in=ids).update(body="")
    Escalation.objects.filter(pk__in=ids).update(description="", file_reference="", purged_at=now)
    counts = dict.fromkeys(ids, 0)
    for escalation_id, _name in names:
        counts[escalation_id] += 1
    AuditEntry.objects.bulk_create(
        AuditEntry(
            escalation_id=pk,
            action=AuditEntry.Action.PURGED,
            detail=f"{count} attachment(s) deleted",
            at=now,
        )
        for pk, count in counts.items()
    )
    return len(names)
