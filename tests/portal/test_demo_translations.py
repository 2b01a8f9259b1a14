"""The demo's guide translations: PO files read by the loader and applied through
wagtail-localize's own workflow (source, translation, PO upload, publish), refused when
they no longer match their guide.

Each test builds its guide with ``tests.factories``; the demo itself is seeded only in
``tests/directory/test_demo_guides.py``.
"""

import json

import polib
import pytest
from django.db import transaction
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from directory.models import GuidePage
from portal.demo.builders.directory import translate_guides
from portal.demo.loader import GuideTranslation, guide_translations
from tests.factories import GuidePageFactory

pytestmark = pytest.mark.django_db

SLUG = "declarer-un-essai"


@pytest.fixture
def guide(db) -> GuidePage:
    return GuidePageFactory(title="Déclarer un essai", slug=SLUG, summary="Un résumé d’essai.")


def exported_po(guide: GuidePage) -> polib.POFile:
    """The guide's PO file as an editor downloads it ("Translate", "Download PO file");
    the translation made for the download is undone."""
    with transaction.atomic():
        source, _ = TranslationSource.get_or_create_from_instance(guide)
        translation = Translation.objects.create(
            source=source, target_locale=Locale.objects.get(language_code="en")
        )
        po = translation.export_po()
        transaction.set_rollback(True)
    return po


def translated(po: polib.POFile) -> polib.POFile:
    for entry in po:
        entry.msgstr = f"EN {entry.msgid}"
    return po


def test_a_guide_is_translated_and_published_from_its_po_file(
    guide, client, django_capture_on_commit_callbacks
):
    # arrange: as downloaded, it names the translation it was exported from
    po = translated(exported_po(guide))
    assert "X-WagtailLocalize-TranslationID" in po.metadata
    # act
    with django_capture_on_commit_callbacks(execute=True):
        made = translate_guides([GuideTranslation(SLUG, "en", po)])
    # assert: the same objects as an editor's translation, and a live English page
    english = guide.get_translation(Locale.objects.get(language_code="en"))
    assert made == 1
    assert english.live and english.title == "EN Déclarer un essai"
    assert Translation.objects.get(source__object_id=guide.translation_key).target_locale == (
        english.locale
    )
    response = client.get(english.url)
    assert response.status_code == 200
    assert "EN Un résumé d’essai." in response.content.decode()
    # run again, it leaves the translation as it is
    assert translate_guides([GuideTranslation(SLUG, "en", po)]) == 0


def test_a_po_file_that_no_longer_matches_its_guide_stops_the_seeding(guide):
    # arrange: the guide's steps changed since its PO file was exported
    po = translated(exported_po(guide))
    guide.steps = json.dumps(
        [
            {
                "type": "step",
                "value": {
                    "title": "Une étape ajoutée",
                    "text": "<p>Son texte.</p>",
                    "link": "",
                    "link_label": "",
                },
            }
        ]
    )
    guide.save_revision().publish()
    # act / assert
    with pytest.raises(ValueError, match=f"translations/en/{SLUG}.po no longer matches"):
        translate_guides([GuideTranslation(SLUG, "en", po)])
    assert guide.get_translation_or_none(Locale.objects.get(language_code="en")) is None


def test_the_loader_refuses_a_po_file_with_an_untranslated_entry(guide, tmp_path):
    # arrange
    po = translated(exported_po(guide))
    po[0].msgstr = ""
    (tmp_path / "translations" / "en").mkdir(parents=True)
    po.save(str(tmp_path / "translations" / "en" / f"{SLUG}.po"))
    # act / assert
    with pytest.raises(ValueError, match="untranslated or fuzzy entries"):
        guide_translations([SLUG], tmp_path / "translations")


def test_the_loader_refuses_a_po_file_named_after_no_guide(guide, tmp_path):
    # arrange
    (tmp_path / "translations" / "en").mkdir(parents=True)
    translated(exported_po(guide)).save(str(tmp_path / "translations" / "en" / "inconnu.po"))
    # act / assert
    with pytest.raises(ValueError, match="no guide has the slug “inconnu”"):
        guide_translations([SLUG], tmp_path / "translations")
