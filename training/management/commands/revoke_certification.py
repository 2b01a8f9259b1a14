"""Revoke a credential for good, with the reason (kept in the audit log); the issuer's
status list says so at once."""

import uuid

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from training.certifications import services
from training.certifications.models import Credential


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("credential", help="the credential's UUID")
        parser.add_argument("--reason", required=True, help="why it is revoked")

    def handle(self, *args, **options):
        try:
            pk = uuid.UUID(options["credential"])
        except ValueError:
            raise CommandError(f"{options['credential']!r} is not a UUID") from None
        credential = Credential.objects.filter(pk=pk).first()
        if credential is None:
            raise CommandError(f"no credential {pk}")
        try:
            services.revoke(credential, by=None, reason=options["reason"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"{pk} revoked.")
