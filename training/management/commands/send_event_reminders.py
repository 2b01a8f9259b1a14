"""Reminders of the coming events and feedback requests after them: run hourly by cron."""

from django.core.management.base import BaseCommand

from training.events.services import send_reminders


class Command(BaseCommand):
    help = "E-mail event reminders (a week and a day before) and feedback requests, once each."

    def handle(self, *args, **options):
        queued = send_reminders()
        self.stdout.write(f"{queued} reminder(s) queued.")
