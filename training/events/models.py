"""Training sessions and regional meetings, who registered for them, who came, the
members' private calendar feeds and the reminders already sent."""

import datetime
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

__all__ = [
    "CalendarFeed",
    "Event",
    "EventFeedback",
    "EventKind",
    "Registration",
    "RegistrationStatus",
    "ReminderSent",
]


class EventKind(models.TextChoices):
    SESSION = "session", _("Training session")
    MEETING = "meeting", _("Regional meeting")


class Event(models.Model):
    """A training session of a module, or a regional meeting. Times are stored in UTC and
    shown in the place's time zone; ``uid`` and ``sequence`` identify it in calendars."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    module = models.ForeignKey(
        "training.ModulePage",
        verbose_name=_("module"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events_trained",
    )
    region = models.ForeignKey(
        "directory.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("A meeting's region; for a session, empty: open to every region."),
    )
    department = models.ForeignKey(
        "directory.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Only the members of this department may register."),
    )
    agenda = models.TextField(_("agenda"), blank=True)
    speakers = models.TextField(_("speakers"), blank=True)
    maison = models.ForeignKey(
        "directory.MaisonPage",
        verbose_name=_("France Services"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    visio_url = models.URLField(_("video conference link"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    daily = models.BooleanField(
        _("same hours each day"),
        default=False,
        help_text=_(
            "Over several days: the event runs each day from the start time to the end time."
        ),
    )
    capacity = models.PositiveIntegerField(_("seats"), validators=[MinValueValidator(1)])
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    cancellation_deadline = models.DateTimeField(_("cancellation deadline"), null=True, blank=True)
    needs_approval = models.BooleanField(
        _("registrations approved by a coordinator"), default=False
    )
    audience_roles = models.JSONField(
        _("audience (roles)"),
        default=list,
        blank=True,
        help_text=_("Roles that may register; empty: every member."),
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    lock_version = models.PositiveBigIntegerField(default=0, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["starts_at"], name="event_starts_at")]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must come after the start.")
        elif self.daily and self.ends_at and self.starts_at:
            start, end = self._local(self.starts_at), self._local(self.ends_at)
            if end.date() == start.date():
                errors["daily"] = _("Same hours each day: the event must end on a later day.")
            elif end.time() <= start.time():
                errors["ends_at"] = _("Each day must end after it starts: check the end time.")
        if not (self.maison_id or self.address or self.visio_url):
            errors["address"] = _("Give a France Services, an address or a video link.")
        if self.kind == EventKind.MEETING and not self.region_id:
            errors["region"] = _("A regional meeting needs its region.")
        if self.kind == EventKind.SESSION and not self.module_id:
            errors["module"] = _("A training session is of a module.")
        if errors:
            raise ValidationError(errors)

    @property
    def region_id_for_audience(self) -> int | None:
        """The region the event is open to (None: every region)."""
        if self.department_id is not None:
            return self.department.region_id
        return self.region_id

    @property
    def time_zone(self) -> str:
        """The place's time zone: the maison's department's, or Paris."""
        if self.maison_id is not None and self.maison.department_id is not None:
            return self.maison.department.timezone
        return "Europe/Paris"

    def _local(self, moment: datetime.datetime) -> datetime.datetime:
        return moment.astimezone(ZoneInfo(self.time_zone))

    @property
    def days(self) -> list[tuple[datetime.datetime, datetime.datetime]]:
        """When the event runs: one span, or with ``daily`` each day's, in the place's time
        zone (the same local hours, whatever the change of clocks in between)."""
        if not self.daily:
            return [(self._local(self.starts_at), self._local(self.ends_at))]
        start, end = self._local(self.starts_at), self._local(self.ends_at)
        zone = ZoneInfo(self.time_zone)
        return [
            (
                datetime.datetime.combine(day, start.time(), zone),
                datetime.datetime.combine(day, end.time(), zone),
            )
            for offset in range((end.date() - start.date()).days + 1)
            for day in [start.date() + datetime.timedelta(days=offset)]
        ]

    @property
    def place(self) -> str:
        parts = []
        if self.maison_id is not None:
            parts.append(self.maison.title)
        if self.address:
            parts.append(self.address)
        if self.visio_url:
            parts.append(self.visio_url)
        return " – ".join(parts)


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    PENDING = "pending", _("Awaiting approval")
    CANCELLED = "cancelled", _("Cancelled")
    REFUSED = "refused", _("Refused")


LIVE_STATUSES = [
    RegistrationStatus.REGISTERED,
    RegistrationStatus.WAITING,
    RegistrationStatus.PENDING,
]


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(max_length=20, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField()
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status__in=LIVE_STATUSES),
                name="unique_live_registration",
            )
        ]
        indexes = [models.Index(fields=["event", "status"], name="registration_event_status")]

    def __str__(self) -> str:
        return f"{self.user} – {self.event}: {self.status}"


class EventFeedback(models.Model):
    """What a member who came thought of the event: a rating out of 5 and a comment,
    one per registration (answering again replaces it)."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    submitted_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.registration}: {self.rating}/5"


class CalendarFeed(models.Model):
    """A member's private calendar address: only the token's SHA-256 is kept."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"


class ReminderSent(models.Model):
    class Kind(models.TextChoices):
        WEEK = "week", _("A week before")
        DAY = "day", _("The day before")
        FEEDBACK = "feedback", _("Feedback request")

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="unique_reminder")
        ]

    def __str__(self) -> str:
        return f"{self.registration} – {self.kind}"
