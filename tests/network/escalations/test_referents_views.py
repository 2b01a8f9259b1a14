"""The référents directory's pages: what each member sees, the CSV, the absences shown,
constant queries; management refused to all but the partner's trainers and the national
cell, forged ids included; the forms' messages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from directory.models import Department
from network.escalations.models import BackOffice, Escalation, Motive, Referent
from network.escalations.referents.selectors import referent_status

from .referents_data import BackOfficeFactory, MotiveFactory, build_offices, referent

pytestmark = pytest.mark.django_db

INDEX = "/espace-agents/referents/"


def directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def office_form(partner, **fields) -> dict:
    data = {
        "partner": partner.pk,
        "department": Department.objects.get(code="11").pk,
        "region": "",
        "name": "Caisse de l’Aude",
        "mailbox": "aude@partenaire.example.org",
        "phone": "04 68 00 00 00",
        "opening_days": ["0", "1", "2", "3", "4"],
        "opening_hours": "9:00–16:00",
        "coordinator_email": "",
    }
    data.update(fields)
    return data


# The directory


def test_an_agent_sees_the_back_offices_of_their_department_and_region(members, member_client):
    # arrange
    offices = build_offices(members)
    named = referent(offices.herault, "nommee@example.org")
    client = member_client(members.agent)
    # act
    response = client.get(INDEX)
    # assert
    page = response.content.decode()
    assert response.status_code == 200
    assert str(named) in page
    assert named.user.email not in page  # a name, not the member's own address
    assert {"private", "no-store"} <= directives(response)
    assert offices.herault.mailbox in page
    assert offices.occitanie.mailbox in page
    assert offices.gard.mailbox not in page
    assert offices.puy_de_dome.mailbox not in page
    assert response.context["filters"] is None
    assert 'href="/espace-agents/referents/guichets/' not in page  # no management link


def test_the_directory_is_for_members_only(client, members):
    # arrange / act
    response = client.get(INDEX)
    # assert
    assert response.status_code == 302
    assert "/espace-agents/connexion/" in response["Location"]


def test_the_opening_days_and_hours_are_named(members, member_client):
    # arrange
    offices = build_offices(members)
    offices.occitanie.opening_days = "024"
    offices.occitanie.save()
    client = member_client(members.agent)
    # act
    page = client.get(INDEX).content.decode()
    # assert
    assert "du lundi au vendredi" in page or "from lundi to vendredi" in page
    assert "lundi, mercredi et vendredi" in page or "lundi, mercredi and vendredi" in page
    assert "9:00–17:00" in page


def test_a_referent_away_today_shows_until_when_and_their_deputy(
    members, member_client, time_machine
):
    # arrange
    time_machine.move_to("2026-12-07T10:00:00+01:00", tick=False)
    offices = build_offices(members)
    deputy = referent(offices.herault, "suppleante@example.org")
    away = referent(
        offices.herault,
        "absent@example.org",
        away_from=datetime.date(2026, 12, 1),
        away_until=datetime.date(2026, 12, 12),
        deputy=deputy,
    )
    later = referent(
        offices.herault,
        "plus-tard@example.org",
        away_from=datetime.date(2026, 12, 20),
        away_until=datetime.date(2026, 12, 24),
    )
    client = member_client(members.agent)
    # act
    page = client.get(INDEX).content.decode()
    # assert
    status = referent_status(away, datetime.date(2026, 12, 7))
    assert "12 décembre" in status
    assert str(deputy) in status
    assert status in page
    assert referent_status(later, datetime.date(2026, 12, 7)) == ""
    assert str(later) in page


def test_a_coordinator_of_a_region_filters_by_partner_and_department(members, member_client):
    # arrange
    offices = build_offices(members)
    client = member_client(members.region_coordinator)
    # act
    by_department = client.get(INDEX, {"department": "30"}).content.decode()
    by_partner = client.get(INDEX, {"partner": members.trainer.partner.pk}).content.decode()
    # assert
    assert offices.gard.mailbox in by_department
    assert offices.occitanie.mailbox in by_department  # the region's serves the Gard too
    assert offices.herault.mailbox not in by_department
    assert offices.occitanie.mailbox in by_partner
    assert offices.herault.mailbox not in by_partner


def test_a_filter_on_an_unknown_value_lists_everything_seen(members, member_client):
    # arrange
    offices = build_offices(members)
    client = member_client(members.region_coordinator)
    # act
    response = client.get(INDEX, {"department": "ZZ", "partner": "abc"})
    # assert
    assert response.status_code == 200
    assert offices.gard.mailbox in response.content.decode()


def test_the_directory_downloads_as_csv(members, member_client):
    # arrange
    offices = build_offices(members)
    referent(offices.herault, "referente@example.org")
    client = member_client(members.agent)
    # act
    response = client.get(INDEX, {"format": "csv"})
    # assert
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert {"private", "no-store"} <= directives(response)
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 3  # header, the Hérault's and the region's back offices
    herault = next(line for line in lines if offices.herault.mailbox in line)
    assert "Hérault (34)" in herault
    assert "Referente Testeur" in herault
    assert offices.gard.mailbox not in response.content.decode()


def _directory_queries(client) -> int:
    client.get(INDEX)  # the site's menus and footer fill their caches first
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INDEX).status_code == 200
    return len(queries)


def test_the_directory_runs_the_same_queries_for_few_or_many_back_offices(members, member_client):
    # arrange
    offices = build_offices(members)
    referent(offices.herault, "un@example.org")
    client = member_client(members.national)
    few = _directory_queries(client)
    for number in range(6):
        office = BackOfficeFactory(department=Department.objects.get(code=f"0{number + 1}"))
        deputy = referent(office, f"deputy{number}@example.org")
        referent(
            office,
            f"ref{number}@example.org",
            away_from=datetime.date(2000, 1, 1),
            away_until=datetime.date(2100, 1, 1),
            deputy=deputy,
        )
    # act
    many = _directory_queries(client)
    # assert
    assert many == few


# Management: who may


@pytest.mark.parametrize("role", ["agent", "coordinator", "region_coordinator"])
def test_members_of_the_territory_may_not_manage_its_back_office(members, member_client, role):
    # arrange
    offices = build_offices(members)
    kept = referent(offices.herault, "garde@example.org")
    client = member_client(getattr(members, role))
    # act
    pages = [
        client.get(reverse("referents:back_office", args=[offices.herault.pk])),
        client.get(reverse("referents:back_office_edit", args=[offices.herault.pk])),
        client.post(
            reverse("referents:back_office_edit", args=[offices.herault.pk]),
            office_form(offices.caf, name="Changé"),
        ),
        client.post(
            reverse("referents:referent_add", args=[offices.herault.pk]),
            {"email": members.agent.user.email},
        ),
        client.post(reverse("referents:referent_remove", args=[kept.pk])),
        client.post(
            reverse("referents:referent_away", args=[kept.pk]),
            {"away_from": "2026-12-01", "away_until": "2026-12-02"},
        ),
        client.get(reverse("referents:back_office_create")),
        client.post(reverse("referents:back_office_create"), office_form(offices.caf)),
        client.get(reverse("referents:motives", args=[offices.caf.pk])),
    ]
    # assert
    assert [page.status_code for page in pages] == [403] * len(pages)
    assert {"private", "no-store"} <= directives(pages[0])
    assert Referent.objects.filter(pk=kept.pk, away_from=None).exists()
    assert BackOffice.objects.filter(name="Changé").count() == 0
    assert BackOffice.objects.count() == 4


def test_an_agent_gets_404_for_a_back_office_of_another_department(members, member_client):
    # arrange
    offices = build_offices(members)
    other = referent(offices.gard, "gard@example.org")
    client = member_client(members.agent)
    # act
    pages = [
        client.get(reverse("referents:back_office", args=[offices.gard.pk])),
        client.get(reverse("referents:back_office", args=[999999])),
        client.post(
            reverse("referents:referent_add", args=[offices.gard.pk]),
            {"email": members.agent.user.email},
        ),
        client.post(reverse("referents:referent_remove", args=[other.pk])),
        client.post(reverse("referents:referent_back", args=[999999])),
    ]
    # assert
    assert [page.status_code for page in pages] == [404] * len(pages)
    assert Referent.objects.filter(pk=other.pk).exists()


def test_a_trainer_of_another_partner_gets_404_even_by_forged_ids(members, member_client):
    # arrange
    offices = build_offices(members)
    other = referent(offices.herault, "autre-partenaire@example.org")
    motive = MotiveFactory(partner=offices.caf)
    client = member_client(members.trainer)
    # act
    pages = [
        client.get(reverse("referents:back_office", args=[offices.herault.pk])),
        client.post(
            reverse("referents:back_office_edit", args=[offices.herault.pk]),
            office_form(members.trainer.partner),
        ),
        client.post(reverse("referents:referent_remove", args=[other.pk])),
        client.post(
            reverse("referents:referent_away", args=[other.pk]),
            {"away_from": "2026-12-01", "away_until": "2026-12-02"},
        ),
        client.get(reverse("referents:motives", args=[offices.caf.pk])),
        client.post(reverse("referents:motives", args=[offices.caf.pk]), {"label": "Ajout"}),
        client.post(
            reverse("referents:motive_rename", args=[motive.pk]),
            {f"motive-{motive.pk}-label": "Renommé"},
        ),
        client.post(reverse("referents:motive_switch", args=[motive.pk])),
        client.post(reverse("referents:motive_remove", args=[motive.pk])),
        client.post(reverse("referents:motive_move", args=[motive.pk]), {"direction": "up"}),
    ]
    # assert
    assert [page.status_code for page in pages] == [404] * len(pages)
    motive.refresh_from_db()
    assert (motive.label, motive.active) == (motive.label, True)
    assert Referent.objects.filter(pk=other.pk, away_from=None).exists()
    assert not Motive.objects.filter(label="Ajout").exists()


def test_a_trainer_may_not_create_a_back_office_for_another_partner(members, member_client):
    # arrange
    offices = build_offices(members)
    client = member_client(members.trainer)
    # act
    response = client.post(reverse("referents:back_office_create"), office_form(offices.caf))
    # assert
    assert response.status_code == 400
    assert "partner" in response.context["form"].errors
    assert not BackOffice.objects.filter(name="Caisse de l’Aude").exists()


def test_a_trainer_may_not_move_their_back_office_to_another_partner(members, member_client):
    # arrange
    offices = build_offices(members)
    client = member_client(members.trainer)
    # act
    response = client.post(
        reverse("referents:back_office_edit", args=[offices.occitanie.pk]),
        office_form(offices.caf, department="", region=offices.occitanie.region_id),
    )
    # assert
    assert response.status_code == 400
    assert "partner" in response.context["form"].errors
    offices.occitanie.refresh_from_db()
    assert offices.occitanie.partner_id == members.trainer.partner_id


# Management: back offices


def test_a_trainer_creates_a_back_office_for_their_partner(members, member_client):
    # arrange
    build_offices(members)
    client = member_client(members.trainer)
    # act
    response = client.post(
        reverse("referents:back_office_create"),
        office_form(members.trainer.partner, opening_days=["0", "2"]),
    )
    # assert
    office = BackOffice.objects.get(name="Caisse de l’Aude")
    assert response.status_code == 302
    assert response["Location"] == reverse("referents:back_office", args=[office.pk])
    assert office.partner_id == members.trainer.partner_id
    assert office.department.code == "11"
    assert office.opening_days == "02"


def test_the_national_cell_changes_any_back_office(members, member_client):
    # arrange
    offices = build_offices(members)
    client = member_client(members.national)
    # act
    response = client.post(
        reverse("referents:back_office_edit", args=[offices.herault.pk]),
        office_form(offices.caf, department=offices.herault.department_id, name="CAF 34"),
    )
    # assert
    assert response.status_code == 302
    offices.herault.refresh_from_db()
    assert offices.herault.name == "CAF 34"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"department": "", "region": ""},
            None,
            "Choose the department this back office serves, or else its region.",
        ),
        (
            {"region": "REGION"},
            None,
            "Choose a department or a region, not both: a back office serves one territory.",
        ),
        ({"opening_days": []}, "opening_days", "Tick at least one opening day."),
        (
            {"department": "34"},
            "department",
            "This partner already has a back office for this department.",
        ),
    ],
)
def test_the_back_office_form_says_what_is_wrong(members, member_client, fields, field, message):
    # arrange
    offices = build_offices(members)
    if fields.get("region") == "REGION":
        fields["region"] = offices.occitanie.region_id
    if fields.get("department") == "34":
        fields["department"] = offices.herault.department_id
    client = member_client(members.national)
    count = BackOffice.objects.count()
    # act
    response = client.post(
        reverse("referents:back_office_create"), office_form(offices.caf, **fields)
    )
    # assert
    assert response.status_code == 400
    form = response.context["form"]
    errors = form.non_field_errors() if field is None else form.errors[field]
    assert gettext(message) in errors
    assert gettext(message) in response.content.decode()
    assert BackOffice.objects.count() == count


# Management: référents


def test_a_trainer_adds_a_member_as_referent_and_removes_them(members, member_client):
    # arrange
    offices = build_offices(members)
    client = member_client(members.trainer)
    url = reverse("referents:referent_add", args=[offices.occitanie.pk])
    # act
    added = client.post(url, {"email": " Agent@Example.org "})
    created = Referent.objects.get(back_office=offices.occitanie)
    removed = client.post(reverse("referents:referent_remove", args=[created.pk]))
    # assert
    assert added.status_code == 302
    assert created.user == members.agent.user
    assert removed.status_code == 302
    assert not Referent.objects.filter(pk=created.pk).exists()


@pytest.mark.parametrize(
    ("email", "message"),
    [
        (
            "inconnu@example.org",
            "No member has this e-mail address: invite them to the members area first.",
        ),
        ("deja@example.org", "This member is already a referent of this back office."),
    ],
)
def test_adding_a_referent_says_why_not(members, member_client, email, message):
    # arrange
    offices = build_offices(members)
    referent(offices.occitanie, "deja@example.org")
    client = member_client(members.trainer)
    # act
    response = client.post(
        reverse("referents:referent_add", args=[offices.occitanie.pk]), {"email": email}
    )
    # assert
    assert response.status_code == 400
    assert gettext(message) in response.context["referent_form"].errors["email"]
    assert Referent.objects.filter(back_office=offices.occitanie).count() == 1


def test_a_user_who_is_not_a_member_is_not_a_referent(members, member_client, django_user_model):
    # arrange
    offices = build_offices(members)
    django_user_model.objects.create_user("pas-membre@example.org", "x")
    client = member_client(members.trainer)
    # act
    response = client.post(
        reverse("referents:referent_add", args=[offices.occitanie.pk]),
        {"email": "pas-membre@example.org"},
    )
    # assert
    assert response.status_code == 400
    assert not Referent.objects.filter(back_office=offices.occitanie).exists()


def test_a_referent_is_set_away_with_a_deputy_then_back(members, member_client):
    # arrange
    offices = build_offices(members)
    away = referent(offices.occitanie, "absente@example.org")
    deputy = referent(offices.occitanie, "suppleant@example.org")
    client = member_client(members.trainer)
    # act
    response = client.post(
        reverse("referents:referent_away", args=[away.pk]),
        {"away_from": "2026-12-10", "away_until": "2026-12-18", "deputy": deputy.pk},
    )
    away.refresh_from_db()
    state = (away.away_from, away.away_until, away.deputy_id)
    back = client.post(reverse("referents:referent_back", args=[away.pk]))
    away.refresh_from_db()
    # assert
    assert response.status_code == 302
    assert state == (datetime.date(2026, 12, 10), datetime.date(2026, 12, 18), deputy.pk)
    assert back.status_code == 302
    assert (away.away_from, away.away_until, away.deputy_id) == (None, None, None)


@pytest.mark.parametrize(
    ("dates", "deputy", "field", "message"),
    [
        (
            ("2026-12-18", "2026-12-10"),
            "present",
            "away_until",
            "The last day away cannot come before the first.",
        ),
        (("2026-12-10", "2026-12-18"), "self", "deputy", None),
        (("2026-12-10", "2026-12-18"), "other_office", "deputy", None),
        (
            ("2026-12-10", "2026-12-18"),
            "away",
            "deputy",
            "%(name)s is away on some of these days: choose another deputy.",
        ),
    ],
)
def test_the_away_form_says_what_is_wrong(members, member_client, dates, deputy, field, message):
    # arrange
    offices = build_offices(members)
    away = referent(offices.occitanie, "absente@example.org")
    deputies = {
        "present": referent(offices.occitanie, "present@example.org"),
        "self": away,
        "other_office": referent(offices.herault, "ailleurs@example.org"),
        "away": referent(
            offices.occitanie,
            "aussi-absent@example.org",
            away_from=datetime.date(2026, 12, 17),
            away_until=datetime.date(2026, 12, 31),
        ),
    }
    client = member_client(members.trainer)
    # act
    response = client.post(
        reverse("referents:referent_away", args=[away.pk]),
        {"away_from": dates[0], "away_until": dates[1], "deputy": deputies[deputy].pk},
    )
    # assert
    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    if message is not None:
        assert gettext(message) % {"name": deputies[deputy]} in errors
    away.refresh_from_db()
    assert away.away_from is None


# Management: motives


def test_a_trainer_adds_renames_orders_and_switches_off_motives(members, member_client):
    # arrange
    partner = members.trainer.partner
    first = MotiveFactory(partner=partner, label="Dossier bloqué", order=0)
    client = member_client(members.trainer)
    # act
    client.post(reverse("referents:motives", args=[partner.pk]), {"label": " Trop-perçu "})
    second = Motive.objects.get(partner=partner, label="Trop-perçu")
    client.post(reverse("referents:motive_move", args=[second.pk]), {"direction": "up"})
    client.post(
        reverse("referents:motive_rename", args=[first.pk]),
        {f"motive-{first.pk}-label": "Dossier en attente"},
    )
    client.post(reverse("referents:motive_switch", args=[first.pk]))
    # assert
    assert [(m.label, m.active) for m in Motive.objects.filter(partner=partner)] == [
        ("Trop-perçu", True),
        ("Dossier en attente", False),
    ]


def test_a_motive_name_is_given_once_per_partner(members, member_client):
    # arrange
    partner = members.trainer.partner
    MotiveFactory(partner=partner, label="Trop-perçu")
    client = member_client(members.trainer)
    # act
    response = client.post(
        reverse("referents:motives", args=[partner.pk]), {"label": "trop-perçu"}
    )
    # assert
    assert response.status_code == 400
    assert (
        gettext("This partner already has this motive.")
        in response.context["form"].errors["label"]
    )
    assert Motive.objects.filter(partner=partner).count() == 1


def test_a_motive_in_use_is_switched_off_not_deleted(members, member_client):
    # arrange
    offices = build_offices(members)
    partner = members.trainer.partner
    used = MotiveFactory(partner=partner, label="Utilisé")
    unused = MotiveFactory(partner=partner, label="Jamais utilisé")
    Escalation.objects.create(
        maison=members.maison("34"),
        partner=partner,
        back_office=offices.occitanie,
        motive=used,
        consent_text="J’accepte.",
        consent_at=datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC),
        due_at=datetime.datetime(2026, 12, 4, tzinfo=datetime.UTC),
    )
    client = member_client(members.trainer)
    # act
    client.post(reverse("referents:motive_remove", args=[used.pk]))
    client.post(reverse("referents:motive_remove", args=[unused.pk]))
    # assert
    used.refresh_from_db()
    assert used.active is False
    assert not Motive.objects.filter(pk=unused.pk).exists()


def test_the_management_pages_render(members, member_client):
    # arrange
    offices = build_offices(members)
    away = referent(offices.occitanie, "absente@example.org")
    MotiveFactory(partner=members.trainer.partner)
    client = member_client(members.trainer)
    # act
    pages = [
        client.get(reverse("referents:back_office", args=[offices.occitanie.pk])),
        client.get(reverse("referents:back_office_edit", args=[offices.occitanie.pk])),
        client.get(reverse("referents:back_office_create")),
        client.get(reverse("referents:referent_away", args=[away.pk])),
        client.get(reverse("referents:motives", args=[members.trainer.partner.pk])),
    ]
    # assert
    assert [page.status_code for page in pages] == [200] * len(pages)
    assert all({"private", "no-store"} <= directives(page) for page in pages)
    assert away.user.email in pages[0].content.decode()


def test_renaming_a_motive_to_another_ones_name_says_so(members, member_client):
    # arrange
    partner = members.trainer.partner
    MotiveFactory(partner=partner, label="Trop-perçu")
    other = MotiveFactory(partner=partner, label="Dossier bloqué")
    client = member_client(members.trainer)
    # act
    response = client.post(
        reverse("referents:motive_rename", args=[other.pk]),
        {f"motive-{other.pk}-label": "TROP-PERÇU"},
    )
    # assert
    assert response.status_code == 400
    message = gettext("This partner already has this motive.")
    assert message in response.context["rename"][1].errors["label"]
    assert message in response.content.decode()
    other.refresh_from_db()
    assert other.label == "Dossier bloqué"


@pytest.mark.parametrize(
    "name", ["referent_remove", "referent_back", "motive_move", "motive_switch", "motive_remove"]
)
def test_the_actions_answer_only_to_post(members, member_client, name):
    # arrange
    offices = build_offices(members)
    target = (
        referent(offices.occitanie, "cible@example.org")
        if name.startswith("referent")
        else MotiveFactory(partner=members.trainer.partner)
    )
    client = member_client(members.trainer)
    # act
    response = client.get(reverse(f"referents:{name}", args=[target.pk]))
    # assert
    assert response.status_code == 405
