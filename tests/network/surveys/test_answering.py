"""Answering a survey: only those it addresses, one answer per maison (or agent), edited
in place until it closes, then read-only."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import IntegrityError

from network.permissions import Action, can
from network.surveys.models import SurveyAnswer
from network.surveys.services import save_answer
from tests.network.conftest import make_member

from .conftest import CLOSES, make_survey

pytestmark = pytest.mark.django_db

ANSWER = {
    "nombre_de_visites_par_semaine": "42",
    "ouverture_le_samedi": "yes",
    "principales_difficultes": ["Locaux", "Accès au numérique"],
    "commentaire": "Beaucoup de demandes liées à l’ANTS.",
}


def url(survey) -> str:
    return f"/espace-agents/enquetes/{survey.pk}/"


def test_an_agent_of_the_territory_sees_the_survey_to_answer(members, member_client, survey):
    # act
    response = member_client(members.agent).get("/espace-agents/enquetes/")
    # assert
    page = BeautifulSoup(response.content, "html.parser")
    row = page.find("a", string="Enquête annuelle 2026").find_parent("tr")
    assert "à remplir" in row.get_text()
    assert {"private", "no-store"} <= {d.strip() for d in response["Cache-Control"].split(",")}


def test_an_agent_of_another_territory_neither_sees_nor_answers_it(members, member_client, survey):
    # arrange
    client = member_client(members.other_agent)
    # act
    listing = client.get("/espace-agents/enquetes/")
    page = client.get(url(survey))
    post = client.post(url(survey), ANSWER)
    # assert
    assert "Enquête annuelle 2026" not in listing.content.decode()
    assert page.status_code == 404 and post.status_code == 404
    assert not can(members.other_agent.user, Action.ANSWER_SURVEY, survey)
    assert not SurveyAnswer.objects.exists()


@pytest.mark.parametrize("who", ["coordinator", "trainer"])
def test_members_who_are_not_agents_are_not_asked(members, member_client, survey, who):
    client = member_client(getattr(members, who))
    assert client.get(url(survey)).status_code == 404
    assert client.post(url(survey), ANSWER).status_code == 404


def test_a_survey_not_yet_open_is_not_shown(members, member_client, survey, frozen_clock):
    later = make_survey(
        title="Enquête de printemps", opens_at=CLOSES, closes_at=CLOSES + timedelta(days=30)
    )
    client = member_client(members.agent)
    assert client.get(url(later)).status_code == 404


def test_one_answer_per_maison_that_its_other_agents_edit(members, member_client, survey):
    # arrange
    colleague = make_member("collegue@example.org", "agent", maison=members.maison("34"))
    member_client(members.agent).post(url(survey), ANSWER)
    client = member_client(colleague)
    # act
    shown = client.get(url(survey))
    response = client.post(url(survey), {**ANSWER, "nombre_de_visites_par_semaine": "50"})
    # assert
    page = BeautifulSoup(shown.content, "html.parser")
    assert "Votre maison a répondu : modifiée en dernier par Agent Testeur" in page.get_text(" ")
    assert page.find("input", {"name": "nombre_de_visites_par_semaine"})["value"] == "42"
    assert page.find("input", {"value": "Locaux"}).has_attr("checked")
    assert response.status_code == 302
    saved = client.get(url(survey)).content.decode()
    assert "Votre réponse est enregistrée. Vous pouvez la modifier jusqu’à la clôture" in saved
    answer = SurveyAnswer.objects.get()
    assert answer.form_data["nombre_de_visites_par_semaine"] == 50
    assert answer.answered_by == colleague.user
    assert answer.maison == members.maison("34") and answer.agent is None


def test_the_database_keeps_one_answer_per_maison(members, survey):
    save_answer(survey, members.agent, {"commentaire": "un"})
    save_answer(survey, members.agent, {"commentaire": "deux"})
    assert SurveyAnswer.objects.get().form_data == {"commentaire": "deux"}
    with pytest.raises(IntegrityError):
        SurveyAnswer.objects.create(
            page=survey, maison=members.maison("34"), form_data={}, updated_at=survey.opens_at
        )


def test_a_survey_of_the_agents_takes_one_answer_per_agent(members, member_client):
    # arrange
    survey = make_survey(audience="agents")
    colleague = make_member("collegue@example.org", "agent", maison=members.maison("34"))
    # act
    member_client(members.agent).post(url(survey), ANSWER)
    member_client(colleague).post(url(survey), ANSWER)
    member_client(colleague).post(url(survey), {**ANSWER, "nombre_de_visites_par_semaine": "7"})
    # assert
    answers = dict(SurveyAnswer.objects.values_list("agent__email", "form_data"))
    assert answers["agent@example.org"]["nombre_de_visites_par_semaine"] == 42
    assert answers["collegue@example.org"]["nombre_de_visites_par_semaine"] == 7


def test_a_wrong_number_is_explained_and_nothing_saved(members, member_client, survey):
    response = member_client(members.agent).post(
        url(survey), {**ANSWER, "nombre_de_visites_par_semaine": "beaucoup"}
    )
    assert response.status_code == 200
    assert "Saisissez un nombre entier." in response.content.decode()
    assert not SurveyAnswer.objects.exists()


def test_after_closing_the_answer_is_read_only(members, member_client, survey, frozen_clock):
    # arrange
    client = member_client(members.agent)
    client.post(url(survey), ANSWER)
    frozen_clock.move_to(CLOSES + timedelta(minutes=1))
    client = member_client(members.agent)  # the session has expired since
    # act
    shown = client.get(url(survey))
    post = client.post(url(survey), {**ANSWER, "nombre_de_visites_par_semaine": "1"})
    # assert
    page = BeautifulSoup(shown.content, "html.parser")
    assert "Cette enquête est close : les réponses ne peuvent plus changer." in page.get_text()
    assert page.find("input", {"name": "nombre_de_visites_par_semaine"}).has_attr("disabled")
    assert page.select("main form[method=post] button") == []
    assert post.status_code == 403
    assert SurveyAnswer.objects.get().form_data["nombre_de_visites_par_semaine"] == 42


def test_the_survey_is_editable_until_the_last_minute(
    members, member_client, survey, frozen_clock
):
    frozen_clock.move_to(CLOSES - timedelta(minutes=1))
    response = member_client(members.agent).post(url(survey), ANSWER)
    assert response.status_code == 302 and response["Location"] == url(survey)
    assert SurveyAnswer.objects.get().form_data["ouverture_le_samedi"] == "yes"


def test_a_survey_addresses_the_agents_of_its_territory_while_open(members, frozen_clock):
    # arrange
    occitanie = members.maison("34").department.region
    whole_network = make_survey(title="Enquête du réseau")
    regional = make_survey(title="Enquête d’Occitanie", region=occitanie, audience="agents")
    # act, assert
    for survey in (whole_network, regional):
        assert survey.addresses(members.agent)
        assert not survey.addresses(members.coordinator)
        assert not survey.addresses(members.national)
    assert whole_network.addresses(members.other_agent)
    assert not regional.addresses(members.other_agent)
    frozen_clock.move_to(CLOSES)
    assert not whole_network.addresses(members.agent)
