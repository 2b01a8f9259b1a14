"""An agent reports their maison's visits of a month, corrects them (why, and the previous
figures kept), sees the status of the last 24 months; only the agents of a maison do."""

import csv
import io
from datetime import date, datetime

import pytest

from network.activity import services
from network.activity.models import ActivityCorrection, ActivityLine, ActivityReport

from .conftest import PARIS

pytestmark = pytest.mark.django_db

OCTOBER = "/espace-agents/activite/2026-10/"


def grid(partners, **cells) -> dict:
    """The month's form: ``caf_famille=12`` fills the CAF's family cell; ``autre_sante=3``
    the other partners' health cell."""
    data = {}
    for key, visits in cells.items():
        slug, theme = key.split("_")
        partner = "autre" if slug == "autre" else partners[slug].pk
        data[f"visits_{partner}_{theme}"] = str(visits)
    return data


def test_an_agent_reports_a_month_by_partner_and_theme(members, member_client, partners, clock):
    client = member_client(members.agent)

    page = client.get(OCTOBER)
    response = client.post(
        OCTOBER, grid(partners, caf_famille=12, dgfip_impots=30, autre_sante=3, caf_sante="")
    )

    assert page.status_code == 200
    assert "Visites en octobre 2026" in page.content.decode()
    assert response.status_code == 302
    report = ActivityReport.objects.get(maison=members.maison("34"), month=date(2026, 10, 1))
    assert report.total_visits == 45
    assert report.submitted_by == members.agent.user
    assert list(report.lines.values_list("partner__slug", "theme", "visits", "month")) == [
        ("caf", "famille", 12, date(2026, 10, 1)),
        ("dgfip", "impots", 30, date(2026, 10, 1)),
        (None, "sante", 3, date(2026, 10, 1)),
    ]
    assert set(report.lines.values_list("maison", flat=True)) == {members.maison("34").pk}
    assert "Les visites du mois sont enregistrées." in client.get(OCTOBER).content.decode()


def test_a_correction_needs_a_reason_and_keeps_the_previous_figures(
    members, member_client, partners, clock
):
    client = member_client(members.agent)
    client.post(OCTOBER, grid(partners, caf_famille=12, autre_sante=3))

    without_reason = client.post(OCTOBER, grid(partners, caf_famille=20))
    corrected = client.post(
        OCTOBER, {**grid(partners, caf_famille=20), "reason": "Une permanence oubliée"}
    )

    assert without_reason.status_code == 200
    assert "Champ requis." in without_reason.content.decode()
    assert corrected.status_code == 302
    report = ActivityReport.objects.get(maison=members.maison("34"))
    assert report.total_visits == 20
    assert list(report.lines.values_list("theme", "visits")) == [("famille", 20)]
    correction = ActivityCorrection.objects.get(report=report)
    assert correction.reason == "Une permanence oubliée"
    assert correction.corrected_by == members.agent.user
    assert correction.previous_total == 15
    assert correction.previous_lines == [
        {"partner": "caf", "theme": "famille", "visits": 12},
        {"partner": "autre", "theme": "sante", "visits": 3},
    ]
    history = client.get(OCTOBER).content.decode()
    assert "Historique des corrections" in history
    assert "Motif : Une permanence oubliée" in history
    assert "Visites avant : 15." in history


def test_the_service_refuses_a_correction_without_reason(members, partners, clock):
    maison = members.maison("34")
    services.submit_report(maison, date(2026, 10, 1), {(None, "sante"): 3}, members.agent.user)

    with pytest.raises(services.ReportRefused, match="Dites pourquoi"):
        services.submit_report(maison, date(2026, 10, 1), {(None, "sante"): 4}, None, "  ")
    assert ActivityLine.objects.get().visits == 3


@pytest.mark.parametrize("value", ["-1", "abc", "20001", "1.5"])
def test_a_cell_that_is_no_number_of_visits_is_refused(
    members, member_client, partners, clock, value
):
    response = member_client(members.agent).post(
        OCTOBER, {f"visits_{partners['caf'].pk}_famille": value}
    )

    assert response.status_code == 200
    assert "fr-input-group--error" in response.content.decode()
    assert not ActivityReport.objects.exists()


@pytest.mark.parametrize("month", ["2026-11", "2024-10", "2026-13"])
def test_only_the_last_24_complete_months_are_reported(members, member_client, clock, month):
    response = member_client(members.agent).get(f"/espace-agents/activite/{month}/")
    assert response.status_code == 404


