"""Writes of the steering pages: reminders to late agents, the trained agents counted
ahead."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from network.models import AgentProfile

from ..selectors import current_plan
from . import selectors, tasks
from .models import LateReminder, TrainedAgent, TrainedDefinition

REMINDER_INTERVAL = datetime.timedelta(days=7)


@transaction.atomic
def remind_late_agents(*, profile: AgentProfile | None, now: datetime.datetime) -> int:
    """E-mail each late agent of ``profile``'s territory (None: the whole network) their
    overdue mandatory modules, unless they got a reminder within the last seven days; how
    many were reminded. The e-mails leave after the commit."""
    steer = selectors.steering(profile, today=timezone.localdate(now))
    late = steer.overdue_by_user()
    if not late:
        return 0
    # Locked: two runs at once remind each agent once.
    list(
        get_user_model()
        .objects.select_for_update()
        .filter(pk__in=list(late))
        .values_list("pk", flat=True)
    )
    recent = set(
        LateReminder.objects.filter(
            user_id__in=list(late), sent_at__gt=now - REMINDER_INTERVAL
        ).values_list("user_id", flat=True)
    )
    due = {user_id: entries for user_id, entries in late.items() if user_id not in recent}
    LateReminder.objects.bulk_create(
        [LateReminder(user_id=user_id, sent_at=now) for user_id in due]
    )
    for user_id, entries in due.items():
        modules = [f"{entry.code} – {entry.title}" for entry in entries]
        transaction.on_commit(
            lambda user_id=user_id, modules=modules: tasks.send_late_reminder.enqueue(
                user_id, modules
            )
        )
    return len(due)


@transaction.atomic
def rebuild_trained_agents() -> int:
    """Count again who is trained under the current definition (after it or the plan
    changed; a daily job too); how many are, or were until a past day."""
    definition = TrainedDefinition.load()
    module_ids = selectors.trained_module_ids(definition, current_plan())
    TrainedAgent.objects.all().delete()
    if module_ids:
        TrainedAgent.objects.bulk_create(
            [
                TrainedAgent(user_id=user_id, until=until)
                for user_id, until in selectors.held_until(module_ids).items()
            ],
            batch_size=5000,
        )
    TrainedDefinition.objects.filter(pk=definition.pk).update(
        agents_key=selectors.definition_key(module_ids)
    )
    return TrainedAgent.objects.count()


@transaction.atomic
def refresh_trained_agent(user_id: int) -> None:
    """Count again one member's training (after a new completion), while the counted rows
    are current; a stale count waits for its rebuild."""
    definition = TrainedDefinition.load()
    module_ids = selectors.trained_module_ids(definition, current_plan())
    if not module_ids or definition.agents_key != selectors.definition_key(module_ids):
        return
    held = selectors.held_until(module_ids, [user_id])
    if user_id in held:
        TrainedAgent.objects.update_or_create(user_id=user_id, defaults={"until": held[user_id]})
    else:
        TrainedAgent.objects.filter(user_id=user_id).delete()
