"""The escalations' pages: who reads what (404 for the others, forged ids included), what
they may do (403), the creation form and the guard, attachments served privately, the
queue and its CSV without free text, the audit log, ``Cache-Control``."""

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from network.escalations import services
from network.escalations.models import (
    AuditEntry,
    Escalation,
    EscalationAttachment,
    EscalationStatus,
)
from network.escalations.services import Upload
from portal.sensitive_data import mask

from .flow_fixtures import EXE, IBAN, MONDAY, NIR, PDF, PHONE, escalate, flow_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
Status = EscalationStatus


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(MONDAY + timedelta(hours=1), tick=False):
        yield


def pdf(name="justificatif.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def with_attachment(members, flow) -> Escalation:
    upload = pdf()
    return escalate(
        members, flow, attachments=[Upload("justificatif.pdf", "application/pdf", upload)]
    )


def readers(members, flow):
    return {
        "agent": members.agent,
        "referent": flow.referent,
        "colleague": flow.colleague,
        "auditor": flow.auditor,
    }


def refused(members, flow):
    return {
        "agent of another maison": members.other_agent,
        "référent of another partner": flow.other_referent,
        "référent of another department": flow.referent_63,
        "deputy of a present référent": flow.deputy,
        "coordinator": members.coordinator,
        "region coordinator": members.region_coordinator,
        "partner trainer": members.trainer,
        "national cell without the flag": members.national,
    }


REFUSED = [
    "agent of another maison",
    "référent of another partner",
    "référent of another department",
    "deputy of a present référent",
    "coordinator",
    "region coordinator",
    "partner trainer",
    "national cell without the flag",
]


@pytest.mark.parametrize("who", ["agent", "referent", "colleague", "auditor"])
def test_the_escalation_page_is_read_by_its_sides_and_each_read_is_logged(
    member_client, members, flow, who
):
    # arrange
    escalation = escalate(members, flow)
    client = member_client(readers(members, flow)[who])
    # act
    response = client.get(escalation.get_absolute_url())
    # assert
    assert response.status_code == 200
    assert "Le dossier est bloqué depuis deux mois." in response.text
    assert response["Cache-Control"].replace(" ", "") in {"private,no-store", "no-store,private"}
    read = escalation.audit.get(action=AuditEntry.Action.READ)
    assert read.user == readers(members, flow)[who].user


@pytest.mark.parametrize("who", REFUSED)
def test_the_escalation_page_and_its_attachment_are_404_to_everyone_else(
    member_client, members, flow, who
):
    # arrange
    escalation = with_attachment(members, flow)
    attachment = escalation.attachments.get()
    client = member_client(refused(members, flow)[who])
    # act
    page = client.get(escalation.get_absolute_url())
    download = client.get(attachment.get_absolute_url())
    take = client.post(escalation.get_absolute_url(), {"action": "take"})
    # assert
    assert (page.status_code, download.status_code, take.status_code) == (404, 404, 404)
    assert not escalation.audit.filter(action=AuditEntry.Action.READ).exists()
    assert Escalation.objects.get(pk=escalation.pk).status == Status.NEW


def test_the_deputy_reads_and_takes_while_the_referent_is_away(member_client, members, flow):
    # arrange
    escalation = escalate(members, flow)
    flow.office.referents.filter(user=flow.referent.user).update(
        away_from=MONDAY.date(), away_until=MONDAY.date()
    )
    client = member_client(flow.deputy)
    # act
    response = client.post(escalation.get_absolute_url(), {"action": "take"})
    # assert
    assert response.status_code == 302
    assert Escalation.objects.get(pk=escalation.pk).assignee == flow.deputy.user


def test_an_attachment_is_served_privately_and_its_download_logged(member_client, members, flow):
    # arrange
    escalation = with_attachment(members, flow)
    attachment = escalation.attachments.get()
    client = member_client(flow.referent)
    # act
    response = client.get(attachment.get_absolute_url())
    # assert
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    assert escalation.audit.filter(action=AuditEntry.Action.DOWNLOADED).count() == 1


def test_a_forged_attachment_id_of_another_escalation_is_404(member_client, members, flow):
    # arrange: the agent reads the first, the attachment belongs to another maison's
    mine = escalate(members, flow)
    other = with_attachment(members, flow)
    Escalation.objects.filter(pk=other.pk).update(maison=members.maison("63"))
    attachment = other.attachments.get()
    client = member_client(members.agent)
    # act
    forged = client.get(reverse("escalations:attachment", args=[mine.pk, attachment.pk]))
    direct = client.get(attachment.get_absolute_url())
    # assert
    assert (forged.status_code, direct.status_code) == (404, 404)


def test_a_forged_escalation_id_is_404(member_client, members, flow):
    # arrange
    client = member_client(members.agent)
    # act
    response = client.get(reverse("escalations:detail", args=[987654]))
    # assert
    assert response.status_code == 404


def test_steps_a_side_may_not_take_answer_403(member_client, members, flow):
    # arrange
    escalation = escalate(members, flow)
    # act
    agent_answers = member_client(members.agent).post(
        escalation.get_absolute_url(), {"action": "answer", "answer-body": "Réglé"}
    )
    referent_replies = member_client(flow.referent).post(
        escalation.get_absolute_url(), {"action": "reply", "reply-body": "Réponse"}
    )
    referent_closes = member_client(flow.referent).post(
        escalation.get_absolute_url(), {"action": "close"}
    )
    # assert
    assert [agent_answers.status_code, referent_replies.status_code] == [403, 403]
    assert referent_closes.status_code == 403
    assert Escalation.objects.get(pk=escalation.pk).status == Status.NEW


def test_a_second_take_says_it_is_taken(member_client, members, flow):
    # arrange
    escalation = escalate(members, flow)
    services.take(escalation=escalation, user=flow.colleague.user, now=MONDAY)
    client = member_client(flow.referent)
    # act
    response = client.post(escalation.get_absolute_url(), {"action": "take"}, follow=True)
    # assert
    assert response.status_code == 200
    assert "fr-alert--error" in response.text
    assert Escalation.objects.get(pk=escalation.pk).assignee == flow.colleague.user


def test_the_referent_asks_from_the_page_and_the_agent_replies(member_client, members, flow):
    # arrange
    escalation = escalate(members, flow)
    # act
    asked = member_client(flow.referent).post(
        escalation.get_absolute_url(), {"action": "question", "question-body": "Quel mois ?"}
    )
    page = member_client(members.agent).get(escalation.get_absolute_url())
    replied = member_client(members.agent).post(
        escalation.get_absolute_url(), {"action": "reply", "reply-body": "Octobre."}
    )
    # assert
    assert asked.status_code == replied.status_code == 302
    assert 'name="reply-body"' in page.text
    assert Escalation.objects.get(pk=escalation.pk).status == Status.TAKEN


def test_the_guard_blocks_an_iban_in_an_answer_and_warns_on_a_phone(member_client, members, flow):
    # arrange
    escalation = escalate(members, flow)
    client = member_client(flow.referent)
    url = escalation.get_absolute_url()
    # act
    blocked = client.post(url, {"action": "answer", "answer-body": f"IBAN {IBAN}"})
    warned = client.post(url, {"action": "answer", "answer-body": f"Appelez le {PHONE}"})
    confirmed = client.post(
        url, {"action": "answer", "answer-body": f"Appelez le {PHONE}", "answer-confirm": "on"}
    )
    # assert
    assert blocked.status_code == warned.status_code == 200
    assert mask(IBAN) in blocked.text
    assert 'name="answer-confirm"' not in blocked.text
    assert 'name="answer-confirm"' in warned.text
    assert confirmed.status_code == 302
    assert Escalation.objects.get(pk=escalation.pk).status == Status.ANSWERED


def test_the_agent_creates_an_escalation_with_consent_and_a_pdf(member_client, members, flow):
    # arrange
    client = member_client(members.agent)
    url = reverse("escalations:create")
    # act
    choose = client.get(url)
    form = client.get(url, {"partner": flow.partner.pk})
    response = client.post(
        url,
        {
            "partner": flow.partner.pk,
            "motive": flow.motive.pk,
            "description": "Le dossier est bloqué.",
            "file_reference": "AB123",
            "consent": "on",
            "attachments": [pdf()],
        },
    )
    # assert
    assert choose.status_code == form.status_code == 200
    assert flow.motive.label in form.text
    escalation = Escalation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == escalation.get_absolute_url()
    assert escalation.consent_text.startswith("The person agrees") or escalation.consent_text
    assert escalation.consent_text in form.text
    assert escalation.attachments.get().content_type == "application/pdf"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"description": f"NIR {NIR}"}, mask(NIR)),
        ({"consent": ""}, "fr-checkbox-group--error"),
        ({"attachments": [pdf("virus.pdf", EXE)]}, "virus.pdf"),
    ],
)
def test_the_form_refuses_a_nir_no_consent_or_a_fake_pdf(
    member_client, members, flow, fields, message
):
    # arrange
    client = member_client(members.agent)
    data = {
        "partner": flow.partner.pk,
        "motive": flow.motive.pk,
        "description": "Le dossier est bloqué.",
        "consent": "on",
        **fields,
    }
    # act
    response = client.post(reverse("escalations:create"), data)
    # assert
    assert response.status_code == 200
    assert message in response.text
    assert not Escalation.objects.exists()
    assert not EscalationAttachment.objects.exists()


