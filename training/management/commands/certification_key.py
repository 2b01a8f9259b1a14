"""Make a partner's first certification signing key, or rotate it (--rotate): the new
private key is written to CERTIFICATION_KEYS_DIR (mode 0600), the old key retired but kept
published so that what it signed stays verifiable. Back the directory up after."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from directory.models import Partner
from training.certifications import keys


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("partner", help="the partner's slug")
        parser.add_argument(
            "--rotate", action="store_true", help="retire the current key for a new one"
        )

    def handle(self, *args, **options):
        partner = Partner.objects.filter(
            slug=options["partner"], locale=Locale.get_default()
        ).first()
        if partner is None:
            raise CommandError(f"no partner {options['partner']!r}")
        try:
            issuer_key = keys.make_key(partner, rotate=options["rotate"])
        except keys.KeyExists as error:
            raise CommandError(
                f"{partner.slug} already has a signing key ({error}): use --rotate to replace it"
            ) from error
        self.stdout.write(f"{issuer_key.kid}: {keys.key_path(issuer_key.kid)}")
