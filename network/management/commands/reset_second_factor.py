from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from network.two_factor import reset


class Command(BaseCommand):
    help = (
        "Remove a member's two-factor authenticators after checking who they are (a lost "
        "phone): they set up a new one at their next login. Written to the audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--reason", required=True, help="why, and how the request was checked (audited)"
        )

    def handle(self, *args, email, reason, **options):
        if not reason.strip():
            raise CommandError("Say why (--reason): it goes to the audit log.")
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with the address {email!r}.")
        removed = reset(user, reason=reason.strip())
        self.stdout.write(f"{removed} authenticator(s) removed for {user.email}.")
