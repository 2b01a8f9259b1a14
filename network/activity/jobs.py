"""The activity's scheduled job (``send_activity_reminders``, daily): on the first run of
a month, each maison's agents are reminded to report the month before; after the due day
(``ACTIVITY_REPORT_DUE_DAY``), the maisons still missing it are reminded it is late. Each
reminder goes once per maison, month and kind (``ActivityReminder``)."""

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from directory.models import MaisonPage
from portal.public_urls import public_url

from ..models import AgentProfile, Role
from . import months
from .models import ActivityReminder, ActivityReport


def _agents():
    return AgentProfile.objects.filter(role=Role.AGENT, user__is_active=True)


def send_reminders(today: date) -> int:
    """Queue the reminders ``today`` calls for; how many were queued."""
    month = months.last_complete_month(today)
    kind = (
        ActivityReminder.Kind.LATE if months.is_late(month, today) else ActivityReminder.Kind.DUE
    )
    maisons = (
        MaisonPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .filter(Exists(_agents().filter(maison_id=OuterRef("pk"))))
        .exclude(Exists(ActivityReport.objects.filter(maison_id=OuterRef("pk"), month=month)))
        .exclude(
            Exists(
                ActivityReminder.objects.filter(maison_id=OuterRef("pk"), month=month, kind=kind)
            )
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return sum(_queue_reminder(maison_id, month, kind) for maison_id in list(maisons))


def _queue_reminder(maison_id: int, month: date, kind: str) -> bool:
    """Record the reminder and queue its e-mail in one transaction; False when another
    run recorded it first (the unique constraint)."""
    try:
        with transaction.atomic():
            reminder = ActivityReminder.objects.create(maison_id=maison_id, month=month, kind=kind)
            transaction.on_commit(lambda: send_reminder.enqueue(reminder.pk))
    except IntegrityError:
        return False
    return True


@task(backend="background")
def send_reminder(reminder_pk: int) -> None:
    """E-mail one reminder to the maison's active agents; nothing once the month is
    reported."""
    reminder = ActivityReminder.objects.select_related("maison").filter(pk=reminder_pk).first()
    if (
        reminder is None
        or ActivityReport.objects.filter(
            maison_id=reminder.maison_id, month=reminder.month
        ).exists()
    ):
        return
    recipients = list(
        _agents()
        .filter(maison_id=reminder.maison_id)
        .order_by("pk")
        .values_list("user__email", flat=True)
    )
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "maison": reminder.maison,
            "month": reminder.month,
            "late": reminder.kind == ActivityReminder.Kind.LATE,
            "due_day": settings.ACTIVITY_REPORT_DUE_DAY,
            "link": public_url(reverse("activity:month", args=[f"{reminder.month:%Y-%m}"])),
        }
        subject = render_to_string("network/activity/emails/reminder_subject.txt", context)
        body = render_to_string("network/activity/emails/reminder_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, recipients)
