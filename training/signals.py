from django.db.models.signals import post_save
from django.dispatch import receiver

from network.models import AgentProfile

from .certifications import signals as certification_signals  # noqa: F401 (its receivers)
from .services import sync_trainer_groups


@receiver(post_save, sender=AgentProfile, dispatch_uid="training_sync_trainer_groups")
def partner_trainers_edit_their_partners_modules(sender, instance, **kwargs):
    sync_trainer_groups(instance)
