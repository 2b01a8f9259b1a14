"""The training record ("mon parcours"): every completion of any source, hours, versions,
refreshers due, totals; its CSV and PDF; who may see it; its part of "Mes données"."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import hooks

from tests.training.factories import SINGLE, module_with
from training import questions as quiz
from training import services
from training.models import Completion
from training.records import pdf
from training.records.selectors import Refresher, training_record

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
RECORD = "/espace-agents/formation/mon-parcours/"
PDF = "/espace-agents/formation/mon-parcours/attestation.pdf"


def learner_record(profile) -> str:
    return f"/espace-agents/formation/suivi/agents/{profile.pk}/parcours/"


def learner_pdf(profile) -> str:
    return f"/espace-agents/formation/suivi/agents/{profile.pk}/attestation.pdf"


def complete(user, module, *, on: date, source="quiz", score=None, valid_until=None):
    """A completion as the quiz, the SCORM player or a session's attendance records it."""
    return Completion.objects.create(
        user=user,
        module=module,
        module_code=module.code,
        module_title=module.title,
        module_version=module.version,
        completed_at=datetime(on.year, on.month, on.day, 11, 0, tzinfo=UTC),
        score=score,
        source=source,
        valid_until=valid_until,
    )


def pass_quiz(user, module):
    attempt = services.start_attempt(user=user, module=module)
    answer = quiz.right_response(quiz.Question.from_dict(attempt.drawn[0]["data"]))
    services.submit_attempt(attempt=attempt, answers={"0": answer})


def csv_lines(response) -> list[str]:
    return response.content.decode("utf-8-sig").splitlines()


def render(html: str):
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=pdf.local_only()).render()


def pdf_text(html: str) -> str:
    """The text WeasyPrint lays out on the pages of ``html``."""
    document = render(html)
    words = []
    for page in document.pages:
        words.extend(
            box.text for box in page._page_box.descendants() if hasattr(box, "text") and box.text
        )
    return " ".join(" ".join(words).split())


@pytest.fixture
def modules():
    return {
        "accueil": module_with(
            title="Accueillir les usagers", code="ACC-1", duration_minutes=90, lessons=0
        ),
        "msa": module_with(title="La MSA", code="MSA-1", duration_minutes=30, lessons=0),
        "caf": module_with(title="Les aides de la CAF", code="CAF-1", lessons=0),
    }


@pytest.fixture
def record(members, modules):
    """The agent's record: a quiz, a SCORM package and a session, the session's module since
    deleted; another agent's completion that must never show."""
    user = members.agent.user
    complete(
        user,
        modules["accueil"],
        on=date(2026, 3, 1),
        score=Decimal(100),
        valid_until=date(2027, 3, 1),
    )
    complete(user, modules["msa"], on=date(2026, 4, 1), source="scorm", score=Decimal(80))
    complete(user, modules["caf"], on=date(2026, 5, 1), source="session")
    modules["caf"].delete()
    other = module_with(title="Module d’un autre agent", code="AUT-1", lessons=0)
    complete(members.other_agent.user, other, on=date(2026, 5, 2))
    return members.agent


@time_machine.travel(NOW, tick=False)
def test_my_record_lists_every_completion_of_every_source_with_hours_and_totals(
    member_client, record
):
    # arrange
    client = member_client(record)
    # act
    page = client.get(RECORD)
    lines = csv_lines(client.get(RECORD, {"format": "csv"}))
    # assert
    assert page.status_code == 200
    assert lines == [
        "code,module,version,termine_le,score,heures,source,valide_jusqu_au",
        "CAF-1,Les aides de la CAF,2026.1,2026-05-01,,,session,",
        "MSA-1,La MSA,2026.1,2026-04-01,80.00,0.50,scorm,",
        "ACC-1,Accueillir les usagers,2026.1,2026-03-01,100.00,1.50,quiz,2027-03-01",
    ]
    html = page.content.decode()
    assert "Module d’un autre agent" not in html
    assert '<p class="fr-h3 fr-mb-0" id="record-modules">3</p>' in html
    assert '<p class="fr-h3 fr-mb-0" id="record-hours">2 h</p>' in html
    assert "Les aides de la CAF" in html  # the deleted module's stored title


