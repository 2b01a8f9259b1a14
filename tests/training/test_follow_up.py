"""What trainers, coordinators and the national cell see of others' training, each
refusal tested from the side of the member refused."""

import pytest

from network.models import Role
from tests.factories import PartnerFactory
from tests.network.conftest import make_member
from tests.training.factories import SINGLE, module_with, plan_with
from training import questions as quiz
from training import services

pytestmark = pytest.mark.django_db

FOLLOW_UP = "/espace-agents/formation/suivi/"


def pass_module(user, module):
    attempt = services.start_attempt(user=user, module=module)
    answer = quiz.right_response(quiz.Question.from_dict(attempt.drawn[0]["data"]))
    services.submit_attempt(attempt=attempt, answers={"0": answer})


@pytest.fixture
def results(members):
    caf = members.trainer.partner
    own = module_with(owner=caf, title="Module CAF", code="CAF-1", lessons=0, questions=[SINGLE])
    other = module_with(
        owner=PartnerFactory(name="Autre"),
        title="Module autre",
        code="AUT-1",
        lessons=0,
        questions=[SINGLE],
    )
    plan_with(own, other)
    pass_module(members.agent.user, own)
    pass_module(members.other_agent.user, other)
    return {"own": own, "other": other}


def test_a_trainer_sees_their_modules_results_and_not_anothers(members, member_client, results):
    # arrange
    client = member_client(members.trainer)
    # act
    table = client.get(FOLLOW_UP)
    own = client.get(f"/espace-agents/formation/modules/{results['own'].slug}/apprenants/")
    other = client.get(f"/espace-agents/formation/modules/{results['other'].slug}/apprenants/")
    csv = client.get(FOLLOW_UP, {"format": "csv"}).content.decode("utf-8-sig").splitlines()
    # assert
    assert "Module CAF" in table.content.decode() and "Module autre" not in table.content.decode()
    assert own.status_code == 200 and "Agent" in own.content.decode()
    assert other.status_code == 404
    assert csv == [
        "code,module,apprenants,termines,score_moyen,tentatives,reussies",
        "CAF-1,Module CAF,1,1,100.0,1,1",
    ]


def test_the_national_cell_sees_every_modules_results(members, member_client, results):
    client = member_client(members.national)
    rows = client.get(FOLLOW_UP, {"format": "csv"}).content.decode("utf-8-sig").splitlines()
    assert [row.split(",")[0] for row in rows[1:]] == ["AUT-1", "CAF-1"]
    other = client.get(f"/espace-agents/formation/modules/{results['other'].slug}/apprenants/")
    assert other.status_code == 200


@pytest.mark.parametrize("who", ["agent", "coordinator", "other_coordinator"])
def test_who_does_not_speak_for_a_partner_sees_no_module_results(
    members, member_client, results, who
):
    client = member_client(getattr(members, who))
    response = client.get(f"/espace-agents/formation/modules/{results['own'].slug}/apprenants/")
    assert response.status_code == 404


def test_an_agent_has_no_follow_up(members, member_client, results):
    client = member_client(members.agent)
    assert client.get(FOLLOW_UP).status_code == 404
    assert client.get(f"{FOLLOW_UP}agents/").status_code == 404


def test_a_coordinator_follows_their_territorys_agents_only(members, member_client, results):
    # arrange
    client = member_client(members.coordinator)  # the Hérault
    # act
    listing = client.get(f"{FOLLOW_UP}agents/", {"format": "csv"})
    mine = client.get(f"{FOLLOW_UP}agents/{members.agent.pk}/")
    elsewhere = client.get(f"{FOLLOW_UP}agents/{members.other_agent.pk}/")
    # assert
    lines = listing.content.decode("utf-8-sig").splitlines()
    assert lines == [
        "nom,prenom,france_services,obligatoires_termines,obligatoires,en_cours",
        "Testeur,Agent,France Services d’essai de Gignac,1,2,0",
    ]
    assert mine.status_code == 200 and "Module CAF" in mine.content.decode()
    assert elsewhere.status_code == 404


def test_the_other_coordinator_sees_the_other_territory(members, member_client, results):
    client = member_client(members.other_coordinator)
    assert client.get(f"{FOLLOW_UP}agents/{members.agent.pk}/").status_code == 404
    assert client.get(f"{FOLLOW_UP}agents/{members.other_agent.pk}/").status_code == 200


def test_a_trainer_follows_no_agent(members, member_client, results):
    client = member_client(members.trainer)
    assert client.get(f"{FOLLOW_UP}agents/{members.agent.pk}/").status_code == 404


def test_a_csv_cell_that_a_spreadsheet_would_run_is_defused(members, member_client):
    # arrange
    agent = make_member("formule@example.org", Role.AGENT, maison=members.maison("34"))
    agent.user.last_name = '=HYPERLINK("http://evil")'
    agent.user.save()
    # act
    rows = (
        member_client(members.national)
        .get(f"{FOLLOW_UP}agents/", {"format": "csv"})
        .content.decode("utf-8-sig")
    )
    # assert
    assert "'=HYPERLINK" in rows


def test_a_modules_learners_show_their_attempts_at_this_module_only(
    members, member_client, results
):
    # arrange: the agent tried the CAF module twice and, elsewhere, another module once
    pass_module(members.agent.user, results["own"])
    pass_module(members.agent.user, results["other"])
    client = member_client(members.trainer)
    # act
    response = client.get(
        f"/espace-agents/formation/modules/{results['own'].slug}/apprenants/", {"format": "csv"}
    )
    # assert
    header, *rows = response.content.decode("utf-8-sig").splitlines()
    assert header == "nom,prenom,france_services,statut,meilleur_score,tentatives"
    assert len(rows) == 1
    assert rows[0].endswith(",2")
