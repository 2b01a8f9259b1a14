from dataclasses import dataclass

import pytest

from directory.models import Department, MaisonPage, Partner
from network.models import AgentProfile, Role
from portal.models import User

PASSWORD = "correct horse battery staple"


@dataclass
class Members:
    agent: AgentProfile  # of a maison in the Hérault (34)
    other_agent: AgentProfile  # of a maison in the Puy-de-Dôme (63)
    coordinator: AgentProfile  # of the Hérault
    region_coordinator: AgentProfile  # of Occitanie, the Hérault's region
    other_coordinator: AgentProfile  # of the Puy-de-Dôme
    trainer: AgentProfile
    national: AgentProfile

    def maison(self, code: str) -> MaisonPage:
        return french_maison(code)


def french_maison(code: str) -> MaisonPage:
    return MaisonPage.objects.filter(
        locale__language_code="fr", department__code=code, live=True
    ).order_by("pk")[0]


def make_member(email: str, role: Role, **workplace) -> AgentProfile:
    user = User.objects.create_user(
        email, PASSWORD, first_name=email.split("@")[0].title(), last_name="Testeur"
    )
    return AgentProfile.objects.create(user=user, role=role, **workplace)


@pytest.fixture
def members(demo_site) -> Members:
    herault = Department.objects.get(code="34")
    return Members(
        agent=make_member("agent@example.org", Role.AGENT, maison=french_maison("34")),
        other_agent=make_member("autre@example.org", Role.AGENT, maison=french_maison("63")),
        coordinator=make_member("coord@example.org", Role.COORDINATOR, department=herault),
        region_coordinator=make_member(
            "region@example.org", Role.COORDINATOR, region=herault.region
        ),
        other_coordinator=make_member(
            "coord63@example.org",
            Role.COORDINATOR,
            department=Department.objects.get(code="63"),
        ),
        trainer=make_member(
            "formateur@example.org",
            Role.PARTNER_TRAINER,
            partner=Partner.objects.filter(locale__language_code="fr").first(),
        ),
        national=make_member("cellule@example.org", Role.NATIONAL_CELL),
    )
