"""The member's escalations in the "Mes données" export."""

import json
from datetime import UTC, date, datetime

import pytest

from network.escalations.models import EscalationStatus, Step
from tests.network.escalations.jobs_support import back_office, escalation, referent

pytestmark = pytest.mark.django_db

SENT_AT = datetime(2026, 11, 2, 9, tzinfo=UTC)


def test_the_export_holds_my_escalations_steps_and_referent_roles(members, member_client):
    # arrange
    agent = members.agent.user
    office = back_office(code="34")
    mine = escalation(members.maison("34"), office, SENT_AT, created_by=agent)
    purged = escalation(
        members.maison("34"),
        office,
        SENT_AT,
        created_by=agent,
        description="",
        status=EscalationStatus.CLOSED,
        closed_at=SENT_AT,
        purged_at=SENT_AT,
    )
    Step.objects.create(escalation=mine, kind=Step.Kind.REPLY, author=agent, body="Ma réponse")
    others = escalation(
        members.maison("34"),
        office,
        SENT_AT,
        created_by=members.other_agent.user,
        description="Texte d’un autre agent",
    )
    Step.objects.create(
        escalation=mine, kind=Step.Kind.QUESTION, author=others.created_by, body="Sa question"
    )
    referent(office, agent.email, away_from=date(2026, 12, 24), away_until=date(2026, 12, 31))
    # act
    response = member_client(members.agent).get("/espace-agents/mes-donnees/export.json")
    # assert
    assert response.status_code == 200
    data = json.loads(response.content)["escalations"]
    sent = {row["number"]: row for row in data["escalations_sent"]}
    assert set(sent) == {mine.pk, purged.pk}
    assert sent[mine.pk]["description"] == mine.description
    assert sent[mine.pk]["partner"] == office.partner.name
    assert sent[mine.pk]["motive"] == "Dossier bloqué"
    assert sent[mine.pk]["status"] == EscalationStatus.NEW
    assert sent[purged.pk]["description"] is None
    assert sent[purged.pk]["purged_at"] == SENT_AT.isoformat()
    assert [(row["kind"], row["body"]) for row in data["escalation_steps_written"]] == [
        (Step.Kind.CREATED, ""),
        (Step.Kind.CREATED, ""),
        (Step.Kind.REPLY, "Ma réponse"),
    ]
    assert data["referent_roles"] == [
        {
            "back_office": office.name,
            "partner": office.partner.name,
            "department": "34",
            "region": None,
            "away_from": "2026-12-24",
            "away_until": "2026-12-31",
        }
    ]
    assert "Texte d’un autre agent" not in response.content.decode()
    assert "Sa question" not in response.content.decode()
