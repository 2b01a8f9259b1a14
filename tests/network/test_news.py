"""News from the national cell: to the whole network or one region, from a time on."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.models import Department
from network.models import News
from network.permissions import Action, can
from portal.demo.loader import content
from portal.models import User
from tests.auth import login_with_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(members):
    occitanie = members.agent.maison.department.region
    auvergne = Department.objects.get(code="63").region
    return {
        "national": News.objects.create(title="Pour tout le réseau", body="<p>Tous</p>"),
        "occitanie": News.objects.create(
            title="Pour l’Occitanie", body="<p>Sud</p>", region=occitanie
        ),
        "auvergne": News.objects.create(
            title="Pour l’Auvergne", body="<p>Centre</p>", region=auvergne
        ),
        "later": News.objects.create(
            title="Pas encore",
            body="<p>Demain</p>",
            published_at=timezone.now() + timedelta(days=1),
        ),
    }


# Who reads which news: a region's go to its members, coordinators of the region or of
# one of its departments included; the national cell reads all that is published.
READERS = {
    "agent": {"national", "occitanie"},
    "coordinator": {"national", "occitanie"},
    "region_coordinator": {"national", "occitanie"},
    "other_agent": {"national", "auvergne"},
    "other_coordinator": {"national", "auvergne"},
    "trainer": {"national"},
    "national": {"national", "occitanie", "auvergne"},
}


@pytest.mark.parametrize(("member", "readable"), READERS.items())
def test_each_member_reads_the_news_of_the_network_and_of_their_region(
    client, members, news, member, readable
):
    user = getattr(members, member).user
    for name, item in news.items():
        assert can(user, Action.VIEW_NEWS, item) is (name in readable), name
    login_with_second_factor(client, user)
    listed = client.get("/espace-agents/actualites/").content.decode()
    dashboard = client.get("/espace-agents/").content.decode()
    for name, item in news.items():
        assert (item.title in listed) is (name in readable), name
        assert (item.title in dashboard) is (name in readable), name
        status = client.get(f"/espace-agents/actualites/{item.pk}/").status_code
        assert status == (200 if name in readable else 404), name


def test_a_news_page_shows_its_text(client, members, news):
    login_with_second_factor(client, members.agent.user)
    page = client.get(f"/espace-agents/actualites/{news['occitanie'].pk}/").content.decode()
    assert "<p>Sud</p>" in page
    assert "Occitanie" in page


@pytest.mark.parametrize("path", ["", "{pk}/"])
def test_anonymous_visitors_are_sent_to_log_in_and_non_members_refused(client, news, path):
    url = "/espace-agents/actualites/" + path.format(pk=news["national"].pk)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/espace-agents/connexion/")
    client.force_login(User.objects.create_user("visiteur@example.org", "x"))
    assert client.get(url).status_code == 404


def test_unknown_news_is_a_404(client, members, news):
    login_with_second_factor(client, members.national.user)
    assert client.get("/espace-agents/actualites/999999/").status_code == 404
    assert client.get("/espace-agents/actualites/?page=abc").status_code == 200


def test_the_dashboard_shows_the_latest_three_in_as_many_queries_however_many(
    client, members, news
):
    login_with_second_factor(client, members.agent.user)
    client.get("/espace-agents/")  # the session's and the site's caches warm
    with CaptureQueriesContext(connection) as few:
        client.get("/espace-agents/")
    for number in range(10):
        News.objects.create(title=f"Nouvelle {number}", body="<p>.</p>")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/espace-agents/").content.decode()
    assert len(many) == len(few)
    assert [f"Nouvelle {n}" in page for n in range(10)] == [False] * 7 + [True] * 3


def draftail(text: str) -> str:
    block = {
        "key": "a1b2c",
        "text": text,
        "type": "unstyled",
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [],
    }
    return json.dumps({"blocks": [block], "entityMap": {}})


def test_the_national_cells_editors_write_news_in_the_admin(client, members):
    editor = members.national.user
    editor.is_staff = True
    editor.save()
    editor.groups.add(Group.objects.get(name=content().group_name("national_editors")))
    login_with_second_factor(client, editor)
    response = client.post(
        "/admin/snippets/network/news/add/",
        {
            "title": "Bienvenue",
            "body": draftail("Le nouvel espace est ouvert."),
            "region": "",
            "published_at": "2026-11-23 10:00",  # Paris time, as the form shows it
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    item = News.objects.get(title="Bienvenue")
    assert "Le nouvel espace est ouvert." in item.body
    assert item.published_at == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_other_admin_users_cannot_write_news(client, members):
    coordinator = members.coordinator.user
    coordinator.is_staff = True
    coordinator.save()
    coordinator.groups.add(Group.objects.get(name="Coordinateurs"))
    login_with_second_factor(client, coordinator)
    response = client.post(
        "/admin/snippets/network/news/add/",
        {"title": "Pirate", "body": draftail("Non."), "published_at": "2026-01-01 10:00"},
    )
    assert response.status_code in {302, 403}
    assert not News.objects.filter(title="Pirate").exists()