def test_an_attachment_over_the_limit_is_refused(member_client, members, flow, settings):
    # arrange
    settings.ESCALATION_ATTACHMENT_MAX_BYTES = 10
    client = member_client(members.agent)
    # act
    response = client.post(
        reverse("escalations:create"),
        {
            "partner": flow.partner.pk,
            "motive": flow.motive.pk,
            "description": "Le dossier est bloqué.",
            "consent": "on",
            "attachments": [pdf()],
        },
    )
    # assert
    assert response.context["form"].errors["attachments"]
    assert "justificatif.pdf" in response.text
    assert not Escalation.objects.exists()


def test_no_back_office_for_the_department_is_said_in_the_form(member_client, members, flow):
    # arrange
    flow.office.delete()
    client = member_client(members.agent)
    # act
    response = client.post(
        reverse("escalations:create"),
        {
            "partner": flow.partner.pk,
            "motive": flow.motive.pk,
            "description": "Le dossier est bloqué.",
            "consent": "on",
        },
    )
    # assert
    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors()
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        assert error == translation.gettext(
            "This partner has no back office for your department yet."
        )


@pytest.mark.parametrize("who", ["coordinator", "national", "trainer"])
def test_only_agents_create_escalations(member_client, members, flow, who):
    # arrange
    client = member_client(getattr(members, who))
    # act
    response = client.get(reverse("escalations:create"), {"partner": flow.partner.pk})
    # assert
    assert response.status_code == 403


