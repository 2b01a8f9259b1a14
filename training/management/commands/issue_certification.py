"""Issue a certification by hand to a member (an operator's act, with its reason); prints
the credential's public verification URL as its last line."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from training.certifications import keys, services
from training.certifications.links import verification_url
from training.certifications.models import CertificationDefinition


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--definition", required=True, help="the certification's code")
        parser.add_argument("--email", required=True, help="the member's e-mail address")
        parser.add_argument("--reason", required=True, help="why it is issued by hand")

    def handle(self, *args, **options):
        definition = (
            CertificationDefinition.objects.select_related("partner")
            .filter(code=options["definition"])
            .first()
        )
        if definition is None:
            raise CommandError(f"no certification of code {options['definition']!r}")
        email = options["email"].strip().lower()
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"no account for {email}")
        if not user.is_active:
            raise CommandError(f"the account of {email} is inactive")
        try:
            credential = services.issue(definition=definition, user=user, reason=options["reason"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except keys.SigningKeyUnavailable as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{definition.title} issued to {credential.holder_name}.")
        self.stdout.write(verification_url(credential))
