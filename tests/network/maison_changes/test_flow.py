"""An agent updates their maison's information: proposed, sent back with a comment,
edited, approved and published (public page, open-data exports, API); or confirmed
unchanged in one click."""

import csv
import io
from datetime import date

import pytest
from django.core import mail
from wagtail.models import PageLogEntry

from directory.maisons import exports
from directory.models import MaisonPage
from network.maison_changes.models import MaisonChange
from tests.factories import PartnerFactory

from .conftest import MINE, PROPOSE, change_url, form_data

pytestmark = pytest.mark.django_db

NEW_HOURS = [
    {"weekday": 0, "opens": "09:00", "closes": "12:00"},
    {"weekday": 0, "opens": "13:30", "closes": "17:00"},
    {"weekday": 2, "opens": "09:00", "closes": "12:00"},
]


def _public_page(client, maison) -> str:
    client.logout()
    return client.get(maison.url).content.decode()


def test_a_change_sent_back_edited_and_approved_is_published_everywhere(
    members, member_client, django_capture_on_commit_callbacks
):
    maison = members.maison("34")
    agent = member_client(members.agent)
    # The agent proposes a new phone number.
    data = form_data(maison, contact={"phone": "04 67 99 99 99"})
    assert agent.post(PROPOSE, data).status_code == 302
    change = MaisonChange.objects.get(maison=maison)
    assert change.status == MaisonChange.Status.PENDING
    assert change.proposal == {
        "contact": {
            "phone": "04 67 99 99 99",
            "email": "contact@essai.example",
            "website": "",
            "booking": False,
            "booking_url": "",
        }
    }
    # The coordinator sends it back with a comment; the agent reads it and is told.
    coordinator = member_client(members.coordinator)
    refused = coordinator.post(change_url(change), {"decision": "send_back", "comment": ""})
    assert "Dites ce que la maison doit corriger." in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(
            change_url(change), {"decision": "send_back", "comment": "Ajoutez les horaires."}
        )
    change.refresh_from_db()
    assert change.status == MaisonChange.Status.SENT_BACK
    assert mail.outbox[-1].to == ["agent@example.org"]
    assert "Ajoutez les horaires." in mail.outbox[-1].body
    agent = member_client(members.agent)
    page = agent.get(MINE).content.decode()
    assert "Votre modification, renvoyée par la coordination" in page
    assert "Ajoutez les horaires." in page
    # The agent edits it: the same change, pending again, with the hours.
    data = form_data(maison, contact={"phone": "04 67 99 99 99"}, hours=NEW_HOURS)
    assert agent.post(PROPOSE, data).status_code == 302
    change.refresh_from_db()
    assert change.status == MaisonChange.Status.PENDING
    assert change.proposal["hours"] == NEW_HOURS
    # The coordinator sees the published and proposed values, and approves.
    coordinator = member_client(members.coordinator)
    detail = coordinator.get(change_url(change)).content.decode()
    assert "04 67 00 00 00" in detail and "04 67 99 99 99" in detail
    assert "lundi 13:30–17:00" in detail.lower()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(change_url(change), {"decision": "approve", "comment": ""})
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == MaisonChange.Status.APPROVED
    assert change.decided_by == members.coordinator.user
    assert "publiée" in mail.outbox[-1].subject
    # Published: a revision of the page, confirmed today.
    maison = MaisonPage.objects.get(pk=maison.pk)
    assert maison.phone == "04 67 99 99 99"
    assert maison.information_confirmed_on == date(2026, 12, 3)
    assert maison.live_revision_id == change.revision_id
    assert [(i.weekday, f"{i.opens:%H:%M}") for i in maison.opening_intervals.all()] == [
        (0, "09:00"),
        (0, "13:30"),
        (2, "09:00"),
    ]
    assert PageLogEntry.objects.filter(page=maison, action="wagtail.publish").exists()
    # On the public page, in the open-data CSV and in the API.
    public = _public_page(coordinator, maison)
    assert "04 67 99 99 99" in public
    assert "Informations confirmées le 3 décembre 2026." in public
    rows = csv.DictReader(io.StringIO(exports.get_export("csv").content.decode()))
    row = next(row for row in rows if row["id_fs"] == maison.source_id)
    assert row["telephone"] == "04 67 99 99 99"
    assert row["h_lundi"] == "09:00 - 12:00 / 13:30 - 17:00"
    data = coordinator.get(f"/api/v1/maisons/{maison.pk}").json()
    assert data["phone"] == "04 67 99 99 99"


