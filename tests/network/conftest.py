from dataclasses import dataclass

import pytest

from directory.models import Department, MaisonPage
from network.models import AgentProfile, Role
from portal.models import User
from tests.auth import login_with_second_factor
from tests.factories import MaisonPageFactory, PartnerFactory

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
    maisons: dict[str, MaisonPage]  # by department code: "34", "63"

    def maison(self, code: str) -> MaisonPage:
        return self.maisons[code]


def make_member(email: str, role: Role, **workplace) -> AgentProfile:
    user = User.objects.create_user(
        email, PASSWORD, first_name=email.split("@")[0].title(), last_name="Testeur"
    )
    return AgentProfile.objects.create(user=user, role=role, **workplace)


@pytest.fixture
def members(db) -> Members:
    herault = Department.objects.get(code="34")
    maisons = {
        "34": MaisonPageFactory(title="France Services d’essai de Gignac", postcode="34150"),
        "63": MaisonPageFactory(
            title="France Services d’essai d’Ambert",
            postcode="63600",
            commune_name="Ambert",
            insee_commune="63003",
            department=Department.objects.get(code="63"),
            latitude=45.5497,
            longitude=3.7417,
        ),
    }
    return Members(
        maisons=maisons,
        agent=make_member("agent@example.org", Role.AGENT, maison=maisons["34"]),
        other_agent=make_member("autre@example.org", Role.AGENT, maison=maisons["63"]),
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
            partner=PartnerFactory(name="Caisse d’essai des formateurs"),
        ),
        national=make_member("cellule@example.org", Role.NATIONAL_CELL),
    )


@pytest.fixture
def member_client(client):
    """``member_client(profile)``: the test client, logged in as that member."""

    def log_in(profile):
        client.logout()
        login_with_second_factor(client, profile.user)
        return client

    return log_in
