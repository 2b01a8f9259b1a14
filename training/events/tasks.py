"""E-mails of the event engine, sent on the "background" task backend once the change that
asks for them is committed; invitations carry their iCalendar part."""

from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from . import ical

# Which iCalendar method each e-mail carries (None: none).
METHODS = {
    "registered": "REQUEST",
    "promoted": "REQUEST",
    "updated": "REQUEST",
    "reminder_week": None,
    "reminder_day": None,
    "reminder_feedback": None,
    "waiting": None,
    "pending": None,
    "refused": None,
    "withdrawn": "CANCEL",
    "event_cancelled": "CANCEL",
}


def _calendar_part(method: str, payload: bytes) -> MIMEText:
    part = MIMEText(payload.decode(), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename="invitation.ics")
    return part


@task(backend="background")
def send_event_mail(registration_pk: int, kind: str) -> None:
    """E-mail the member of this registration about ``kind`` (see ``METHODS``)."""
    from .models import Registration
    from .selectors import waiting_position

    registration = (
        Registration.objects.select_related("event", "event__maison", "user")
        .filter(pk=registration_pk)
        .first()
    )
    if registration is None or kind not in METHODS:
        return
    event, user = registration.event, registration.user
    context = {
        "kind": kind,
        "event": event,
        "user": user,
        "position": waiting_position(registration) if kind == "waiting" else None,
        "url": settings.PUBLIC_BASE_URL.rstrip("/")
        + reverse(
            "events:feedback" if kind == "reminder_feedback" else "events:detail",
            kwargs={"pk": event.pk},
        ),
    }
    subject = render_to_string("training/events/emails/subject.txt", context).strip()
    body = render_to_string("training/events/emails/body.txt", context)
    message = EmailMessage(subject, body, to=[user.email])
    now = timezone.now()
    match METHODS[kind]:
        case "REQUEST":
            message.attach(_calendar_part("REQUEST", ical.invitation(event, user.email, now)))
        case "CANCEL":
            message.attach(_calendar_part("CANCEL", ical.cancellation(event, user.email, now)))
    message.send()


@task(backend="background")
def send_approval_request(registration_pk: int) -> None:
    """Ask the event's approvers (see ``selectors.approvers``) to approve or refuse a
    registration that awaits them."""
    from .models import Registration, RegistrationStatus
    from .selectors import approvers

    registration = (
        Registration.objects.select_related("event", "event__maison__department", "user")
        .filter(pk=registration_pk, status=RegistrationStatus.PENDING)
        .first()
    )
    if registration is None:
        return
    event = registration.event
    context = {
        "event": event,
        "member": registration.user,
        "url": settings.PUBLIC_BASE_URL.rstrip("/")
        + reverse("events:detail", kwargs={"pk": event.pk}),
    }
    subject = render_to_string("training/events/emails/approval_subject.txt", context).strip()
    body = render_to_string("training/events/emails/approval_body.txt", context)
    for approver in approvers(event):
        EmailMessage(subject, body, to=[approver.email]).send()
