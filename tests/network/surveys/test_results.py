"""The results of a survey: per question a chart and its table (counts of choices and
yes/no, the spread of numbers), and every answer as CSV; the dashboards' surveys panel."""

import csv
import io
import statistics

import pytest
from bs4 import BeautifulSoup

from network.surveys.services import save_answer
from tests.factories import MaisonPageFactory
from tests.network.conftest import make_member

pytestmark = pytest.mark.django_db

VISITS = [12, 55, 30, 80, 41, 7, 64]


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def number(text: str) -> float:
    return float(text.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", "."))


@pytest.fixture
def answered(members, survey):
    agents = []
    for n, visits in enumerate(VISITS):
        maison = MaisonPageFactory(title=f"France Services n° {n}")
        agent = make_member(f"agent{n}@example.org", "agent", maison=maison)
        save_answer(
            survey,
            agent,
            {
                "nombre_de_visites_par_semaine": visits,
                "ouverture_le_samedi": "yes" if n % 3 == 0 else "no",
                "principales_difficultes": ["Locaux"]
                if n % 2
                else ["Locaux", "Délais des partenaires"],
                "commentaire": "Texte libre" if n == 0 else "",
            },
        )
        agents.append(agent)
    return agents


def test_numbers_show_their_deciles_quartiles_and_median(members, member_client, survey, answered):
    # act
    response = member_client(members.national).get(
        f"/espace-agents/enquetes/{survey.pk}/resultats/"
    )
    # assert
    page = BeautifulSoup(response.content, "html.parser")
    section = page.find("h2", string="Nombre de visites par semaine").find_parent("section")
    row = section.find("tbody").find("tr")
    cells = [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
    deciles = statistics.quantiles(VISITS, n=10, method="inclusive")
    quartiles = statistics.quantiles(VISITS, n=4, method="inclusive")
    expected = [
        deciles[0],
        quartiles[0],
        statistics.median(VISITS),
        quartiles[2],
        deciles[8],
        statistics.mean(VISITS),
    ]
    assert number(cells[1]) == len(VISITS)
    assert [number(cell) for cell in cells[2:8]] == pytest.approx(expected, abs=0.06)


def test_choices_and_yes_no_are_counted(members, member_client, survey, answered):
    response = member_client(members.national).get(
        f"/espace-agents/enquetes/{survey.pk}/resultats/"
    )
    page = BeautifulSoup(response.content, "html.parser")

    def counts(label):
        section = page.find("h2", string=label).find_parent("section")
        return {
            row.find(["th", "td"]).get_text(strip=True): number(
                row.find_all(["td"])[-1].get_text(strip=True)
            )
            for row in section.find("tbody").find_all("tr")
        }

    assert counts("Ouverture le samedi") == {"Oui": 3, "Non": 4}
    assert counts("Principales difficultés") == {
        "Accès au numérique": 0,
        "Délais des partenaires": 4,
        "Locaux": 7,
    }
    comments = page.find("h2", string="Commentaire").find_parent("section").get_text()
    assert "1 réponse à cette question." in comments
    assert "Texte libre" not in comments


def test_every_answer_downloads_without_names_or_addresses(
    members, member_client, survey, answered
):
    response = member_client(members.national).get(
        f"/espace-agents/enquetes/{survey.pk}/resultats/", {"format": "csv"}
    )
    rows = csv_rows(response)
    assert rows[0] == [
        "id_fs",
        "maison",
        "departement",
        "mis_a_jour_le",
        "Nombre de visites par semaine",
        "Ouverture le samedi",
        "Principales difficultés",
        "Commentaire",
    ]
    assert [row[4] for row in rows[1:]] == [str(visits) for visits in VISITS]
    assert rows[1][5:] == ["Oui", "Locaux; Délais des partenaires", "Texte libre"]
    assert "@" not in "".join(cell for row in rows for cell in row)


def test_the_surveys_panel_of_the_dashboards(members, member_client, survey, answered):
    # act
    client = member_client(members.national)
    response = client.get("/espace-agents/pilotage/enquetes/")
    download = client.get("/espace-agents/pilotage/enquetes/", {"format": "csv"})
    # assert
    page = BeautifulSoup(response.content, "html.parser")
    row = page.find("th", string="Enquête annuelle 2026").find_parent("tr")
    cells = [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
    assert cells[4:7] == ["8", "7", "87,5"]
    assert csv_rows(download)[1][5:] == ["8", "7", "87.5"]
    assert (
        member_client(members.coordinator).get("/espace-agents/pilotage/enquetes/").status_code
        == 404
    )
