"""A lesson's content blocks rendered for a member, and the admin's Moodle XML import."""

import io
import json
from pathlib import Path

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from tests.auth import login_with_second_factor
from tests.training.factories import LessonPageFactory, ModulePageFactory, module_with
from training.models import ModulePage

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"


def test_every_lesson_block_renders_for_a_member(members, member_client, settings, tmp_path):
    # arrange
    settings.MEDIA_ROOT = tmp_path
    image = wagtail_factories.ImageFactory(title="Guichet")
    document = get_document_model().objects.create(
        title="Fiche réflexe", file=ContentFile(b"%PDF-1.4\n", name="fiche.pdf")
    )
    module = ModulePageFactory()
    lesson = LessonPageFactory(
        parent=module,
        body=json.dumps(
            [
                {"type": "text", "value": "<h2>Accueillir</h2><p>Sans condition.</p>"},
                {
                    "type": "image",
                    "value": {"image": image.pk, "alt_text": "Un guichet", "caption": "Accueil"},
                },
                {"type": "document", "value": {"document": document.pk, "description": "A4"}},
                {
                    "type": "callout",
                    "value": {"title": "À retenir", "text": "<p>72 heures.</p>", "level": "info"},
                },
                {
                    "type": "checklist",
                    "value": {"title": "Avant l’entretien", "items": ["Écouter", "Reformuler"]},
                },
            ]
        ),
    )
    # act
    response = member_client(members.agent).get(
        f"/espace-agents/formation/modules/{module.slug}/lecons/{lesson.slug}/"
    )
    html = BeautifulSoup(response.content, "html.parser")
    # assert
    article = html.find("article")
    assert article.find("h2").get_text() == "Accueillir"
    assert article.find("img")["alt"] == "Un guichet"
    assert article.select_one(".fr-download__link")["href"] == document.url
    assert article.select_one(".fr-alert--info .fr-alert__title").get_text() == "À retenir"
    assert [li.get_text() for li in article.select("section li")] == ["Écouter", "Reformuler"]


def test_a_moodle_xml_bank_is_imported_from_the_admin(members, client):
    # arrange
    module = module_with(lessons=0)
    members.national.user.is_superuser = True
    members.national.user.save()
    login_with_second_factor(client, members.national.user)
    upload = io.BytesIO((DATA / "dgfip-impots.xml").read_bytes())
    upload.name = "dgfip-impots.xml"
    # act
    response = client.post(f"/admin/training/modules/{module.pk}/questions/", {"file": upload})
    # assert
    assert response.status_code == 302
    draft = ModulePage.objects.get(pk=module.pk).get_latest_revision_as_object()
    kinds = {question.data["kind"] for question in draft.questions.all()}
    assert len(draft.questions.all()) >= 5 and {"single", "numerical", "matching"} <= kinds
