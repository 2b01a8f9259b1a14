from django.core.management.base import BaseCommand
from django.utils import timezone

from network.activity.jobs import send_reminders


class Command(BaseCommand):
    help = (
        "Remind each maison's agents to report last month's visits, then, after the due "
        "day, those still late (cron: daily). Each reminder goes once."
    )

    def handle(self, *args, **options):
        count = send_reminders(timezone.localdate())
        self.stdout.write(f"{count} activity reminder(s) queued.")
