from django.core.management.base import BaseCommand
from django.utils import timezone

from network.escalations.jobs import purge


class Command(BaseCommand):
    help = (
        "Empty the free text and delete the attachments of the escalations closed longer "
        "than ESCALATION_RETENTION_DAYS ago, keeping their dated figures (cron: daily)."
    )

    def handle(self, *args, **options):
        outcome = purge(timezone.now())
        self.stdout.write(
            f"{outcome.escalations} escalation(s) purged, "
            f"{outcome.attachments} attachment(s) deleted."
        )
