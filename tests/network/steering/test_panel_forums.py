"""The forums panel: per region of the member's territory, the posts of the last 12 months
and the questions left unanswered; counts only, never what members wrote."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.models import MaisonPage, Region
from network.forums import services
from network.forums.models import Space, SpaceKind, TopicKind
from network.models import Role
from network.selectors import maisons_covered
from network.steering.panels import forums
from network.steering.scope import SteeringScope
from tests.network.conftest import make_member

from .panels_support import csv_rows

pytestmark = pytest.mark.django_db

URL = "/espace-agents/pilotage/forums/"
NOW = datetime.datetime(2026, 12, 7, 10, tzinfo=datetime.UTC)
SECRET = "Mme Exemple, dossier 4521"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def ask(space, author, *, kind=TopicKind.QUESTION):
    return services.create_topic(
        space=space,
        author=author.user,
        title=f"Question sur {SECRET}",
        body=SECRET,
        kind=kind,
        confirmed=True,
    )


def reply(topic, author):
    body = f"Réponse : {SECRET}"
    return services.reply(topic=topic, author=author.user, body=body, confirmed=True)


@pytest.fixture
def regions(members):
    """Occitanie (the Hérault's): a discussion with a reply; a question with only a deleted
    reply, one answered only by its author, one answered by a coordinator (unanswered: 2);
    a question of 13 months ago, out of the period. Auvergne-Rhône-Alpes (the Puy-de-Dôme's):
    one question without reply. The national space: a question, counted nowhere."""
    services.set_up_spaces()
    occitanie = Space.objects.get(region=members.maison("34").department.region)
    auvergne = Space.objects.get(region=members.maison("63").department.region)
    with time_machine.travel(NOW - datetime.timedelta(days=400), tick=False):
        ask(occitanie, members.agent)
    reply(ask(occitanie, members.agent, kind=TopicKind.DISCUSSION), members.coordinator)
    deleted = reply(ask(occitanie, members.agent), members.coordinator)
    deleted.deleted_at = timezone.now()
    deleted.save(update_fields=["deleted_at"])
    reply(ask(occitanie, members.agent), members.agent)
    reply(ask(occitanie, members.agent), members.region_coordinator)
    ask(auvergne, members.other_agent)
    ask(Space.objects.get(kind=SpaceKind.NATIONAL), members.agent)
    return occitanie.region, auvergne.region


def table(response) -> dict[str, tuple[int, int, int]]:
    rows = response.context["rows"]
    return {row.name: (row.posts, row.questions, row.unanswered) for row in rows}


def test_the_national_cell_sees_every_region(members, member_client, regions):
    # arrange
    occitanie, auvergne = regions
    # act
    response = member_client(members.national).get(URL)
    # assert
    assert response.status_code == 200
    figures = table(response)
    assert len(figures) == Region.objects.count()
    # posts: discussion 2, deleted-reply question 1, self-answered 2, answered 2.
    assert figures[occitanie.name] == (7, 3, 2)
    assert figures[auvergne.name] == (1, 1, 1)
    assert sum(posts for posts, _q, _u in figures.values()) == 8
    bars = {bar.label: bar.value for bar in response.context["unanswered_chart"].bars}
    assert (bars[occitanie.name], bars[auvergne.name]) == (2, 1)


def test_a_coordinator_sees_their_region_only(members, member_client, regions):
    # arrange
    occitanie, auvergne = regions
    client = member_client(members.coordinator)
    # act
    response = client.get(URL)
    rows = csv_rows(client.get(URL, {"format": "csv"}))
    # assert
    assert table(response) == {occitanie.name: (7, 3, 2)}
    assert auvergne.name not in response.content.decode()
    assert rows == [
        ["code_region", "region", "messages_12_mois", "questions_12_mois", "sans_reponse"],
        [occitanie.code, occitanie.name, "7", "3", "2"],
    ]


def test_a_region_filtered_outside_the_territory_shows_nothing(members, regions):
    # arrange
    _occitanie, auvergne = regions
    profile = members.coordinator
    scope = SteeringScope(profile=profile, maisons=maisons_covered(profile), region=auvergne)
    # act
    shown = forums.by_region(scope, NOW)
    # assert
    assert shown == []


def test_the_csv_equals_the_table(members, member_client, regions):
    # arrange
    client = member_client(members.national)
    shown = [
        [row.code, row.name, str(row.posts), str(row.questions), str(row.unanswered)]
        for row in client.get(URL).context["rows"]
    ]
    # act
    rows = csv_rows(client.get(URL, {"format": "csv"}))
    # assert
    assert rows[1:] == shown


def test_no_text_of_the_members_shows(members, member_client, regions):
    # arrange
    client = member_client(members.national)
    # act
    page = client.get(URL).content.decode()
    download = "\n".join(",".join(row) for row in csv_rows(client.get(URL, {"format": "csv"})))
    # assert
    assert SECRET not in page and "Question sur" not in page
    assert SECRET not in download


@pytest.mark.parametrize("who", ["agent", "trainer"])
def test_agents_and_trainers_are_refused(members, member_client, who):
    assert member_client(getattr(members, who)).get(URL).status_code == 404


def test_the_page_costs_the_same_queries_for_more_posts(members, member_client, regions):
    # arrange
    client = member_client(members.national)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    occitanie, _auvergne = regions
    maison = MaisonPage.objects.get(pk=members.maison("34").pk)
    for number in range(5):
        author = make_member(f"agent{number}@example.org", Role.AGENT, maison=maison)
        reply(ask(Space.objects.get(region=occitanie), author), members.coordinator)
    # act
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    # assert
    assert table(response)[occitanie.name] == (17, 8, 2)
    assert len(few) == len(many)
