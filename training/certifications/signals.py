"""Automatic issuance: each completion committed may make certifications due."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from training.models import Completion

from .services import issue_due


@receiver(post_save, sender=Completion, dispatch_uid="certifications_issue_due")
def completion_may_certify(sender, instance, created, **kwargs):
    if created and instance.module_id is not None:
        transaction.on_commit(partial(issue_due, instance.user, module_id=instance.module_id))