def test_permanences_closures_and_stops_are_applied(members, member_client):
    maison = members.maison("34")
    partner = PartnerFactory(name="Caisse d’essai")
    agent = member_client(members.agent)
    permanence = {
        "partner": partner.pk,
        "mode": "on_site",
        "frequency": "monthly_nth",
        "weekday": 1,
        "reference_date": None,
        "nth": 2,
        "dates": "",
        "starts": "09:00",
        "ends": "12:00",
        "notes": "",
    }
    closure = {"start_date": "2026-12-24", "end_date": "2026-12-31", "reason": "Fêtes"}
    stop = {
        "place": "Place du marché",
        "commune_name": "Aniane",
        "frequency": "weekly",
        "weekday": 3,
        "reference_date": None,
        "nth": None,
        "dates": "",
        "starts": "14:00",
        "ends": "16:00",
    }
    data = form_data(maison, permanences=[permanence], closures=[closure], stops=[stop])
    agent.post(PROPOSE, data)
    change = MaisonChange.objects.get(maison=maison)
    assert set(change.proposal) == {"permanences", "closures", "stops"}
    coordinator = member_client(members.coordinator)
    detail = coordinator.get(change_url(change)).content.decode()
    assert "Caisse d’essai (permanence sur place)" in detail
    coordinator.post(change_url(change), {"decision": "approve"})
    maison = MaisonPage.objects.get(pk=maison.pk)
    assert [(p.partner_id, p.nth, p.weekday) for p in maison.presences.all()] == [
        (partner.pk, 2, 1)
    ]
    assert [(c.start_date, c.reason) for c in maison.closures.all()] == [
        (date(2026, 12, 24), "Fêtes")
    ]
    assert [(s.place, s.weekday) for s in maison.stops.all()] == [("Place du marché", 3)]


def test_confirming_unchanged_is_one_click_dated_today_and_in_the_history(members, member_client):
    maison = members.maison("34")
    agent = member_client(members.agent)
    assert "Informations non confirmées depuis l’import" in agent.get(MINE).content.decode()
    assert agent.get("/espace-agents/ma-maison/confirmer/").status_code == 405
    response = agent.post("/espace-agents/ma-maison/confirmer/")
    assert response.status_code == 302
    maison.refresh_from_db()
    assert maison.information_confirmed_on == date(2026, 12, 3)
    assert PageLogEntry.objects.filter(
        page=maison, action="maison_changes.confirmed", user=members.agent.user
    ).exists()
    assert "Informations confirmées le 3 décembre 2026." in _public_page(agent, maison)


def test_a_proposal_without_difference_is_not_sent(members, member_client):
    maison = members.maison("34")
    agent = member_client(members.agent)
    response = agent.post(PROPOSE, form_data(maison), follow=True)
    assert "Rien ne diffère des informations publiées" in response.content.decode()
    assert not MaisonChange.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"hours": [{"weekday": 0, "opens": "12:00", "closes": "09:00"}]},
            "L’heure de fermeture doit suivre l’heure d’ouverture.",
        ),
        (
            {
                "hours": [
                    {"weekday": 0, "opens": "09:00", "closes": "12:00"},
                    {"weekday": 0, "opens": "11:00", "closes": "14:00"},
                ]
            },
            "Deux plages horaires d’un même jour se chevauchent.",
        ),
        (
            {"closures": [{"start_date": "2026-12-31", "end_date": "2026-12-24", "reason": ""}]},
            "La date de fin ne peut pas précéder la date de début.",
        ),
        ({"contact": {"phone": "12"}}, "Saisissez un numéro de téléphone de 10 chiffres"),
        ({"contact": {"email": "pas-une-adresse"}}, "Saisissez une adresse de courriel valide."),
    ],
)
def test_invalid_proposals_say_why_and_keep_nothing(members, member_client, changes, message):
    maison = members.maison("34")
    response = member_client(members.agent).post(PROPOSE, form_data(maison, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MaisonChange.objects.exists()


def test_more_rows_keeps_what_was_typed(members, member_client):
    maison = members.maison("34")
    data = form_data(maison, contact={"phone": "04 67 11 11 11"})
    data["more_rows"] = "hours"
    response = member_client(members.agent).post(PROPOSE, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="hours-TOTAL_FORMS" value="5"' in page
    assert "04 67 11 11 11" in page
    assert not MaisonChange.objects.exists()


def test_the_agent_withdraws_their_change(members, member_client):
    maison = members.maison("34")
    agent = member_client(members.agent)
    agent.post(PROPOSE, form_data(maison, contact={"phone": "04 67 99 99 99"}))
    agent.post("/espace-agents/ma-maison/retirer/")
    change = MaisonChange.objects.get(maison=maison)
    assert change.status == MaisonChange.Status.WITHDRAWN
    assert [step["step"] for step in change.history] == ["proposed", "withdrawn"]
    response = agent.post("/espace-agents/ma-maison/retirer/", follow=True)
    assert "déjà été décidée ou retirée" in response.content.decode()
