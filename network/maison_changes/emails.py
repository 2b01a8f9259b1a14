"""The e-mail to the agent who proposed a change when a coordinator decides it, sent after
commit on the "background" task backend."""

from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from .models import MaisonChange


def decided(change: MaisonChange) -> None:
    """Called in the transaction that saves the decision."""
    transaction.on_commit(partial(send_decision.enqueue, change.pk))


@task(backend="background")
def send_decision(change_pk: int) -> None:
    change = (
        MaisonChange.objects.select_related("maison", "proposed_by").filter(pk=change_pk).first()
    )
    if change is None or change.proposed_by is None or not change.proposed_by.is_active:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "change": change,
            "url": settings.PUBLIC_BASE_URL.rstrip("/") + reverse("maison_changes:mine"),
        }
        subject = render_to_string("network/maison_changes/emails/decided_subject.txt", context)
        body = render_to_string("network/maison_changes/emails/decided_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [change.proposed_by.email])
