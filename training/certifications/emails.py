"""The e-mail telling a member a certification was issued to them, sent on the
"background" task backend once the issuance is committed."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task


@task(backend="background")
def send_issued_mail(credential_pk: str) -> None:
    """E-mail the holder of this credential its verification link."""
    from . import links
    from .models import Credential

    credential = (
        Credential.objects.select_related("definition", "partner", "user")
        .filter(pk=credential_pk)
        .first()
    )
    if credential is None or credential.user is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "title": credential.definition.title,
            "partner": credential.partner.name,
            "until": formats.date_format(timezone.localtime(credential.valid_until), "DATE_FORMAT")
            if credential.valid_until
            else _("no time limit"),
            "url": links.verification_url(credential),
        }
        subject = _("Certification issued: %(title)s") % values
        body = (
            _(
                "Hello,\n\n%(partner)s has issued you the certification “%(title)s”, valid "
                "until: %(until)s.\n\nAnyone can check it at this address (show its QR code at "
                "the counter):\n%(url)s\n\nYou will find it, with its PDF certificate and the "
                "files for a digital wallet, in your members' area."
            )
            % values
        )
    send_mail(subject, body, None, [credential.user.email])
