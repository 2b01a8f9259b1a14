from django.core.management.base import BaseCommand
from django.utils import timezone

from network.escalations.jobs import send_reminders


class Command(BaseCommand):
    help = (
        "Remind the référents of the escalations whose deadline is near and the partners' "
        "coordinators of the overdue ones (cron: hourly). Each reminder goes once."
    )

    def handle(self, *args, **options):
        count = send_reminders(timezone.now())
        self.stdout.write(f"{count} escalation reminder(s) queued.")
