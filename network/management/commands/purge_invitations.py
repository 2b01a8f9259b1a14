from django.core.management.base import BaseCommand

from network.services import purge_expired_invitations


class Command(BaseCommand):
    help = "Delete the invitations that expired without being accepted (run daily)."

    def handle(self, *args, **options):
        count = purge_expired_invitations()
        self.stdout.write(f"{count} expired invitation(s) deleted.")
