"""The surveys' e-mails, sent after the response on the "background" task backend."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from . import selectors
from .models import SurveyReminder


@task(backend="background")
def send_reminder(reminder_pk: int) -> None:
    """E-mail a recorded reminder to whoever still has not answered its survey (each
    address once, none when the survey has closed since)."""
    reminder = SurveyReminder.objects.select_related("survey").filter(pk=reminder_pk).first()
    if reminder is None or not reminder.survey.is_open():
        return
    survey = reminder.survey
    addresses = sorted(set(selectors.reminder_recipients(survey)))
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "survey": survey,
            "url": settings.PUBLIC_BASE_URL.rstrip("/") + survey.members_url(),
        }
        subject = render_to_string("network/surveys/emails/reminder_subject.txt", context)
        body = render_to_string("network/surveys/emails/reminder_body.txt", context)
    send_mass_mail(
        [(" ".join(subject.split()), body, None, [address]) for address in addresses],
        fail_silently=False,
    )