@pytest.mark.parametrize("who", ["coordinator", "national", "trainer"])
def test_the_queue_is_refused_to_who_neither_escalates_nor_handles(member_client, members, who):
    # arrange
    client = member_client(getattr(members, who))
    # act
    response = client.get(reverse("escalations:queue"))
    # assert
    assert response.status_code == 403


def test_the_agent_queue_shows_their_maison_tabs(member_client, members, flow):
    # arrange
    waiting = escalate(members, flow)
    services.ask_question(escalation=waiting, body="?", user=flow.referent.user, now=MONDAY)
    open_one = escalate(members, flow)
    other = escalate(members, flow)
    Escalation.objects.filter(pk=other.pk).update(maison=members.maison("63"))
    client = member_client(members.agent)
    url = reverse("escalations:queue")
    # act
    opened = client.get(url)
    waiting_tab = client.get(url, {"tab": "waiting"})
    # assert
    assert list(opened.context["page_obj"].object_list) == [open_one]
    assert list(waiting_tab.context["page_obj"].object_list) == [waiting]
    assert opened["Cache-Control"].replace(" ", "") in {"private,no-store", "no-store,private"}


def test_the_referent_queue_filters_by_assignee(member_client, members, flow):
    # arrange
    mine = escalate(members, flow)
    services.take(escalation=mine, user=flow.referent.user, now=MONDAY)
    nobodys = escalate(members, flow)
    escalate(members, flow, partner=flow.other_partner, motive=_other_motive(flow))
    client = member_client(flow.referent)
    url = reverse("escalations:queue")
    # act
    every = client.get(url)
    me = client.get(url, {"assignee": "me"})
    nobody = client.get(url, {"assignee": "nobody"})
    # assert
    assert set(every.context["page_obj"].object_list) == {mine, nobodys}
    assert list(me.context["page_obj"].object_list) == [mine]
    assert list(nobody.context["page_obj"].object_list) == [nobodys]


def _other_motive(flow):
    return flow.other_partner.escalation_motives.create(label="Trop-perçu")


def test_take_from_the_queue_comes_back_to_it(member_client, members, flow):
    # arrange
    escalation = escalate(members, flow)
    client = member_client(flow.referent)
    queue = client.get(reverse("escalations:queue"))
    # act
    response = client.post(escalation.get_absolute_url(), {"action": "take", "back": "queue"})
    # assert
    assert 'name="action" value="take"' in queue.text
    assert response["Location"] == reverse("escalations:queue")
    assert Escalation.objects.get(pk=escalation.pk).assignee == flow.referent.user


def test_the_csv_has_no_free_text_and_logs_each_export(member_client, members, flow):
    # arrange
    escalation = escalate(members, flow, description="Texte libre confidentiel")
    services.ask_question(
        escalation=escalation, body="Question confidentielle", user=flow.referent.user, now=MONDAY
    )
    client = member_client(members.agent)
    # act
    response = client.get(reverse("escalations:queue"), {"tab": "waiting", "format": "csv"})
    # assert
    content = response.content.decode()
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0] == [
        "number",
        "maison",
        "partner",
        "motive",
        "status",
        "created_at",
        "due_at",
        "answered_at",
        "answer_working_hours",
        "closed_at",
    ]
    assert rows[1][0] == str(escalation.pk)
    assert "confidentiel" not in content
    assert "AB123" not in content
    assert escalation.audit.filter(action=AuditEntry.Action.EXPORTED).count() == 1


