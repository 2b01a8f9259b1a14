from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from network.models import AgentProfile

from .certifications import signals as certification_signals  # noqa: F401 (its receivers)
from .models import Completion, PlanEntry, TrainedDefinition
from .services import sync_trainer_groups
from .steering import jobs as steering_jobs
from .steering import services as steering_services


@receiver(post_save, sender=AgentProfile, dispatch_uid="training_sync_trainer_groups")
def partner_trainers_edit_their_partners_modules(sender, instance, **kwargs):
    sync_trainer_groups(instance)


@receiver(post_save, sender=Completion, dispatch_uid="training_count_trained_agent")
def count_the_trained_agent_again(sender, instance, created, **kwargs):
    if created:
        user_id = instance.user_id
        transaction.on_commit(lambda: steering_services.refresh_trained_agent(user_id))


@receiver(post_save, sender=TrainedDefinition, dispatch_uid="training_definition_saved")
@receiver(post_save, sender=PlanEntry, dispatch_uid="training_plan_entry_saved")
@receiver(post_delete, sender=PlanEntry, dispatch_uid="training_plan_entry_deleted")
@receiver(
    m2m_changed, sender=TrainedDefinition.modules.through, dispatch_uid="training_definition_m2m"
)
def count_the_trained_agents_again(sender, **kwargs):
    transaction.on_commit(steering_jobs.rebuild_trained_agents.enqueue)
