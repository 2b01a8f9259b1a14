"""Writes of the event engine: registration (never beyond capacity), cancellation and
promotion from the waiting list, approval, changes and cancellation of an event,
attendance, reminders and calendar feeds. E-mails leave once the transaction commits."""

import hashlib
import secrets
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from network.permissions import Action, can
from training.models import Completion, ModuleProgress, ProgressStatus

from .models import (
    LIVE_STATUSES,
    CalendarFeed,
    Event,
    EventFeedback,
    EventKind,
    Registration,
    RegistrationStatus,
    ReminderSent,
)
from .tasks import send_approval_request, send_event_mail

# A change of one of these sends every registered member an update of their invitation.
SCHEDULE_FIELDS = {"starts_at", "ends_at", "daily", "maison", "maison_id", "address", "visio_url"}
WEEK = timedelta(days=7)
DAY = timedelta(days=1)
FEEDBACK_WINDOW = timedelta(days=14)


class EventRefused(Exception):
    """What the member asked cannot be done; the message says why, in their language."""


def _lock(event: Event) -> Event:
    """Take the event's write lock (a row lock on PostgreSQL, the database's on SQLite):
    whatever counts seats after this runs one transaction at a time."""
    Event.objects.filter(pk=event.pk).update(lock_version=F("lock_version") + 1)
    event.refresh_from_db()
    return event


def _mail(registration: Registration, kind: str) -> None:
    kind = str(kind)
    transaction.on_commit(lambda: send_event_mail.enqueue(registration.pk, kind))


def registration_open(event: Event, now) -> bool:
    closes = event.registration_closes_at or event.starts_at
    opens = event.registration_opens_at
    return event.cancelled_at is None and (opens is None or opens <= now) and now < closes


def _seat_free(event: Event) -> bool:
    taken = Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count()
    return taken < event.capacity


@transaction.atomic
def register(*, event: Event, user, now=None) -> Registration:
    """Register ``user``: a seat while there is one, the waiting list after, awaiting a
    coordinator's approval when the event asks for it. Registering twice changes nothing."""
    now = now or timezone.now()
    _lock(event)
    existing = Registration.objects.filter(event=event, user=user, status__in=LIVE_STATUSES)
    if existing.exists():
        return existing.get()
    if not registration_open(event, now):
        raise EventRefused(_("Registration for this event is closed."))
    if not can(user, Action.REGISTER_EVENT, event):
        raise EventRefused(_("This event is not open to members of your role or territory."))
    if event.needs_approval:
        status = RegistrationStatus.PENDING
    elif _seat_free(event):
        status = RegistrationStatus.REGISTERED
    else:
        status = RegistrationStatus.WAITING
    registration = Registration.objects.create(
        event=event, user=user, status=status, created_at=now
    )
    _mail(registration, status)
    if status == RegistrationStatus.PENDING:
        transaction.on_commit(lambda: send_approval_request.enqueue(registration.pk))
    return registration


def _promote(event: Event, now) -> None:
    """Give the free seats to the oldest on the waiting list, and tell them."""
    while _seat_free(event):
        first = (
            Registration.objects.filter(event=event, status=RegistrationStatus.WAITING)
            .order_by("created_at", "pk")
            .first()
        )
        if first is None:
            return
        first.status = RegistrationStatus.REGISTERED
        first.promoted_at = now
        first.save(update_fields=["status", "promoted_at"])
        _mail(first, "promoted")


@transaction.atomic
def cancel_registration(*, registration: Registration, now=None) -> Registration:
    """The member withdraws: refused after the cancellation deadline; their seat goes to
    the first on the waiting list."""
    now = now or timezone.now()
    event = _lock(registration.event)
    registration.refresh_from_db()
    if registration.status not in LIVE_STATUSES:
        return registration
    deadline = event.cancellation_deadline
    if deadline is not None and now > deadline:
        raise EventRefused(
            _("The cancellation deadline (%(deadline)s) has passed: please contact the trainer.")
            % {"deadline": formats.date_format(timezone.localtime(deadline), "DATETIME_FORMAT")}
        )
    held_seat = registration.status == RegistrationStatus.REGISTERED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    if held_seat:
        _mail(registration, "withdrawn")
        _promote(event, now)
    return registration


@transaction.atomic
def decide_registration(*, registration: Registration, approve: bool, now=None) -> Registration:
    """A coordinator's answer to a pending registration: a seat (or the waiting list) if
    approved, refused otherwise."""
    now = now or timezone.now()
    event = _lock(registration.event)
    registration.refresh_from_db()
    if registration.status != RegistrationStatus.PENDING:
        return registration
    if not approve:
        registration.status = RegistrationStatus.REFUSED
    elif _seat_free(event):
        registration.status = RegistrationStatus.REGISTERED
    else:
        registration.status = RegistrationStatus.WAITING
    registration.save(update_fields=["status"])
    _mail(registration, registration.status)
    return registration


