"""Work the members area does after its response, on the "background" task backend."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from . import audit
from .forms import ResetForm
from .models import SecurityEvent

RESET_EMAILS_PER_ACCOUNT = 3
RESET_EMAILS_PERIOD = timedelta(hours=1)


class LimitedResetForm(ResetForm):
    """Django's reset e-mail, to the accounts of the address that got fewer than
    ``RESET_EMAILS_PER_ACCOUNT`` within ``RESET_EMAILS_PERIOD``."""

    def get_users(self, email):
        return [user for user in super().get_users(email) if _count_reset_email(user)]


def _count_reset_email(user) -> bool:
    """Whether ``user`` may get one more reset e-mail; if so, it is counted (in the audit
    log, shared by every worker)."""
    with transaction.atomic():
        # Locked: two tasks for the same account count one after the other.
        get_user_model().objects.select_for_update().get(pk=user.pk)
        recent = SecurityEvent.objects.filter(
            kind=SecurityEvent.Kind.PASSWORD_RESET_SENT,
            user_id=user.pk,
            at__gt=timezone.now() - RESET_EMAILS_PERIOD,
        ).count()
        if recent >= RESET_EMAILS_PER_ACCOUNT:
            return False
        audit.record(SecurityEvent.Kind.PASSWORD_RESET_SENT, user=user)
    return True


@task(backend="background")
def send_password_reset(email: str, domain: str, use_https: bool, language: str) -> None:
    """E-mail a link to choose a new password to the accounts of ``email``, in the
    language the request was made in; nothing for an unknown address."""
    form = LimitedResetForm({"email": email})
    if not form.is_valid():
        return
    with translation.override(language):
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name="network/emails/password_reset_subject.txt",
            email_template_name="network/emails/password_reset.txt",
            # The link goes to the public site, not to the host the request named.
            extra_email_context={"site_url": settings.PUBLIC_BASE_URL},
        )
