"""E-mails of the steering pages, sent after the response on the "background" backend."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from portal.public_urls import public_url


@task(backend="background")
def send_late_reminder(user_id: int, modules: list[str]) -> None:
    """Remind an agent of their overdue mandatory modules (``"CODE – title"`` each)."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "modules": modules,
            "link": public_url(reverse("training:my_progress")),
        }
        send_mail(
            render_to_string("training/steering/emails/late_subject.txt", context).strip(),
            render_to_string("training/steering/emails/late.txt", context),
            None,
            [user.email],
        )
