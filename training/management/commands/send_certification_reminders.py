"""E-mail the holders of certifications that expire within 60 or 15 days, once per
credential and delay: run daily by cron."""

from django.core.management.base import BaseCommand

from training.certifications.tasks import queue_expiry_reminders


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        queued = queue_expiry_reminders()
        self.stdout.write(f"{queued} certification reminder(s) queued.")
