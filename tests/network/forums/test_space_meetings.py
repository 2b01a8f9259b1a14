"""A region's forum space shows the region's next meetings, with a link to register; the
other spaces show none."""

import pytest
import time_machine
from django.urls import reverse

from tests.training.events.factories import NOW, make_event
from training.events.models import EventKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_regions_space_lists_its_next_meetings_and_links_to_registration(
    members, member_client, spaces
):
    # arrange
    soon = make_event(kind=EventKind.MEETING, title="Rencontre réseau de l’Hérault", days=5)
    make_event(kind=EventKind.MEETING, title="Rencontre passée", days=-5)
    make_event(kind=EventKind.MEETING, title="Rencontre annulée", days=6, cancelled_at=NOW)
    make_event(
        kind=EventKind.MEETING,
        title="Rencontre auvergnate",
        region=members.maison("63").department.region,
    )
    make_event(title="Session de formation", days=3)
    # act
    page = member_client(members.agent).get(spaces.occitanie.get_absolute_url())
    # assert
    html = page.content.decode()
    assert "Rencontre réseau de l’Hérault" in html
    assert reverse("events:detail", args=[soon.pk]) in html
    assert f"?region={soon.region_id}&amp;kind=meeting" in html
    for absent in ("Rencontre passée", "Rencontre annulée", "Rencontre auvergnate", "Session"):
        assert absent not in html


def test_spaces_without_a_region_or_without_meetings_show_no_meetings_panel(
    members, member_client, spaces
):
    # arrange
    make_event(kind=EventKind.MEETING, title="Rencontre réseau de l’Hérault", days=5)
    client = member_client(members.agent)
    # act
    national = client.get(spaces.national.get_absolute_url()).content.decode()
    empty_region = member_client(members.other_agent).get(spaces.auvergne.get_absolute_url())
    # assert
    assert "forum-meetings-title" not in national
    assert "forum-meetings-title" not in empty_region.content.decode()


def test_the_meetings_panel_adds_a_constant_number_of_queries(
    members, member_client, spaces, django_assert_max_num_queries
):
    # arrange
    client = member_client(members.agent)
    url = spaces.occitanie.get_absolute_url()
    client.get(url)
    for day in range(1, 6):
        make_event(kind=EventKind.MEETING, title=f"Rencontre {day}", days=day)
    # act / assert
    with django_assert_max_num_queries(20) as one:
        client.get(url)
    for day in range(6, 12):
        make_event(kind=EventKind.MEETING, title=f"Rencontre {day}", days=day)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)
