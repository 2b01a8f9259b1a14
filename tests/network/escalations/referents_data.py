"""Back offices, référents and motives for the référents directory's tests, around the
``members`` fixture: the Hérault (34) and the Gard (30) in Occitanie, the Puy-de-Dôme
(63) elsewhere."""

from dataclasses import dataclass

import factory
from factory.django import DjangoModelFactory

from directory.models import Department, Partner
from network.escalations.models import BackOffice, Motive, Referent
from network.models import Role
from tests.factories import PartnerFactory
from tests.network.conftest import Members, make_member


class BackOfficeFactory(DjangoModelFactory):
    class Meta:
        model = BackOffice

    partner = factory.SubFactory(PartnerFactory)
    department = factory.LazyFunction(lambda: Department.objects.get(code="34"))
    region = None
    name = factory.Sequence(lambda n: f"Guichet d’essai {n}")
    mailbox = factory.Sequence(lambda n: f"guichet{n}@partenaire.example.org")
    phone = "04 67 00 00 00"
    opening_hours = "9:00–17:00"


class MotiveFactory(DjangoModelFactory):
    class Meta:
        model = Motive

    partner = factory.SubFactory(PartnerFactory)
    label = factory.Sequence(lambda n: f"Motif {n}")
    order = factory.Sequence(lambda n: n)


def referent(office: BackOffice, email: str, **fields) -> Referent:
    """A référent of ``office``: a member of its partner."""
    member = make_member(email, Role.PARTNER_TRAINER, partner=office.partner)
    return Referent.objects.create(back_office=office, user=member.user, **fields)


@dataclass
class Offices:
    caf: Partner  # not the trainer's partner
    herault: BackOffice  # caf, the Hérault
    gard: BackOffice  # caf, the Gard (Occitanie, not the agent's department)
    puy_de_dome: BackOffice  # caf, the Puy-de-Dôme
    occitanie: BackOffice  # the trainer's partner, the whole Occitanie region


def build_offices(members: Members) -> Offices:
    caf = PartnerFactory(name="Caisse d’essai des allocations")
    herault = members.maison("34").department
    return Offices(
        caf=caf,
        herault=BackOfficeFactory(partner=caf, name="Caisse de l’Hérault"),
        gard=BackOfficeFactory(
            partner=caf, name="Caisse du Gard", department=Department.objects.get(code="30")
        ),
        puy_de_dome=BackOfficeFactory(
            partner=caf,
            name="Caisse du Puy-de-Dôme",
            department=Department.objects.get(code="63"),
        ),
        occitanie=BackOfficeFactory(
            partner=members.trainer.partner,
            name="Formateurs d’Occitanie",
            department=None,
            region=herault.region,
        ),
    )
