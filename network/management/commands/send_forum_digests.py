from django.core.management.base import BaseCommand, CommandError

from network.forums.digests.models import DigestFrequency
from network.forums.digests.services import send_digests

FREQUENCIES = [DigestFrequency.DAILY, DigestFrequency.WEEKLY]


class Command(BaseCommand):
    help = (
        "E-mail the forums digest to the members who chose this frequency (cron: daily at "
        "07:00 with --frequency daily, Mondays at 07:00 with --frequency weekly). A member "
        "gets one digest per period however often it runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            choices=FREQUENCIES,
            help="Only this frequency (default: both; the weekly digest goes at the first "
            "run of the week).",
        )

    def handle(self, *args, frequency=None, **options):
        failed = 0
        for current in [frequency] if frequency else FREQUENCIES:
            outcome = send_digests(frequency=current)
            failed += outcome.failed
            self.stdout.write(f"{outcome.sent} {current} digest(s) sent, {outcome.failed} failed.")
        if failed:
            raise CommandError(f"{failed} digest(s) not sent; the next run tries them again.")
