"""The catalogue of the plan, a module's page, its lessons and "my progress"."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import GuideThemeFactory, PartnerFactory
from tests.training.factories import BANK, SINGLE, module_with, plan_with
from training import selectors, services
from training.models import ModuleProgress, PlanEntry, Track, TrainingPlanPage

pytestmark = pytest.mark.django_db

CATALOGUE = "/espace-agents/formation/"


def titles(response) -> list[str]:
    html = BeautifulSoup(response.content, "html.parser")
    return [title.get_text(strip=True) for title in html.select(".fr-card__title")]


@pytest.fixture
def plan(members):
    caf = PartnerFactory(name="Caisse d’essai", slug="caisse-dessai")
    famille = GuideThemeFactory(name="Famille", slug="famille")
    core = module_with(title="Accueil", code="SOC-ACCUEIL", lessons=2, questions=[SINGLE])
    partner = module_with(
        title="Prestations familiales", code="CAF-1", owner=caf, format="blended", lessons=1
    )
    partner.themes.add(famille)
    partner.save_revision().publish()
    refresher = module_with(title="Recyclage RGPD", code="REC-1", lessons=1)
    plan = plan_with(core, year=2026)
    PlanEntry.objects.create(
        plan=plan, module=partner, track=Track.PARTNERS, mandatory_for=["agent"], sort_order=1
    )
    PlanEntry.objects.create(
        plan=plan, module=refresher, track=Track.REFRESHERS, mandatory_for=[], sort_order=2
    )
    return {"core": core, "partner": partner, "refresher": refresher, "caf": caf}


def test_the_catalogue_shows_the_plan_by_track_with_my_status(members, member_client, plan):
    # arrange
    lesson = plan["core"].get_children().first()
    services.mark_lesson_read(user=members.agent.user, lesson=lesson.specific)
    # act
    response = member_client(members.agent).get(CATALOGUE)
    html = BeautifulSoup(response.content, "html.parser")
    # assert
    assert response.status_code == 200
    assert [h.get_text(strip=True) for h in html.select("section h2")] == [
        "Socle commun",
        "Modules partenaires",
        "Recyclages",
    ]
    assert titles(response) == ["Accueil", "Prestations familiales", "Recyclage RGPD"]
    first_card = html.select(".fr-card")[0].get_text(" ", strip=True)
    assert "En cours" in first_card and "Obligatoire" in first_card
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"partner": "caisse-dessai"}, ["Prestations familiales"]),
        ({"partner": "national"}, ["Accueil", "Recyclage RGPD"]),
        ({"theme": "famille"}, ["Prestations familiales"]),
        ({"format": "blended"}, ["Prestations familiales"]),
        ({"mandatory": "on"}, ["Accueil", "Prestations familiales"]),
        ({"status": "not_started"}, ["Accueil", "Prestations familiales", "Recyclage RGPD"]),
        ({"q": "rgpd"}, ["Recyclage RGPD"]),
        ({"q": "retraite"}, []),
        ({"q": "prestations familiales"}, ["Prestations familiales"]),
    ],
)
def test_the_catalogue_filters(members, member_client, plan, query, expected):
    response = member_client(members.agent).get(CATALOGUE, query)
    assert titles(response) == expected


def test_a_bad_filter_value_is_a_form_error_not_a_500(members, member_client, plan):
    response = member_client(members.agent).get(CATALOGUE, {"format": "vhs", "status": "x"})
    assert response.status_code == 200
    assert len(titles(response)) == 3


def test_the_catalogue_reads_a_fixed_number_of_queries(members, member_client, plan):
    # arrange
    client = member_client(members.agent)
    client.get(CATALOGUE)
    with CaptureQueriesContext(connection) as few:
        client.get(CATALOGUE)
    for number in range(8):
        module = module_with(code=f"EXTRA-{number}", lessons=3, questions=[SINGLE])
        PlanEntry.objects.create(
            plan=TrainingPlanPage.objects.get(), module=module, track=Track.CORE, sort_order=9
        )
        services.mark_lesson_read(
            user=members.agent.user, lesson=module.get_children().first().specific
        )
    # act
    with CaptureQueriesContext(connection) as many:
        client.get(CATALOGUE)
    # assert
    assert len(many) == len(few)


def test_a_lesson_read_leads_to_the_next_and_the_module_resumes_there(
    members, member_client, plan
):
    # arrange
    module = plan["core"]
    first, second = module.get_children().specific()
    client = member_client(members.agent)
    # act
    read = client.post(
        f"/espace-agents/formation/modules/{module.slug}/lecons/{first.slug}/", {"read": "1"}
    )
    page = client.get(f"/espace-agents/formation/modules/{module.slug}/")
    # assert
    assert (
        read["Location"] == f"/espace-agents/formation/modules/{module.slug}/lecons/{second.slug}/"
    )
    html = BeautifulSoup(page.content, "html.parser")
    resume = html.find("a", string="Reprendre là où je me suis arrêté")
    assert resume is not None and resume["href"].endswith(f"/lecons/{second.slug}/")
    progress = ModuleProgress.objects.get(user=members.agent.user, module=module)
    assert (progress.lessons_done, progress.status) == ([first.pk], "in_progress")


def test_an_inline_question_is_checked_on_the_server(members, member_client):
    # arrange
    import json

    from tests.training.factories import LessonPageFactory, ModulePageFactory

    module = ModulePageFactory()
    lesson = LessonPageFactory(
        parent=module,
        body=json.dumps(
            [
                {"type": "text", "value": "<p>Le délai.</p>"},
                {"type": "check", "value": {"gift": SINGLE}, "id": "verif-1"},
            ]
        ),
    )
    client = member_client(members.agent)
    url = f"/espace-agents/formation/modules/{module.slug}/lecons/{lesson.slug}/"
    form = BeautifulSoup(client.get(url).content, "html.parser")
    right = next(
        radio["value"]
        for radio in form.select("input[type=radio]")
        if "72 heures" in form.find("label", attrs={"for": radio["id"]}).get_text()
    )
    # act
    answered = client.post(url, {"check": "verif-1", "c": right})
    unknown = client.post(url, {"check": "autre", "c": right})
    # assert
    text = BeautifulSoup(answered.content, "html.parser").get_text(" ", strip=True)
    assert "Juste" in text and "Oui." in text
    assert unknown.status_code == 404
    assert "Oui." not in form.get_text()


def test_my_progress_lists_completions_and_downloads_them(members, member_client, plan):
    # arrange
    module = plan["refresher"]
    services.mark_lesson_read(
        user=members.agent.user, lesson=module.get_children().first().specific
    )
    client = member_client(members.agent)
    # act
    page = client.get("/espace-agents/formation/ma-progression/")
    csv = client.get("/espace-agents/formation/ma-progression/", {"format": "csv"})
    # assert
    assert "Recyclage RGPD" in page.content.decode()
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Code,Module,Version,Terminé le,Score,Valide jusqu’au"
    assert lines[1].startswith("REC-1,Recyclage RGPD,2026.1,")


def test_an_unpublished_module_is_not_found(members, member_client, plan):
    plan["core"].unpublish()
    response = member_client(members.agent).get(
        f"/espace-agents/formation/modules/{plan['core'].slug}/"
    )
    assert response.status_code == 404
    assert titles(member_client(members.agent).get(CATALOGUE)) == [
        "Prestations familiales",
        "Recyclage RGPD",
    ]


def test_prerequisites_come_first(members, member_client, plan):
    # arrange
    core, partner = plan["core"], plan["partner"]
    partner.prerequisites.add(core)
    partner.save_revision().publish()
    from tests.training.factories import add_questions

    add_questions(partner, *BANK[:1])
    client = member_client(members.agent)
    # act
    page = client.get(f"/espace-agents/formation/modules/{partner.slug}/")
    start = client.post(f"/espace-agents/formation/modules/{partner.slug}/quiz/")
    # assert
    assert "Prérequis à terminer d’abord" in page.content.decode()
    assert start.status_code == 302 and not partner.attempts.exists()


def test_each_module_of_the_plan_has_its_own_live_lessons_only(members, plan):
    # arrange: a module outside the plan sits between the plan's modules in the tree
    between = module_with(code="HORS-PLAN", lessons=2)
    plan["core"].get_children().last().unpublish()
    # act
    entries = selectors.plan_entries(
        TrainingPlanPage.objects.get(), members.agent.user, members.agent
    )
    # assert
    lessons = {entry.module.code: [lesson.pk for lesson in entry.lessons] for entry in entries}
    assert lessons == {
        code: [page.pk for page in plan[key].get_children().live().order_by("path")]
        for key, code in (("core", "SOC-ACCUEIL"), ("partner", "CAF-1"), ("refresher", "REC-1"))
    }
    assert len(lessons["SOC-ACCUEIL"]) == 1
    assert not set(between.get_children().values_list("pk", flat=True)) & {
        pk for pks in lessons.values() for pk in pks
    }
