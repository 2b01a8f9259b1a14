"""The national cell follows a survey: who was expected, who answered, by region and
department, who has not (also as CSV), and reminds them once a day at most."""

import csv
import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.surveys.models import SurveyReminder
from network.surveys.services import save_answer
from tests.factories import MaisonPageFactory
from tests.network.conftest import make_member

pytestmark = pytest.mark.django_db


def follow_up(survey) -> str:
    return f"/espace-agents/enquetes/{survey.pk}/suivi/"


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_figures_and_the_non_respondents(members, member_client, survey):
    # arrange: three maisons in the Hérault (one answered), none counted elsewhere
    waiting = [MaisonPageFactory(title=f"France Services d’attente {n}") for n in (1, 2)]
    save_answer(survey, members.agent, {"commentaire": "ok"})
    client = member_client(members.national)
    # act
    response = client.get(follow_up(survey))
    download = client.get(follow_up(survey), {"format": "csv"})
    # assert
    page = BeautifulSoup(response.content, "html.parser")
    assert "1 réponses sur 3 attendues (33,3 %)." in page.get_text()
    table = page.find("caption", string="2 sans réponse pour l’instant").find_parent("table")
    shown = [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        for row in table.tbody.find_all("tr")
    ]
    assert shown == [[maison.source_id, maison.title, "34"] for maison in waiting]
    assert csv_rows(download) == [["id_fs", "maison", "departement"], *shown]
    assert "34 – Hérault" in page.get_text()
    assert {"private", "no-store"} <= {d.strip() for d in response["Cache-Control"].split(",")}


def test_the_follow_up_takes_as_many_queries_whatever_the_answers(members, member_client, survey):
    client = member_client(members.national)
    client.get(follow_up(survey))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(follow_up(survey)).status_code == 200
        return len(captured)

    few = queries()
    for n in range(5):
        maison = MaisonPageFactory(title=f"France Services en plus {n}")
        agent = make_member(f"agent{n}@example.org", "agent", maison=maison)
        save_answer(survey, agent, {"commentaire": str(n)})
    assert queries() == few


@pytest.mark.parametrize("who", ["agent", "coordinator", "region_coordinator"])
def test_only_the_national_cell_follows_and_reminds(members, member_client, survey, who):
    client = member_client(getattr(members, who))
    assert client.get(follow_up(survey)).status_code == 404
    assert client.get(f"/espace-agents/enquetes/{survey.pk}/resultats/").status_code == 404
    assert client.post(f"/espace-agents/enquetes/{survey.pk}/relancer/").status_code == 404
    assert not SurveyReminder.objects.exists()


def test_reminders_go_to_the_agents_of_maisons_without_answer_once_a_day(
    members, member_client, survey, mailoutbox, django_capture_on_commit_callbacks, frozen_clock
):
    # arrange: the agent's maison answered; another maison of the Hérault has two agents
    save_answer(survey, members.agent, {"commentaire": "ok"})
    late = MaisonPageFactory(title="France Services en retard")
    make_member("retard1@example.org", "agent", maison=late)
    make_member("retard2@example.org", "agent", maison=late)
    client = member_client(members.national)
    remind = f"/espace-agents/enquetes/{survey.pk}/relancer/"
    # act
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(remind, follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(remind, follow=True)
    # assert
    assert "Une relance part vers 2 adresses." in first.content.decode()
    assert "Les non-répondants ont déjà été relancés aujourd’hui." in second.content.decode()
    assert sorted(message.to[0] for message in mailoutbox) == [
        "retard1@example.org",
        "retard2@example.org",
    ]
    assert "Enquête annuelle 2026" in mailoutbox[0].subject
    assert f"/espace-agents/enquetes/{survey.pk}/" in mailoutbox[0].body
    # the next day, once more
    frozen_clock.shift(timedelta(days=1))
    client = member_client(members.national)  # the session has expired since
    with django_capture_on_commit_callbacks(execute=True):
        client.post(remind)
    assert len(mailoutbox) == 4
    assert SurveyReminder.objects.filter(survey=survey).count() == 2
