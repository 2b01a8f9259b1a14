"""Reads of the event engine: the agenda and its filters, a member's registration and
place in the queue, an event's attendees, a member's calendar."""

from django.db.models import Avg, Count, Q
from django.utils import timezone

from network.models import AgentProfile, Role
from network.permissions import Action, can, profile_of
from network.selectors import maisons_covered

from .models import LIVE_STATUSES, Event, EventFeedback, Registration, RegistrationStatus


def agenda(*, now=None, region=None, month=None, module=None, kind=None):
    """Events not yet over, not cancelled, soonest first, with their seats taken."""
    now = now or timezone.now()
    events = (
        Event.objects.filter(ends_at__gt=now, cancelled_at__isnull=True)
        .select_related("module", "region", "maison", "maison__department", "department")
        .annotate(
            taken=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
            )
        )
        # Explicit: a grouped query drops the model's default ordering.
        .order_by("starts_at", "pk")
    )
    if region is not None:
        events = events.filter(
            Q(region=region) | Q(department__region=region) | Q(maison__department__region=region)
        )
    if month is not None:
        events = events.filter(starts_at__year=month.year, starts_at__month=month.month)
    if module is not None:
        events = events.filter(module=module)
    if kind:
        events = events.filter(kind=kind)
    return events


def registration_of(event: Event, user) -> Registration | None:
    """The member's live registration for this event, or None."""
    return Registration.objects.filter(event=event, user=user, status__in=LIVE_STATUSES).first()


def waiting_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None when not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=RegistrationStatus.WAITING
    ).filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def seats_taken(event: Event) -> int:
    return event.registrations.filter(status=RegistrationStatus.REGISTERED).count()


def attendees(event: Event):
    """Everyone with a live registration, seats first, then pending, then the queue."""
    return (
        event.registrations.filter(status__in=LIVE_STATUSES)
        .select_related("user", "user__profile", "user__profile__maison")
        .order_by("status", "created_at", "pk")
    )


def registered(event: Event):
    return (
        event.registrations.filter(status=RegistrationStatus.REGISTERED)
        .select_related("user", "user__profile", "user__profile__maison")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def my_events(user):
    """The events the member holds a seat at, for their calendar feed."""
    return (
        Event.objects.filter(
            registrations__user=user, registrations__status=RegistrationStatus.REGISTERED
        )
        .select_related("maison", "maison__department")
        .distinct()
    )


def approvers(event: Event) -> list:
    """Who is asked to approve the event's registrations: the coordinators who may (those
    of its maison's, department's or region's territory), or the national cell when no
    coordinator covers it."""
    region_id = event.region_id_for_audience
    if region_id is None and event.maison_id is not None:
        region_id = event.maison.department.region_id
    members = AgentProfile.objects.filter(user__is_active=True).select_related("user")
    coordinators = members.filter(
        Q(region_id=region_id) | Q(department__region_id=region_id), role=Role.COORDINATOR
    )
    chosen = [p.user for p in coordinators if can(p.user, Action.APPROVE_REGISTRATION, event)]
    return chosen or [p.user for p in members.filter(role=Role.NATIONAL_CELL)]


def own_seat(event: Event, user) -> Registration | None:
    """The member's seat at the event (registered), or None."""
    return (
        Registration.objects.filter(event=event, user=user, status=RegistrationStatus.REGISTERED)
        .select_related("event")
        .first()
    )


def feedback_summary(event: Event) -> dict:
    """The opinions given on the event: how many, the mean rating, the comments (newest
    first, without names): two queries."""
    answers = EventFeedback.objects.filter(registration__event=event)
    figures = answers.aggregate(count=Count("pk"), average=Avg("rating"))
    figures["comments"] = list(
        answers.exclude(comment="").order_by("-submitted_at").values_list("comment", flat=True)
    )
    return figures


def managed_by(user):
    """The events ``user`` manages (``Action.MANAGE_EVENT``, as a query): their own
    sessions; a coordinator's, those at the maisons they cover, or else in their department
    or region; the national cell's (and a superuser's), all."""
    profile = profile_of(user)
    if user.is_superuser or getattr(profile, "role", None) == Role.NATIONAL_CELL:
        return Event.objects.all()
    managed = Q(trainer=user)
    if profile is not None and profile.role == Role.COORDINATOR:
        elsewhere = Q(maison__isnull=True)
        if profile.department_id is not None:
            elsewhere &= Q(department_id=profile.department_id)
        else:
            elsewhere &= Q(department__region_id=profile.region_id) | Q(
                department__isnull=True, region_id=profile.region_id
            )
        managed |= Q(maison__in=maisons_covered(profile)) | elsewhere
    return Event.objects.filter(managed)
