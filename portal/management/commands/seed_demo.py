from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from portal import demo
from portal.models import User

DEMO_ADMIN_EMAIL = "admin@france-services.example"
DEMO_ADMIN_PASSWORD = "demo-admin-mot-de-passe"  # noqa: S105 (dev-only, printed on purpose)


class Command(BaseCommand):
    help = "Load the demo content (idempotent, deterministic) and, in development, accounts."

    def handle(self, *args, **options):
        with transaction.atomic():
            demo.seed(self._log)
        if getattr(settings, "PORTAL_SEED_DEMO_ACCOUNTS", False):
            self._seed_admin()
            self._seed_members()
        else:
            self._log("Demo accounts skipped: PORTAL_SEED_DEMO_ACCOUNTS is off (production).")
        self.stdout.write(self.style.SUCCESS("Demo content ready."))

    def _seed_admin(self) -> None:
        admin = User.objects.filter(email=DEMO_ADMIN_EMAIL).first()
        if admin is None:
            admin = User.objects.create_superuser(
                DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, first_name="Admin", last_name="Démo"
            )
        self.stdout.write(
            f"Wagtail admin (development only): {DEMO_ADMIN_EMAIL} / {DEMO_ADMIN_PASSWORD}"
        )

    def _seed_members(self) -> None:
        with transaction.atomic():
            accounts = demo.seed_accounts(self._log)
        self.stdout.write("Members area /espace-agents/ (development only):")
        for email, password, role in accounts:
            self.stdout.write(f"  {role}: {email} / {password}")

    def _log(self, message: str) -> None:
        self.stdout.write(f"  {message}")
