"""Rows of escalations for the tests of the jobs, the figures and "Mes données", built
directly (not through the workflow's services): escalations at any past moment."""

from datetime import datetime

from directory.models import Department
from network.escalations import clock
from network.escalations.models import BackOffice, Escalation, Motive, Referent, Step
from portal.models import User
from tests.factories import PartnerFactory

CONSENT = "J’accepte que la France Services transmette ma demande au partenaire."


def back_office(partner=None, code="34", **fields) -> BackOffice:
    partner = partner or PartnerFactory()
    return BackOffice.objects.create(
        partner=partner,
        department=Department.objects.get(code=code),
        name=fields.pop("name", f"{partner.name} ({code})"),
        mailbox=fields.pop("mailbox", f"equipe-{partner.pk}-{code}@partenaire.example"),
        **fields,
    )


def referent(office: BackOffice, email: str, **fields) -> Referent:
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email, "correct horse battery staple", first_name=email.split("@")[0].title()
    )
    return Referent.objects.create(back_office=office, user=user, **fields)


def escalation(maison, office: BackOffice, created_at: datetime, **fields) -> Escalation:
    """An escalation sent at ``created_at``, due 72 working hours later."""
    motive = (
        fields.pop("motive", None)
        or Motive.objects.get_or_create(partner=office.partner, label="Dossier bloqué")[0]
    )
    row = Escalation.objects.create(
        maison=maison,
        partner=office.partner,
        back_office=office,
        motive=motive,
        description=fields.pop("description", "Le dossier de Mme Exemple est bloqué."),
        consent_text=CONSENT,
        consent_at=created_at,
        created_at=created_at,
        due_at=fields.pop("due_at", None) or clock.deadline(maison, created_at),
        **fields,
    )
    Step.objects.create(
        escalation=row, kind=Step.Kind.CREATED, author=row.created_by, created_at=created_at
    )
    return row
