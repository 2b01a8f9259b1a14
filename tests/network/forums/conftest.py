from dataclasses import dataclass

import pytest

from network.forums import services
from network.forums.models import Space, SpaceKind, Topic


@dataclass
class Spaces:
    occitanie: Space  # the Hérault's region: members.agent, coordinator, region_coordinator
    auvergne: Space  # the Puy-de-Dôme's: members.other_agent, other_coordinator
    national: Space
    partner: Space  # members.trainer's partner
    private: Space  # members.agent and members.region_coordinator only


@pytest.fixture
def spaces(members) -> Spaces:
    services.set_up_spaces()
    private = Space.objects.create(
        kind=SpaceKind.PRIVATE, slug="coordination-occitanie", title="Coordination Occitanie"
    )
    private.members.add(members.agent.user, members.region_coordinator.user)
    return Spaces(
        occitanie=Space.objects.get(region=members.maison("34").department.region),
        auvergne=Space.objects.get(region=members.maison("63").department.region),
        national=Space.objects.get(kind=SpaceKind.NATIONAL),
        partner=Space.objects.create(
            kind=SpaceKind.PARTNER,
            partner=members.trainer.partner,
            slug="partenaire-essai",
            title="Caisse d’essai",
        ),
        private=private,
    )


def topic_in(space: Space, author, *, body: str = "Bonjour à tous.", **fields) -> Topic:
    return services.create_topic(
        space=space, author=author.user, title=fields.pop("title", "Un sujet"), body=body, **fields
    )
