import json

import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from home.models import HomePage, MainMenu, StandardPage

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
    demo_site, client, django_capture_on_commit_callbacks
):
    # arrange
    home = HomePage.objects.get(locale__language_code="fr")
    page = home.add_child(
        instance=StandardPage(
            title="Aide au logement",
            slug="aide-logement",
            intro="Qui peut en bénéficier.",
            body=json.dumps([{"type": "text", "value": "<p>Demandez-la en ligne.</p>"}]),
        )
    )
    page.save_revision().publish()
    # act
    english = translate_everything(page, "en", "[EN] ", django_capture_on_commit_callbacks)
    response = client.get(english.url)
    # assert
    html = response.content.decode()
    assert response.status_code == 200
    assert english.url.startswith("/en/")
    assert "[EN] Aide au logement" in html
    assert "[EN] Demandez-la en ligne." in html
    assert '<html lang="en"' in html
    # the French page links to its new translation
    assert f'href="{english.url}" lang="en"' in client.get("/aide-logement/").content.decode()


def test_the_main_menu_is_translatable(demo_site):
    menu = MainMenu.objects.get(locale__language_code="fr")
    menu_in_en = MainMenu.objects.get(locale__language_code="en")
    assert menu.translation_key == menu_in_en.translation_key
    assert [item.page.locale.language_code for item in menu_in_en.items.all()] == ["en"] * 3