def test_a_quiz_passed_appears_in_the_record(members, member_client):
    # arrange
    module = module_with(title="Le quiz réussi", code="QUIZ-1", lessons=0, questions=[SINGLE])
    with time_machine.travel(NOW, tick=False):
        pass_quiz(members.agent.user, module)
        # act
        lines = csv_lines(member_client(members.agent).get(RECORD, {"format": "csv"}))
    # assert
    assert lines[1:] == ["QUIZ-1,Le quiz réussi,2026.1,2026-12-07,100.00,1.00,quiz,"]


def test_refreshers_follow_each_modules_latest_completion_and_flag_the_overdue(members, modules):
    # arrange
    user = members.agent.user
    complete(user, modules["accueil"], on=date(2025, 1, 10), valid_until=date(2026, 1, 10))
    complete(user, modules["accueil"], on=date(2026, 6, 1), valid_until=date(2027, 6, 1))
    complete(user, modules["msa"], on=date(2025, 11, 30), valid_until=date(2026, 11, 30))
    complete(user, modules["caf"], on=date(2026, 2, 1))
    # act
    record = training_record(members.agent, today=date(2026, 12, 7))
    # assert
    assert record.refreshers == [
        Refresher("MSA-1", "La MSA", date(2026, 11, 30), overdue=True),
        Refresher("ACC-1", "Accueillir les usagers", date(2027, 6, 1), overdue=False),
    ]
    assert record.module_count == 3
    assert record.total_hours == Decimal("4.50")  # 1.5 twice, 0.5 and 1


def test_a_refresher_due_today_is_not_yet_overdue(members, modules):
    # arrange
    complete(members.agent.user, modules["msa"], on=date(2025, 12, 7), valid_until=NOW.date())
    # act
    (refresher,) = training_record(members.agent, today=NOW.date()).refreshers
    # assert
    assert refresher.overdue is False


@time_machine.travel(NOW, tick=False)
def test_the_page_flags_the_overdue_refreshers(members, member_client, modules):
    # arrange
    user = members.agent.user
    complete(user, modules["accueil"], on=date(2025, 6, 1), valid_until=date(2026, 6, 1))
    complete(user, modules["msa"], on=date(2026, 6, 1), valid_until=date(2027, 6, 1))
    # act
    html = member_client(members.agent).get(RECORD).content.decode()
    # assert
    assert html.count("fr-badge--error") == 1
    assert html.index("fr-badge--error") < html.index("La MSA")


@time_machine.travel(NOW, tick=False)
def test_the_record_follows_an_agent_who_moves_to_another_maison(members, member_client, record):
    # arrange
    agent = record
    agent.maison = members.maison("63")
    agent.save()
    client = member_client(agent)
    # act
    lines = csv_lines(client.get(RECORD, {"format": "csv"}))
    html = client.get(RECORD).content.decode()
    text = pdf_text(
        pdf.attestation_html(training_record(agent, today=NOW.date()), issued_on=NOW.date())
    )
    # assert
    assert len(lines) == 4  # the header and the three completions made at the first maison
    assert "France Services d’essai d’Ambert" in html
    assert "Ambert" in text and "Gignac" not in text


@time_machine.travel(NOW, tick=False)
def test_the_attestation_is_a_pdf_of_the_completions(member_client, record):
    # arrange
    client = member_client(record)
    # act
    response = client.get(PDF)
    text = pdf_text(
        pdf.attestation_html(training_record(record, today=NOW.date()), issued_on=NOW.date())
    )
    # assert
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    for title in ("Accueillir les usagers", "La MSA", "Les aides de la CAF", "Agent Testeur"):
        assert title in text
    assert "Module d’un autre agent" not in text
    assert "Réseau France Services" in text
    assert "7 décembre 2026" in text  # the date of issue, in French


def test_the_attestation_is_a4(record):
    # arrange
    html = pdf.attestation_html(training_record(record, today=NOW.date()), issued_on=NOW.date())
    # act
    (page,) = render(html).pages
    # assert: 210 by 297 mm, at 96 CSS pixels an inch
    assert (round(page.width * 25.4 / 96), round(page.height * 25.4 / 96)) == (210, 297)


