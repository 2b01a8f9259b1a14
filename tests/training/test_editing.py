"""Modules in the admin: partner trainers edit their own partner's modules only, publish
through the national cell's approval, import question banks; and nothing of the training
tree ever reaches the public search, the sitemap or a public address."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from wagtail.models import Page

from network.models import Role
from tests.auth import login_with_second_factor
from tests.factories import PartnerFactory
from tests.network.conftest import make_member
from tests.training.factories import SINGLE, LessonPageFactory, module_with
from training import services
from training.models import ModuleFolderPage, ModulePage, ScormPackage

pytestmark = pytest.mark.django_db

GIFT_BANK = (
    "$CATEGORY: CAF\n\n"
    "::RSA:: Qui verse le RSA ? {=La CAF ~La mairie}\n\n"
    "::Délai:: La prime d'activité se déclare chaque trimestre. {T}\n"
)


@pytest.fixture
def caf_modules(members):
    """A trainer of the CAF, the CAF's module, and a module of another partner."""
    caf, msa = PartnerFactory(name="CAF d’essai"), PartnerFactory(name="MSA d’essai")
    trainer = make_member("formation.caf@example.org", Role.PARTNER_TRAINER, partner=caf)
    return {
        "trainer": trainer,
        "own": module_with(owner=caf, lessons=1),
        "other": module_with(owner=msa, lessons=1),
    }


def upload(name: str, content: bytes):
    file = io.BytesIO(content)
    file.name = name
    return file


def test_a_trainer_belongs_to_their_partners_group_only(caf_modules):
    trainer = caf_modules["trainer"]
    names = list(trainer.user.groups.values_list("name", flat=True))
    assert names == [f"{services.TRAINERS_GROUP_PREFIX}{trainer.partner.slug}"]
    trainer.role, trainer.partner = Role.NATIONAL_CELL, None
    trainer.save()
    assert not trainer.user.groups.exists()


def test_a_trainer_edits_their_partners_modules_and_not_another_partners(caf_modules, client):
    # arrange
    login_with_second_factor(client, caf_modules["trainer"].user)
    own, other = caf_modules["own"], caf_modules["other"]
    # act
    own_edit = client.get(f"/admin/pages/{own.pk}/edit/")
    other_edit = client.get(f"/admin/pages/{other.pk}/edit/")
    add_in_other = client.get(f"/admin/pages/add/training/modulepage/{other.get_parent().pk}/")
    # assert
    assert own_edit.status_code == 200
    assert other_edit.status_code in {302, 403}
    assert add_in_other.status_code in {302, 403}


def test_a_trainers_change_waits_for_the_national_cells_approval(members, caf_modules, client):
    # arrange
    approvers = Group.objects.create(name="Cellule d’essai")
    services.ensure_publication_workflow(approvers)
    module = caf_modules["own"]
    login_with_second_factor(client, caf_modules["trainer"].user)
    # act: the trainer submits a new title for approval
    form = client.get(f"/admin/pages/{module.pk}/edit/").context["form"]
    data = {
        key: value
        for key, value in form.initial.items()
        if isinstance(value, str | int) and value is not None
    }
    response = client.post(
        f"/admin/pages/{module.pk}/edit/",
        {
            **data,
            "title": "Nouveau titre",
            "slug": module.slug,
            "code": module.code,
            "summary": module.summary,
            "objectives": module.objectives,
            "duration_minutes": 60,
            "format": "elearning",
            "version": "2",
            "pass_mark": 80,
            "questions_drawn": 0,
            "max_attempts": 3,
            "questions-TOTAL_FORMS": 0,
            "questions-INITIAL_FORMS": 0,
            "questions-MIN_NUM_FORMS": 0,
            "questions-MAX_NUM_FORMS": 1000,
            "action-submit": "Submit",
        },
    )
    # assert: not live until approved
    module.refresh_from_db()
    assert response.status_code == 302
    assert module.title != "Nouveau titre"
    assert module.current_workflow_state is not None


