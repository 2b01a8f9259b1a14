"""Receivers of the members area besides the audit log's."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from portal.history import forget_in_history

from .models import AgentProfile


@receiver(pre_delete, sender=AgentProfile, dispatch_uid="network_profile_deleted")
def _profile_deleted(sender, instance, **kwargs):
    # The admin's log entries about a profile are labelled with the member's name.
    forget_in_history(instance)