@transaction.atomic
def update_event(*, event: Event, **changes) -> Event:
    """Change an event; a new time or place raises its SEQUENCE and sends each registered
    member the updated invitation; more seats go to the waiting list."""
    _lock(event)
    moved = False
    for name, value in changes.items():
        if getattr(event, name) != value:
            setattr(event, name, value)
            moved = moved or name in SCHEDULE_FIELDS
    event.full_clean()
    if moved:
        event.sequence += 1
    event.save()
    if moved:
        for registration in event.registrations.filter(status=RegistrationStatus.REGISTERED):
            _mail(registration, "updated")
    _promote(event, timezone.now())
    return event


@transaction.atomic
def cancel_event(*, event: Event, now=None) -> Event:
    """Call the event off: METHOD:CANCEL to everyone registered or waiting."""
    now = now or timezone.now()
    _lock(event)
    if event.cancelled_at is not None:
        return event
    event.cancelled_at = now
    event.sequence += 1
    event.save(update_fields=["cancelled_at", "sequence"])
    for registration in event.registrations.filter(status__in=LIVE_STATUSES):
        _mail(registration, "event_cancelled")
    return event


@transaction.atomic
def mark_attendance(*, event: Event, present: set[int], now=None) -> int:
    """Record who came among the registered (``present``: registration ids); attending a
    training session completes its module. Returns how many came."""
    now = now or timezone.now()
    registrations = list(
        event.registrations.filter(status=RegistrationStatus.REGISTERED).select_related("user")
    )
    for registration in registrations:
        registration.attended = registration.pk in present
    Registration.objects.bulk_update(registrations, ["attended"])
    came = [r for r in registrations if r.attended]
    if event.kind == EventKind.SESSION and event.module_id is not None:
        for registration in came:
            complete_module(user=registration.user, module=event.module, now=now)
    return len(came)


def complete_module(*, user, module, now) -> Completion | None:
    """The module done through a session: its progress completed and, once per version,
    a completion (no score) valid for the module's validity."""
    ModuleProgress.objects.update_or_create(
        user=user,
        module=module,
        defaults={"status": ProgressStatus.COMPLETED, "updated_at": now},
    )
    if Completion.objects.filter(user=user, module=module, module_version=module.version).exists():
        return None
    return Completion.objects.create(
        user=user,
        module=module,
        module_code=module.code,
        module_title=module.title,
        module_version=module.version,
        completed_at=now,
        score=None,
        source="session",
        valid_until=(
            (now + relativedelta(months=module.validity_months)).date()
            if module.validity_months
            else None
        ),
    )


def send_reminders(*, now=None) -> int:
    """Reminders a week and a day before, a feedback request after: each once per
    registration, however often this runs. Returns how many were queued."""
    now = now or timezone.now()
    registered = Registration.objects.filter(
        status=RegistrationStatus.REGISTERED, event__cancelled_at__isnull=True
    )
    due = [
        (
            ReminderSent.Kind.WEEK,
            registered.filter(event__starts_at__gt=now + DAY, event__starts_at__lte=now + WEEK),
        ),
        (
            ReminderSent.Kind.DAY,
            registered.filter(event__starts_at__gt=now, event__starts_at__lte=now + DAY),
        ),
        (
            ReminderSent.Kind.FEEDBACK,
            registered.filter(
                event__ends_at__lte=now, event__ends_at__gt=now - FEEDBACK_WINDOW
            ).exclude(attended=False),
        ),
    ]
    queued = 0
    for kind, registrations in due:
        for registration in registrations.exclude(reminders__kind=kind):
            with transaction.atomic():
                _reminder, created = ReminderSent.objects.get_or_create(
                    registration=registration, kind=kind, defaults={"sent_at": now}
                )
                if created:
                    _mail(registration, f"reminder_{kind}")
                    queued += 1
    return queued


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_feed(*, user, now=None) -> str:
    """A new private calendar address for ``user`` (the old one stops working); the token
    is returned once and only its hash is kept."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user, defaults={"token_hash": _hash(token), "created_at": now or timezone.now()}
    )
    return token


def revoke_feed(*, user) -> None:
    CalendarFeed.objects.filter(user=user).delete()


def feed_owner(token: str):
    """The member whose feed this token opens, or None."""
    feed = CalendarFeed.objects.filter(token_hash=_hash(token)).select_related("user").first()
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


@transaction.atomic
def give_feedback(*, registration: Registration, rating: int, comment: str, now=None):
    """Keep the member's opinion of the event (answering again replaces it)."""
    feedback, _created = EventFeedback.objects.update_or_create(
        registration=registration,
        defaults={"rating": rating, "comment": comment, "submitted_at": now or timezone.now()},
    )
    return feedback