def test_a_trainer_imports_a_gift_bank_into_a_draft_of_their_module(caf_modules, client):
    # arrange
    module = caf_modules["own"]
    login_with_second_factor(client, caf_modules["trainer"].user)
    url = f"/admin/training/modules/{module.pk}/questions/"
    # act
    response = client.post(url, {"file": upload("caf.gift", GIFT_BANK.encode())})
    # assert: the draft holds two questions; the live module none yet
    assert response.status_code == 302
    draft = ModulePage.objects.get(pk=module.pk).get_latest_revision_as_object()
    assert [question.data["kind"] for question in draft.questions.all()] == [
        "single",
        "true_false",
    ]
    assert not module.questions.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("caf.gift", b"::A:: Question sans fin {=oui ~non\n", "Ligne 1"),
        ("caf.xml", b"<quiz><question type='multichoice'>", "Ligne"),
        ("caf.pdf", b"%PDF-1.4", "Envoyez un fichier GIFT"),
        ("caf.gift", "Qui ? {=é}".encode("latin-1"), "UTF-8"),
        ("caf.gift", b"// rien\n", "aucune question"),
    ],
)
def test_a_bad_bank_is_refused_with_its_line_and_adds_nothing(
    caf_modules, client, name, content, message
):
    # arrange
    module = caf_modules["own"]
    login_with_second_factor(client, caf_modules["trainer"].user)
    revisions = module.revisions.count()
    # act
    response = client.post(
        f"/admin/training/modules/{module.pk}/questions/", {"file": upload(name, content)}
    )
    # assert
    assert response.status_code == 200
    assert message in response.context["form"].errors["file"][0]
    assert module.revisions.count() == revisions


def test_another_partners_trainer_may_not_import_or_upload(caf_modules, client):
    # arrange
    other = caf_modules["other"]
    revisions = other.revisions.count()
    login_with_second_factor(client, caf_modules["trainer"].user)
    # act
    questions = client.post(
        f"/admin/training/modules/{other.pk}/questions/",
        {"file": upload("x.gift", GIFT_BANK.encode())},
    )
    package = client.get(f"/admin/training/modules/{other.pk}/scorm/")
    # assert
    assert {questions.status_code, package.status_code} <= {302, 403}  # the admin's refusal
    assert other.revisions.count() == revisions
    assert not ScormPackage.objects.exists()


def test_an_agent_has_no_door_to_the_admin_tools(members, caf_modules, client):
    login_with_second_factor(client, members.agent.user)
    response = client.get(f"/admin/training/modules/{caf_modules['own'].pk}/questions/")
    assert response.status_code in {302, 403}


def test_a_question_written_in_the_admin_is_checked(members):
    from training.models import Question

    module = module_with(lessons=0)
    question = Question(module=module, gift="::A:: Pas de réponse juste {~a ~b}")
    with pytest.raises(Exception) as error:
        question.full_clean()
    assert "gift" in error.value.message_dict
    question.gift = SINGLE
    question.full_clean()
    assert question.data["kind"] == "single"


def test_the_training_tree_is_never_public(members, client):
    # arrange
    module = module_with(title="Module confidentiel Zorglub", lessons=0)
    lesson = LessonPageFactory(parent=module, title="Leçon Zorglub")
    # act
    search = client.get("/recherche/", {"q": "Zorglub"})
    sitemap = client.get("/sitemap.xml")
    # assert
    results = BeautifulSoup(search.content, "html.parser").select(".search-result__link")
    assert results == [] and search.status_code == 200
    assert "Zorglub" not in sitemap.content.decode()
    assert "/espace-agents/" not in sitemap.content.decode()
    assert module.url == f"/espace-agents/formation/modules/{module.slug}/"
    assert lesson.url == f"/espace-agents/formation/modules/{module.slug}/lecons/{lesson.slug}/"
    folder = ModuleFolderPage.objects.get(pk=module.get_parent().pk)
    assert not Page.objects.filter(pk__in=[module.pk, lesson.pk, folder.pk]).search("Zorglub")
    assert client.get(module.url).status_code == 302  # to the login page


def test_a_translated_module_keeps_its_code_and_the_members_area_its_progress(
    members, member_client
):
    # arrange
    from wagtail.models import Locale
    from wagtail_localize.operations import TranslationCreator

    module = module_with(title="Accueillir", code="SOC-1", slug="accueillir", lessons=1)
    english = Locale.objects.get(language_code="en")
    # act: wagtail-localize's own translation of the module (and of its folders)
    TranslationCreator(members.national.user, [english]).create_translations(module)
    translation = module.get_translation(english)
    translation.save_revision().publish()
    page = member_client(members.agent).get("/espace-agents/formation/modules/accueillir/")
    # assert
    assert (translation.code, translation.slug) == ("SOC-1", "accueillir")
    assert page.status_code == 200 and page.context["module"].pk == module.pk
    another = ModulePage(title="Autre", slug="accueillir", code="SOC-1", locale=module.locale)
    with pytest.raises(ValidationError) as error:
        another.clean()
    assert set(error.value.message_dict) == {"code", "slug"}
