"""Remind every late agent of the network of their overdue mandatory modules (at most once a
week each): run it weekly from cron."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from training.steering.services import remind_late_agents


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        reminded = remind_late_agents(profile=None, now=timezone.now())
        self.stdout.write(f"{reminded} late agent(s) reminded.")
