"""The CSV import: several months at once; one bad row and nothing is written, every
problem listed with its line; a month imported again is a correction with its history."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from network.activity import services
from network.activity.models import ActivityCorrection, ActivityLine, ActivityReport

pytestmark = pytest.mark.django_db

IMPORT = "/espace-agents/activite/importer/"


def upload(text: str, encoding: str = "utf-8") -> dict:
    return {"file": SimpleUploadedFile("activite.csv", text.encode(encoding), "text/csv")}


def test_a_file_of_several_months_is_imported(members, member_client, partners, clock):
    response = member_client(members.agent).post(
        IMPORT,
        upload(
            "mois;partenaire;theme;visites\n"
            "2026-09;caf;famille;10\n"
            "2026-09;autre;sante;2\n"
            "2026-10;dgfip;impots;7\n"
        ),
    )

    assert response.status_code == 302
    assert dict(ActivityReport.objects.values_list("month", "total_visits")) == {
        date(2026, 9, 1): 12,
        date(2026, 10, 1): 7,
    }
    assert ActivityReport.objects.filter(submitted_by=members.agent.user).count() == 2


def test_a_bad_row_refuses_the_whole_file_with_line_numbers(
    members, member_client, partners, clock
):
    response = member_client(members.agent).post(
        IMPORT,
        upload(
            "mois,partenaire,theme,visites\n"
            "2026-10,caf,famille,10\n"
            "2026-13,caf,famille,1\n"
            "2026-10,inconnu,famille,1\n"
            "\n"
            "2026-10,caf,cuisine,-4\n"
            "2026-10,caf,famille,3\n"
            "2024-10,caf,famille,3\n"
            "2026-10,caf\n"
        ),
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert not ActivityReport.objects.exists()
    assert "Rien n’a été importé" in page
    problems = [(p.line, p.reason) for p in response.context["problems"]]
    assert problems == [
        (3, "« 2026-13 » n’est pas un mois (AAAA-MM)."),
        (4, "Partenaire « inconnu » inconnu."),
        (6, "Thème « cuisine » inconnu."),
        (6, "« -4 » n’est pas un nombre de visites de 0 à 20000."),
        (7, "Mêmes mois, partenaire et thème qu’à la ligne 2."),
        (8, "2024-10 n’est pas l’un des 24 derniers mois complets."),
        (9, "4 cellules attendues, 2 trouvées."),
    ]
    assert "Partenaire « inconnu » inconnu." in page


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"month,partner,theme,visits\n2026-10,caf,famille,1\n", "Les colonnes doivent être"),
        ("mois,partenaire,theme,visites\n2026-10,caf,famille,1\n".encode("utf-16"), "UTF-8"),
        (b"mois,partenaire,theme,visites\n", "aucun chiffre"),
    ],
)
def test_a_file_not_in_the_layout_is_refused(members, partners, clock, content, problem):
    with pytest.raises(services.ImportRefused) as refused:
        services.import_reports(members.maison("34"), content, members.agent.user)

    assert problem in refused.value.problems[0].reason
    assert not ActivityLine.objects.exists()


def test_importing_a_month_again_corrects_it_and_keeps_its_history(
    members, member_client, partners, clock
):
    client = member_client(members.agent)
    client.post(IMPORT, upload("mois,partenaire,theme,visites\n2026-10,caf,famille,10\n"))

    client.post(IMPORT, upload("mois,partenaire,theme,visites\n2026-10,caf,famille,14\n"))

    report = ActivityReport.objects.get()
    assert report.total_visits == 14
    correction = ActivityCorrection.objects.get(report=report)
    assert correction.previous_lines == [{"partner": "caf", "theme": "famille", "visits": 10}]
    assert correction.reason == "Importé de nouveau depuis un fichier CSV."


def test_the_import_page_lists_the_codes(members, member_client, partners, clock):
    page = member_client(members.agent).get(IMPORT).content.decode()
    assert "<code>dgfip</code>" in page
    assert "<code>numerique</code>" in page
    assert "Numérique / accès aux droits" in page
