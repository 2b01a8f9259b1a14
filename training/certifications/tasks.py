"""Reminders of a credential's expiry, 60 and 15 days before, with the way to renew it:
queued once per credential and delay however often ``queue_expiry_reminders`` runs (daily,
by ``manage.py send_certification_reminders``), and e-mailed after commit."""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from .models import Credential, CredentialReminder, CredentialStatus

REMINDER_DAYS = (60, 15)


def _absolute(path: str) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


@task(backend="background")
def send_expiry_reminder(credential_pk: str, days: int) -> None:
    """E-mail the holder of this credential that it expires within ``days`` days."""
    credential = (
        Credential.objects.select_related(
            "definition", "definition__refresher_module", "partner", "user"
        )
        .filter(pk=credential_pk, user__isnull=False, user__is_active=True)
        .first()
    )
    if credential is None:
        return
    module = credential.definition.refresher_module
    context = {
        "credential": credential,
        "days": days,
        "user": credential.user,
        "refresher_url": _absolute(reverse("training:module", args=[module.slug]))
        if module is not None
        else None,
        "mine_url": _absolute(reverse("training:my_certifications")),
    }
    with translation.override("fr"):
        subject = render_to_string(
            "training/certifications/members/emails/reminder_subject.txt", context
        ).strip()
        body = render_to_string("training/certifications/members/emails/reminder.txt", context)
    EmailMessage(subject, body, to=[credential.user.email]).send()


def _due(days: int, now: datetime.datetime):
    """Active credentials that expire within ``days`` days and were not reminded of it."""
    return Credential.objects.filter(
        status=CredentialStatus.ACTIVE,
        user__isnull=False,
        user__is_active=True,
        valid_until__gt=now,
        valid_until__lte=now + datetime.timedelta(days=days),
    ).exclude(pk__in=CredentialReminder.objects.filter(days=days).values("credential_id"))


def queue_expiry_reminders(*, now: datetime.datetime | None = None) -> int:
    """Queue the reminders due (the nearest delay only, when a credential is late for both):
    each sent once per credential and delay. Returns how many were queued."""
    now = now or timezone.now()
    queued = 0
    reminded = set()
    for days in sorted(REMINDER_DAYS):
        for pk in _due(days, now).values_list("pk", flat=True):
            try:
                with transaction.atomic():
                    CredentialReminder.objects.create(credential_id=pk, days=days)
                    if pk not in reminded:
                        transaction.on_commit(
                            lambda pk=pk, days=days: send_expiry_reminder.enqueue(str(pk), days)
                        )
                        queued += 1
            except IntegrityError:  # another run recorded it meanwhile
                continue
            reminded.add(pk)
    return queued
