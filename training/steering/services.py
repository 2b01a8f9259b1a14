"""Writes of the steering pages: reminders to late agents."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from network.models import AgentProfile

from . import selectors, tasks
from .models import LateReminder

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