@time_machine.travel(NOW, tick=False)
def test_the_record_reads_in_as_many_queries_whatever_its_length(
    members, member_client, modules, django_assert_num_queries
):
    # arrange
    client = member_client(members.agent)
    complete(members.agent.user, modules["msa"], on=date(2026, 1, 1))
    client.get(RECORD)  # the session and the caches warmed
    with CaptureQueriesContext(connection) as few:
        client.get(RECORD)
    for day in range(1, 11):
        complete(members.agent.user, modules["accueil"], on=date(2026, 2, day))
    # act
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(RECORD)
    # assert
    assert response.content.decode().count('<tr><th scope="row">') == 11


def test_the_attestation_fetches_nothing_but_data_urls():
    # arrange
    fetcher = pdf.local_only()
    # act
    css = fetcher.fetch("data:text/css,p{color:red}").read()
    # assert
    assert css == b"p{color:red}"
    for url in ("https://198.51.100.7/police.woff2", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher.fetch(url)


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("who", ["coordinator", "region_coordinator", "national"])
def test_who_follows_an_agent_downloads_their_record(members, member_client, record, who):
    # arrange
    client = member_client(getattr(members, who))
    # act
    detail = client.get(f"/espace-agents/formation/suivi/agents/{record.pk}/")
    lines = csv_lines(client.get(learner_record(record), {"format": "csv"}))
    attestation = client.get(learner_pdf(record))
    # assert
    assert learner_record(record) in detail.content.decode()
    assert len(lines) == 4
    assert attestation.status_code == 200 and attestation.content.startswith(b"%PDF")


@pytest.mark.parametrize("who", ["other_coordinator", "trainer", "other_agent"])
def test_who_does_not_follow_an_agent_never_sees_their_record(members, member_client, record, who):
    # arrange
    client = member_client(getattr(members, who))
    # act
    responses = [
        client.get(learner_record(record)),
        client.get(learner_record(record), {"format": "csv"}),
        client.get(learner_pdf(record)),
    ]
    # assert
    assert [response.status_code for response in responses] == [404, 404, 404]


def test_a_coordinators_record_is_not_open_to_another_coordinator(members, member_client):
    # arrange
    client = member_client(members.region_coordinator)
    # act
    response = client.get(learner_pdf(members.coordinator))
    # assert
    assert response.status_code == 404


def test_the_record_needs_a_member(client, members):
    # arrange
    from portal.models import User

    visitor = User.objects.create_user("visiteur@example.org", "x")
    # act
    anonymous = client.get(RECORD)
    client.force_login(visitor)
    not_a_member = [client.get(RECORD).status_code, client.get(PDF).status_code]
    # assert
    assert anonymous.status_code == 302
    assert not_a_member == [404, 404]


def test_the_record_is_linked_from_the_training_nav_and_the_dashboard(members, member_client):
    # arrange
    client = member_client(members.agent)
    # act
    catalogue = client.get("/espace-agents/formation/").content.decode()
    dashboard = client.get("/espace-agents/").content.decode()
    # assert
    assert f'href="{RECORD}"' in catalogue
    assert f'href="{RECORD}"' in dashboard


def test_my_data_export_holds_my_training_and_no_one_elses(members, member_client):
    # arrange
    mine = module_with(title="Mon module", code="MIEN-1", lessons=0, questions=[SINGLE])
    theirs = module_with(
        title="Le module de l’autre", code="AUTRE-1", lessons=0, questions=[SINGLE]
    )
    with time_machine.travel(NOW, tick=False):
        pass_quiz(members.agent.user, mine)
        pass_quiz(members.other_agent.user, theirs)
    # act
    response = member_client(members.agent).get("/espace-agents/mes-donnees/export.json")
    # assert
    training = json.loads(response.content)["training"]
    assert [c["module_title"] for c in training["completions"]] == ["Mon module"]
    assert training["completions"][0]["completed_at"] == NOW.isoformat()
    assert [(a["module_code"], a["score"]) for a in training["quiz_attempts"]] == [
        ("MIEN-1", 100.0)
    ]
    assert [(p["module_code"], p["status"]) for p in training["progress"]] == [
        ("MIEN-1", "completed")
    ]
    assert "AUTRE-1" not in response.content.decode()


def test_a_personal_data_section_never_replaces_another(members, member_client):
    # arrange
    def clash():
        return "account", lambda user: {}

    client = member_client(members.agent)
    # act / assert
    with (
        hooks.register_temporarily("register_personal_data", clash),
        pytest.raises(ImproperlyConfigured),
    ):
        client.get("/espace-agents/mes-donnees/export.json")
