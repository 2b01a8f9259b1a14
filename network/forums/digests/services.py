"""Writes of the digests: a member's frequency, and the job that sends each member's digest
once per period."""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import links, selectors
from .models import DigestFrequency, DigestPreference, DigestSent

logger = logging.getLogger(__name__)


@transaction.atomic
def set_frequency(*, user, frequency: str) -> DigestPreference:
    if frequency not in DigestFrequency.values:
        raise ValueError(f"unknown digest frequency: {frequency}")
    preference, _created = DigestPreference.objects.update_or_create(
        user=user, defaults={"frequency": frequency}
    )
    return preference


def unsubscribe(*, user) -> DigestPreference:
    return set_frequency(user=user, frequency=DigestFrequency.NEVER)


@dataclass(frozen=True)
class Outcome:
    sent: int = 0
    failed: int = 0


def send_digests(*, frequency: str, now: datetime | None = None) -> Outcome:
    """E-mail their digest to the members on ``frequency`` who have something new; a
    member who got this period's digest gets none (see ``DigestSent``)."""
    now = now or timezone.now()
    start = selectors.period_start(frequency, now)
    sent = failed = 0
    with translation.override(settings.LANGUAGE_CODE):
        for digest in selectors.digests(frequency, now=now):
            try:
                sent += _send_once(digest, frequency=frequency, period_start=start, now=now)
            except (smtplib.SMTPException, OSError):
                # Rolled back: the next run tries this member again.
                logger.exception("Forum digest to user %s not sent", digest.user.pk)
                failed += 1
    return Outcome(sent=sent, failed=failed)


@transaction.atomic
def _send_once(digest: selectors.Digest, *, frequency: str, period_start, now) -> bool:
    """Claim the period for the member, then send: a second claim of the same period (a
    second run, or another instance at the same time) fails on the unique constraint."""
    user = digest.user
    try:
        with transaction.atomic():
            DigestSent.objects.create(user=user, frequency=frequency, period_start=period_start)
    except IntegrityError:
        return False
    updated = DigestPreference.objects.filter(user=user).update(last_sent_at=now)
    if not updated:
        DigestPreference.objects.create(user=user, last_sent_at=now)
    _message(digest).send()
    return True


def _message(digest: selectors.Digest) -> EmailMultiAlternatives:
    unsubscribe_url = links.unsubscribe_url(digest.user)
    context = {
        "digest": digest,
        "site_url": settings.PUBLIC_BASE_URL,
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": links.preferences_url(),
        "forums_url": links.forums_url(),
    }
    subject = render_to_string("network/forums/digests/email_subject.txt", context)
    message = EmailMultiAlternatives(
        " ".join(subject.split()),
        render_to_string("network/forums/digests/email.txt", context),
        to=[digest.user.email],
        headers={
            # RFC 8058: a mail client unsubscribes with one POST to this address.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string("network/forums/digests/email.html", context), "text/html"
    )
    return message
