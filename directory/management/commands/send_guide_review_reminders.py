from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from directory.guides.reviews import send_review_reminders


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


class Command(BaseCommand):
    help = (
        "E-mail each review owner the procedure guides past their review date, "
        "in one message per owner."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="the day to check, as YYYY-MM-DD (default: today in the site time zone)"
        )

    def handle(self, *args, **options):
        today = self._parse_date(options["date"]) if options["date"] else timezone.localdate()
        result = send_review_reminders(today=today, base_url=settings.PUBLIC_BASE_URL)
        self.stdout.write(
            f"{_count(result.reminded_guides, 'reminder', 'reminders')} sent to "
            f"{_count(result.owners, 'owner', 'owners')}; "
            f"{_count(result.guides_without_owner, 'overdue guide', 'overdue guides')} "
            "without an owner"
        )
        if result.failed_owners:
            raise CommandError(
                f"{_count(result.failed_owners, 'reminder message', 'reminder messages')} "
                "could not be sent; see the log."
            )

    @staticmethod
    def _parse_date(value: str) -> date:
        try:
            return date.fromisoformat(value)
        except ValueError as error:
            raise CommandError(f"--date must be a date as YYYY-MM-DD, not {value!r}.") from error
