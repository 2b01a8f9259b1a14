"""Who may do what with the maisons' changes, from the side of those refused: an agent
changes only their own maison; a coordinator decides only in their territory (404
elsewhere); trainers see neither; the national cell decides everywhere."""

import pytest

from directory.models import MaisonPage
from network.maison_changes import services
from network.maison_changes.models import MaisonChange

from .conftest import MINE, PROPOSE, QUEUE, change_url

pytestmark = pytest.mark.django_db


def _pending_change(maison, profile) -> MaisonChange:
    return services.propose(
        maison=maison,
        sections={"contact": {"phone": "04 67 99 99 99"}},
        user=profile.user,
    )


@pytest.mark.parametrize("who", ["coordinator", "trainer", "national"])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", MINE),
        ("get", PROPOSE),
        ("post", "/espace-agents/ma-maison/confirmer/"),
        ("post", "/espace-agents/ma-maison/retirer/"),
    ],
)
def test_members_without_a_maison_have_no_maison_page(members, member_client, who, method, path):
    client = member_client(getattr(members, who))
    assert getattr(client, method)(path).status_code == 403


def test_an_agent_changes_only_their_own_maison(members, member_client):
    """The forms act on the agent's own maison: nothing in the request names another."""
    other = members.maison("63")
    client = member_client(members.agent)
    client.post("/espace-agents/ma-maison/confirmer/", {"maison": other.pk})
    assert MaisonPage.objects.get(pk=other.pk).information_confirmed_on is None
    change = _pending_change(other, members.other_agent)
    assert client.get(change_url(change)).status_code == 404
    assert client.post(change_url(change), {"decision": "approve"}).status_code == 404
    client.post("/espace-agents/ma-maison/retirer/")
    assert MaisonChange.objects.get(pk=change.pk).status == MaisonChange.Status.PENDING


@pytest.mark.parametrize("who", ["agent", "trainer"])
def test_agents_and_trainers_have_no_queue(members, member_client, who):
    assert member_client(getattr(members, who)).get(QUEUE).status_code == 404


def test_a_coordinator_cannot_read_nor_decide_outside_their_territory(members, member_client):
    change = _pending_change(members.maison("63"), members.other_agent)
    client = member_client(members.coordinator)
    assert change.maison.title not in client.get(QUEUE).content.decode()
    assert client.get(change_url(change)).status_code == 404
    response = client.post(change_url(change), {"decision": "approve"})
    assert response.status_code == 404
    assert MaisonChange.objects.get(pk=change.pk).status == MaisonChange.Status.PENDING
    assert MaisonPage.objects.get(pk=change.maison_id).phone != "04 67 99 99 99"


@pytest.mark.parametrize("who", ["coordinator", "region_coordinator", "national"])
def test_coordinators_of_the_territory_and_the_cell_decide(members, member_client, who):
    change = _pending_change(members.maison("34"), members.agent)
    client = member_client(getattr(members, who))
    assert change.maison.title in client.get(QUEUE).content.decode()
    assert client.post(change_url(change), {"decision": "approve"}).status_code == 302
    assert MaisonPage.objects.get(pk=change.maison_id).phone == "04 67 99 99 99"


def test_a_change_decided_twice_is_decided_once(members, member_client):
    change = _pending_change(members.maison("34"), members.agent)
    services.send_back(change_pk=change.pk, user=members.national.user, comment="Non.")
    client = member_client(members.coordinator)
    response = client.post(change_url(change), {"decision": "approve"}, follow=True)
    assert "Cette modification n’est plus en attente : rien n’a été fait." in (
        response.content.decode()
    )
    change.refresh_from_db()
    assert change.status == MaisonChange.Status.SENT_BACK
    assert change.decided_by == members.national.user
    with pytest.raises(services.NotOpen):
        services.approve(change_pk=change.pk, user=members.coordinator.user)


def test_one_open_change_per_maison_is_enforced_by_the_database(members):
    from django.db import IntegrityError, transaction

    change = _pending_change(members.maison("34"), members.agent)
    with pytest.raises(IntegrityError), transaction.atomic():
        MaisonChange.objects.create(maison=change.maison, status=MaisonChange.Status.SENT_BACK)
    # The agent's next proposal edits the open one.
    again = services.propose(
        maison=change.maison,
        sections={"contact": {"phone": "04 67 88 88 88"}},
        user=members.agent.user,
    )
    assert again.pk == change.pk
    assert MaisonChange.objects.count() == 1


def test_the_menu_offers_my_maison_to_agents_only(members, member_client):
    assert MINE in member_client(members.agent).get("/espace-agents/").content.decode()
    assert MINE not in member_client(members.coordinator).get("/espace-agents/").content.decode()


@pytest.mark.parametrize("path", [MINE, QUEUE])
def test_the_pages_are_private(members, member_client, path):
    who = members.agent if path == MINE else members.coordinator
    assert "no-store" in member_client(who).get(path)["Cache-Control"]
