from django.core.management.base import BaseCommand
from django.db import transaction

from portal import install


class Command(BaseCommand):
    help = (
        "Build a new site's pages in French and English (home page, directory, guides, "
        "partners, legal notice, personal data, accessibility statement, site map), menus, "
        "footer and admin groups. Idempotent: existing pages are left as they are."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            install.build(lambda message: self.stdout.write(f"  {message}"))
        self.stdout.write(self.style.SUCCESS("Site ready."))