def test_the_months_list_says_reported_late_and_to_report(
    members, member_client, partners, time_machine
):
    time_machine.move_to(datetime(2026, 11, 5, 10, tzinfo=PARIS), tick=False)
    services.submit_report(members.maison("34"), date(2026, 9, 1), {(None, "autre"): 7}, None)
    client = member_client(members.agent)

    page = client.get("/espace-agents/activite/").content.decode()
    rows = list(
        csv.reader(
            io.StringIO(
                client.get("/espace-agents/activite/?format=csv").content.decode("utf-8-sig")
            )
        )
    )

    assert rows[0] == ["Mois", "Statut", "Visites", "Corrections"]
    assert rows[1] == ["2026-10", "À déclarer", "", ""]  # due, not late before the 11th
    assert rows[2] == ["2026-09", "Déclaré", "7", "0"]
    assert rows[3] == ["2026-08", "En retard", "", ""]
    assert len(rows) == 1 + 24
    assert rows[-1][0] == "2024-11"
    for _month, status, *_rest in rows[1:4]:
        assert status in page


def test_the_export_is_in_the_import_layout_and_imports_back(
    members, member_client, partners, clock
):
    client = member_client(members.agent)
    client.post(OCTOBER, grid(partners, caf_famille=12, autre_sante=3))

    exported = client.get("/espace-agents/activite/export.csv").content
    services.import_reports(members.maison("34"), exported, members.agent.user)

    assert exported.decode("utf-8-sig").splitlines() == [
        "mois,partenaire,theme,visites",
        "2026-10,caf,famille,12",
        "2026-10,autre,sante,3",
    ]
    report = ActivityReport.objects.get()
    assert report.total_visits == 15
    assert report.corrections.get().reason == "Importé de nouveau depuis un fichier CSV."


@pytest.mark.parametrize("who", ["coordinator", "national", "trainer"])
@pytest.mark.parametrize(
    "path", ["", "2026-10/", "importer/", "export.csv"], ids=["list", "month", "import", "export"]
)
def test_only_an_agent_of_a_maison_reports_for_it(members, member_client, clock, who, path):
    response = member_client(getattr(members, who)).get(f"/espace-agents/activite/{path}")
    assert response.status_code == 403


def test_an_agent_sees_and_writes_only_their_own_maison(members, member_client, partners, clock):
    services.submit_report(members.maison("63"), date(2026, 10, 1), {(None, "sante"): 99}, None)
    client = member_client(members.agent)

    listing = client.get("/espace-agents/activite/?format=csv").content.decode("utf-8-sig")
    client.post(OCTOBER, grid(partners, caf_famille=5))

    assert "99" not in listing
    assert ActivityReport.objects.get(maison=members.maison("63")).total_visits == 99
    assert ActivityReport.objects.get(maison=members.maison("34")).total_visits == 5


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get("/espace-agents/activite/")
    assert response.status_code == 302
    assert "/connexion/" in response["Location"]


def test_the_pages_are_private(members, member_client, clock):
    response = member_client(members.agent).get("/espace-agents/activite/")
    assert "no-store" in response["Cache-Control"]


def test_the_agents_dashboard_says_whether_last_month_is_reported(
    members, member_client, partners, clock
):
    client = member_client(members.agent)
    before = client.get("/espace-agents/").content.decode()
    services.submit_report(members.maison("34"), date(2026, 10, 1), {(None, "sante"): 1}, None)
    after = client.get("/espace-agents/").content.decode()
    coordinator = member_client(members.coordinator).get("/espace-agents/").content.decode()

    assert "octobre 2026 n’est pas encore déclaré." in before
    assert "octobre 2026 est déclaré." in after
    assert "Activité de la maison" not in coordinator


def test_the_personal_data_export_holds_my_reports(members, member_client, partners, clock):
    maison = members.maison("34")
    services.submit_report(maison, date(2026, 10, 1), {(None, "sante"): 2}, members.agent.user)
    services.submit_report(
        maison, date(2026, 10, 1), {(None, "sante"): 3}, members.agent.user, "Erreur de saisie"
    )

    data = member_client(members.agent).get("/espace-agents/mes-donnees/export.json").json()

    assert data["activity"]["reports"] == [
        {
            "maison": maison.title,
            "month": "2026-10",
            "visits": 3,
            "submitted_at": "2026-11-18T09:00:00+00:00",
        }
    ]
    assert data["activity"]["corrections"][0]["reason"] == "Erreur de saisie"
