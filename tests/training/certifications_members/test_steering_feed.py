"""The coordinators' maisons overview counts the agents holding a valid certification of a
national partner: per maison ("2 agents certified …") and over the territory, in a number
of queries that does not grow with the maisons."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Department, MaisonPage
from network.models import Role
from tests.factories import MaisonPageFactory, PartnerFactory
from tests.network.conftest import make_member
from training.certifications.models import CredentialStatus
from training.steering import selectors

from .conftest import NOW, make_credential, make_definition

pytestmark = pytest.mark.django_db

URL = "/espace-agents/formation/suivi/maisons/"


@pytest.fixture
def ants():
    return make_definition(
        PartnerFactory(name="Agence d’essai des titres", national=True),
        title="Habilitation titres d’essai",
    )


def certify(maison, number, definition, **fields):
    agent = make_member(f"certifie{maison.pk}-{number}@example.org", Role.AGENT, maison=maison)
    return make_credential(agent.user, definition, **fields)


@time_machine.travel(NOW, tick=False)
def test_each_maison_counts_its_agents_holding_a_valid_certification(members, member_client, ants):
    # arrange
    gignac = members.maison("34")
    certify(gignac, 1, ants)
    certify(gignac, 2, ants)
    certify(gignac, 3, ants, status=CredentialStatus.REVOKED)
    certify(gignac, 4, ants, status=CredentialStatus.SUSPENDED)
    certify(gignac, 5, ants, valid_until=NOW - timedelta(days=1))
    certify(gignac, 6, make_definition(PartnerFactory(national=False)))
    certify(members.maison("63"), 1, ants)
    # act
    response = member_client(members.coordinator).get(URL)
    # assert
    overview = response.context["overview"]
    rows = {row.title: row for row in response.context["page_obj"]}
    assert [(c.title, c.agents) for c in rows[gignac.title].certified] == [
        ("Habilitation titres d’essai", 2)
    ]
    assert [(c.title, c.agents, c.maisons) for c in overview.certified] == [
        ("Habilitation titres d’essai", 2, 1)  # the coordinator's territory only
    ]
    assert "Habilitation titres d’essai" in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_national_cell_sees_the_whole_network(members, member_client, ants):
    # arrange
    certify(members.maison("34"), 1, ants)
    certify(members.maison("63"), 1, ants)
    # act
    response = member_client(members.national).get(URL)
    # assert
    assert [(c.agents, c.maisons) for c in response.context["overview"].certified] == [(2, 2)]


@time_machine.travel(NOW, tick=False)
def test_the_feed_costs_the_same_queries_for_more_maisons_and_credentials(
    members, member_client, ants
):
    # arrange
    client = member_client(members.national)
    certify(members.maison("34"), 1, ants)
    client.get(URL)
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    gard = Department.objects.get(code="30")
    other = make_definition(PartnerFactory(national=True), title="Référent retraite d’essai")
    for number in range(6):
        maison = MaisonPageFactory(department=gard, postcode="30000")
        certify(maison, number, ants)
        certify(maison, number + 10, other)
    client.get(URL)  # the site's menus, cached, are read again after new pages
    # act
    with CaptureQueriesContext(connection) as full:
        page = client.get(URL)
    # assert
    assert len(full) == len(small)
    assert len(page.context["overview"].certified) == 2


@time_machine.travel(NOW, tick=False)
def test_with_agents_fills_the_certified_in_three_queries(
    members, ants, django_assert_max_num_queries
):
    # arrange
    for number in range(3):
        certify(members.maison("34"), number, ants)
    overview = selectors.maisons_overview(MaisonPage.objects.all(), today=NOW.date())
    rows = overview.below_two
    # act
    with django_assert_max_num_queries(3):
        selectors.with_agents(rows, overview, today=NOW.date())
    # assert
    assert sum(c.agents for row in rows for c in row.certified) == 3
