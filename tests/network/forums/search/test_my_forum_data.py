"""The member's forum data in "Mes données": their messages (deleted and edited ones too),
the thanks they gave, their private spaces; never another member's text."""

import json

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.forums import services
from tests.network.forums.conftest import topic_in

pytestmark = pytest.mark.django_db

EXPORT = "/espace-agents/mes-donnees/export.json"


def export(client) -> dict:
    response = client.get(EXPORT)
    assert response.status_code == 200
    return json.loads(response.content)["forums"]


@time_machine.travel("2026-11-02 09:30:00+01:00", tick=False)
def test_the_export_holds_my_messages_and_thanks_and_no_one_elses(member_client, members, spaces):
    # arrange
    mine = topic_in(spaces.private, members.agent, title="Mon sujet", body="Mon **texte**.")
    theirs = topic_in(spaces.occitanie, members.coordinator, body="Le texte d’un autre.")
    reply = services.reply(topic=theirs, author=members.agent.user, body="Ma réponse.")
    services.edit_post(post=reply, editor=members.agent.user, body="Ma réponse corrigée.")
    deleted = services.reply(topic=mine, author=members.agent.user, body="Message retiré.")
    services.delete_post(post=deleted, by=members.agent.user)
    services.reply(topic=mine, author=members.region_coordinator.user, body="Réponse de Region.")
    services.thank(post=theirs.posts.first(), user=members.agent.user)
    services.thank(post=reply, user=members.coordinator.user)
    # act
    data = export(member_client(members.agent))
    # assert
    assert [(post["topic"], post["body"]) for post in data["posts"]] == [
        ("Mon sujet", "Mon **texte**."),
        ("Un sujet", "Ma réponse corrigée."),
        ("Mon sujet", "Message retiré."),
    ]
    first, edited, removed = data["posts"]
    assert first["space"] == "Coordination Occitanie"
    assert first["created_at"] == "2026-11-02T08:30:00+00:00"
    assert edited["earlier_versions"] == [
        {"body": "Ma réponse.", "written_at": "2026-11-02T08:30:00+00:00"}
    ]
    assert removed["deleted_at"] is not None
    assert data["thanks_given"] == [
        {
            "topic": "Un sujet",
            "space": spaces.occitanie.title,
            "given_at": "2026-11-02T08:30:00+00:00",
        }
    ]
    assert data["private_spaces"] == ["Coordination Occitanie"]
    assert data["following"] == [
        {"space": None, "topic": "Mon sujet", "level": "watching"},
        {"space": None, "topic": "Un sujet", "level": "tracking"},
    ]
    assert data["reports_made"] == [] and data["mutes"] == []
    text = json.dumps(data, ensure_ascii=False)
    assert "Le texte d’un autre" not in text and "Réponse de Region" not in text


def test_a_member_without_forum_activity_gets_empty_lists(member_client, members, spaces):
    # act
    data = export(member_client(members.other_agent))
    # assert
    assert data == {
        "posts": [],
        "thanks_given": [],
        "private_spaces": [],
        "following": [],
        "reports_made": [],
        "mutes": [],
    }


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(EXPORT)
    return len(queries)


def test_the_forum_section_costs_the_same_queries_however_many_messages(
    member_client, members, spaces
):
    # arrange
    client = member_client(members.agent)
    topic = topic_in(spaces.national, members.coordinator)
    services.reply(topic=topic, author=members.agent.user, body="Une")
    _queries(client)
    before = _queries(client)
    # act
    for number in range(5):
        reply = services.reply(topic=topic, author=members.agent.user, body=f"R{number}")
        services.edit_post(post=reply, editor=members.agent.user, body=f"R{number} bis")
        services.thank(
            post=services.reply(topic=topic, author=members.coordinator.user, body="Merci"),
            user=members.agent.user,
        )
    after = _queries(client)
    # assert
    assert after == before