def _queue_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("escalations:queue"))
    assert response.status_code == 200
    return len(queries)


def test_the_queue_takes_as_many_queries_for_2_or_6_escalations(member_client, members, flow):
    # arrange
    for _ in range(2):
        escalate(members, flow)
    client = member_client(flow.referent)
    _queue_queries(client)  # the site's menus and settings, cached after the first page
    few = _queue_queries(client)
    for _ in range(4):
        services.take(escalation=escalate(members, flow), user=flow.colleague.user, now=MONDAY)
    # act
    many = _queue_queries(client)
    # assert
    assert many == few


def test_the_referent_reassigns_to_a_colleague_from_the_page(member_client, members, flow):
    # arrange
    escalation = escalate(members, flow)
    client = member_client(flow.referent)
    page = client.get(escalation.get_absolute_url())
    # act
    response = client.post(
        escalation.get_absolute_url(),
        {"action": "reassign", "reassign-to": flow.colleague.user.pk},
    )
    forged = client.post(
        escalation.get_absolute_url(),
        {"action": "reassign", "reassign-to": flow.other_referent.user.pk},
    )
    # assert
    assert 'name="reassign-to"' in page.text
    assert response.status_code == 302
    assert forged.status_code == 200  # not a choice of the form: shown again with the error
    assert Escalation.objects.get(pk=escalation.pk).assignee == flow.colleague.user


def test_the_referent_redirects_to_another_partner_and_loses_it(member_client, members, flow):
    # arrange
    escalation = escalate(members, flow)
    client = member_client(flow.referent)
    # act
    response = client.post(
        escalation.get_absolute_url(),
        {
            "action": "redirect",
            "redirect-back_office": flow.other_office.pk,
            "redirect-reason": "Relève de l’autre caisse.",
        },
    )
    after = client.get(escalation.get_absolute_url())
    # assert
    assert response.status_code == 302
    assert after.status_code == 404
    assert member_client(flow.other_referent).get(escalation.get_absolute_url()).status_code == 200


def test_an_unknown_action_is_refused(member_client, members, flow):
    # arrange
    escalation = escalate(members, flow)
    client = member_client(flow.referent)
    # act
    response = client.post(escalation.get_absolute_url(), {"action": "explode"})
    # assert
    assert response.status_code == 403


@pytest.mark.parametrize(("who", "shown"), [("agent", True), ("coordinator", False)])
def test_the_members_menu_links_the_queue(member_client, members, flow, who, shown):
    # arrange
    client = member_client(getattr(members, who))
    # act
    response = client.get(reverse("network:dashboard"))
    # assert
    assert (f'href="{reverse("escalations:queue")}"' in response.text) is shown


def test_the_auditor_queue_lists_every_maison_with_the_clock(member_client, members, flow):
    # arrange
    here = escalate(members, flow)
    there = escalate(members, flow)
    Escalation.objects.filter(pk=there.pk).update(maison=members.maison("63"))
    client = member_client(flow.auditor)
    # act
    response = client.get(reverse("escalations:queue"))
    # assert
    rows = response.context["rows"]
    assert {escalation for escalation, _, _ in rows} == {here, there}
    assert all(clock.label in response.text for _, clock, _ in rows)
    assert not any(clock.overdue for _, clock, _ in rows)
    assert all(handlers is None for _, _, handlers in rows)  # auditors only read


def _page_queries(client, escalation) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(escalation.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


def test_the_page_takes_as_many_queries_for_1_or_4_steps(member_client, members, flow):
    # arrange
    short, long = with_attachment(members, flow), with_attachment(members, flow)
    services.take(escalation=long, user=flow.referent.user, now=MONDAY)
    services.ask_question(
        escalation=long,
        body="?",
        user=flow.referent.user,
        now=MONDAY,
        uploads=[Upload("question.pdf", "application/pdf", pdf())],
    )
    services.reply(escalation=long, body="!", user=members.agent.user, now=MONDAY)
    client = member_client(members.agent)
    _page_queries(client, short)  # the site's menus and settings, cached after the first page
    # act
    few, many = _page_queries(client, short), _page_queries(client, long)
    # assert
    assert many == few


def test_reassign_from_the_queue_comes_back_to_it(member_client, members, flow):
    # arrange
    escalation = escalate(members, flow)
    client = member_client(flow.referent)
    queue = client.get(reverse("escalations:queue"))
    # act
    response = client.post(
        escalation.get_absolute_url(),
        {"action": "reassign", "reassign-to": flow.colleague.user.pk, "back": "queue"},
    )
    # assert
    assert f'id="reassign-{escalation.pk}"' in queue.text
    assert response["Location"] == reverse("escalations:queue")
    assert Escalation.objects.get(pk=escalation.pk).assignee == flow.colleague.user
