"""Pages and the main menu are translated with wagtail-localize.

Each test builds the pages it translates with the factories of ``tests/factories.py``,
at addresses the demo does not use; the French and English homes and the French menu are
the skeleton they join.
"""

import json

import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from home.factories import ensure_main_menu, ensure_translation
from home.models import MainMenu
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def translate_everything(instance, language_code: str, prefix: str, capture_on_commit):
    """Translate ``instance`` with wagtail-localize, as a translator would in the editor.

    wagtail-localize publishes once the transaction commits: run those callbacks.
    """
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code=language_code)
    )
    po = translation.export_po()
    for entry in po:
        entry.msgstr = f"{prefix}{entry.msgid}"
    translation.import_po(po)
    with capture_on_commit(execute=True):
        translation.save_target(publish=True)
    return instance.get_translation(translation.target_locale)


def test_a_standard_page_is_translated_end_to_end_with_wagtail_localize(
    client, django_capture_on_commit_callbacks
):
    # arrange
    page = StandardPageFactory(
        title="Aide d’essai au logement",
        slug="aide-dessai-au-logement",
        intro="Qui peut en bénéficier, à l’essai.",
        body=json.dumps([{"type": "text", "value": "<p>Demandez-la en ligne, à l’essai.</p>"}]),
    )
    page.save_revision().publish()
    # act
    english = translate_everything(page, "en", "[EN] ", django_capture_on_commit_callbacks)
    response = client.get(english.url)
    # assert
    html = response.content.decode()
    assert response.status_code == 200
    # the slug is translated too: "[EN] aide-dessai-au-logement", slugified
    assert english.url == "/en/en-aide-dessai-au-logement/"
    assert "[EN] Aide d’essai au logement" in html
    assert "[EN] Qui peut en bénéficier, à l’essai." in html
    assert "[EN] Demandez-la en ligne, à l’essai." in html
    assert '<html lang="en"' in html
    # the French page links to its new translation
    french = client.get("/aide-dessai-au-logement/").content.decode()
    assert f'href="{english.url}" lang="en"' in french


def test_the_main_menu_is_translatable():
    # arrange: a page and its English translation; the English menu is made again, as
    # the seeding makes it, with the English page as its entry
    page = StandardPageFactory(title="Rubrique d’essai", slug="rubrique-dessai")
    english_page = ensure_translation(
        page, language_code="en", title="Trial section", slug="trial-section"
    )
    MainMenu.objects.filter(locale__language_code="en").delete()
    ensure_main_menu(language_code="en", items=[(english_page, "")])
    # act
    menu = MainMenu.objects.get(locale__language_code="fr")
    menu_in_en = MainMenu.objects.get(locale__language_code="en")
    # assert
    assert menu.translation_key == menu_in_en.translation_key
    assert menu_in_en.get_translation(menu.locale) == menu
    assert [(item.page_id, item.page.locale.language_code) for item in menu_in_en.items.all()] == [
        (english_page.pk, "en")
    ]
