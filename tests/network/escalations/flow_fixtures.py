"""The escalation workflow's test data, imported by its test modules: a partner's back
offices for the Hérault (34) and the Puy-de-Dôme (63), another partner's for the Hérault,
their référents (one of the Hérault's with a deputy in the Puy-de-Dôme), a motive, an
auditor; and ``escalate``, an escalation created through the service."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from directory.models import Department
from network.escalations import services
from network.escalations.models import BackOffice, Escalation, Motive, Referent
from network.models import AgentProfile, Role
from tests.factories import PartnerFactory
from tests.network.conftest import make_member

PARIS = ZoneInfo("Europe/Paris")
MONDAY = datetime(2026, 12, 7, 10, 0, tzinfo=PARIS)
NIR = "1 85 03 34 172 123 11"
IBAN = "FR76 3000 6000 0112 3456 7890 189"
PHONE = "06 12 34 56 78"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


@dataclass
class Flow:
    partner: object
    other_partner: object
    office: BackOffice  # the partner's, Hérault
    office_63: BackOffice  # the partner's, Puy-de-Dôme
    other_office: BackOffice  # the other partner's, Hérault
    motive: Motive
    referent: AgentProfile  # of ``office``, whose deputy is ``deputy``
    colleague: AgentProfile  # of ``office`` too
    deputy: AgentProfile  # of ``office_63``
    referent_63: AgentProfile  # of ``office_63``
    other_referent: AgentProfile  # of ``other_office``
    auditor: AgentProfile  # national cell, named auditor


def _office(partner, code: str) -> BackOffice:
    return BackOffice.objects.create(
        partner=partner,
        department=Department.objects.get(code=code),
        name=f"{partner.name} {code}",
        mailbox=f"bo{code}-{partner.pk}@example.org",
    )


def _referent(email: str, office: BackOffice, **fields) -> tuple[AgentProfile, Referent]:
    profile = make_member(email, Role.PARTNER_TRAINER, partner=office.partner)
    return profile, Referent.objects.create(back_office=office, user=profile.user, **fields)


@pytest.fixture(name="flow")
def flow_fixture(members) -> Flow:
    partner = PartnerFactory(name="Caisse d’essai")
    other_partner = PartnerFactory(name="Autre caisse d’essai")
    office, office_63, other_office = (
        _office(partner, "34"),
        _office(partner, "63"),
        _office(other_partner, "34"),
    )
    deputy, deputy_row = _referent("suppleant@example.org", office_63)
    referent, _ = _referent("referent@example.org", office, deputy=deputy_row)
    colleague, _ = _referent("collegue@example.org", office)
    referent_63, _ = _referent("referent63@example.org", office_63)
    other_referent, _ = _referent("autreref@example.org", other_office)
    auditor = make_member("auditrice@example.org", Role.NATIONAL_CELL, escalation_auditor=True)
    return Flow(
        partner=partner,
        other_partner=other_partner,
        office=office,
        office_63=office_63,
        other_office=other_office,
        motive=Motive.objects.create(partner=partner, label="Dossier bloqué"),
        referent=referent,
        colleague=colleague,
        deputy=deputy,
        referent_63=referent_63,
        other_referent=other_referent,
        auditor=auditor,
    )


def escalate(members, flow: Flow, *, at: datetime = MONDAY, **fields) -> Escalation:
    """An escalation of the Hérault maison's agent to ``flow.partner``, created at ``at``."""
    arguments = {
        "maison": members.maison("34"),
        "partner": flow.partner,
        "motive": flow.motive,
        "description": "Le dossier est bloqué depuis deux mois.",
        "file_reference": "AB123",
        "consent_text": "La personne est d’accord.",
        "user": members.agent.user,
        "now": at,
        **fields,
    }
    with time_machine.travel(at, tick=False):
        return services.create_escalation(**arguments)
