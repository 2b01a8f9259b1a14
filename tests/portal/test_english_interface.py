"""Every interface string is translated: each family of pages, rendered in English, shows
no text of the French catalog outside the elements marked ``lang="fr"`` (the content not
translated yet: maisons' data, guides and partners shown in French).

The French catalog's texts (its ``msgstr``, cut at their placeholders) are looked for in
the text and the attributes people read (``title``, ``aria-label``, ``placeholder``,
``alt``, the scripts' labels) and in the JSON the pages' scripts show; a text that is
also English (a word of the English messages, "France Services") proves nothing.
"""

import json
import re
from functools import cache

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from directory.models import Department, GuidePage
from tests.factories import (
    GuidePageFactory,
    GuideThemeFactory,
    MaisonPageFactory,
    PartnerFactory,
    PartnerPresenceFactory,
)

pytestmark = pytest.mark.django_db

CATALOG = settings.BASE_DIR / "locale" / "fr" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sdf]|\{\w*\}")
PUNCTUATION = " ,.:;()«»“”\"'’—–-…!?/·"
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
MIN_LENGTH = 4


def _fragments(text: str) -> list[str]:
    return [" ".join(part.split()).strip(PUNCTUATION) for part in PLACEHOLDER.split(text)]


@cache
def french_texts() -> dict[str, re.Pattern]:
    """{French text: the pattern finding it as whole words} of the catalog's messages."""
    catalog = polib.pofile(str(CATALOG))
    english = {
        fragment.casefold()
        for entry in catalog
        for source in (entry.msgid, entry.msgid_plural)
        for fragment in _fragments(source or "")
    }
    english_words = {word for fragment in english for word in re.findall(r"\w+", fragment)}
    texts = {}
    for entry in catalog.translated_entries():
        for message in [entry.msgstr] if entry.msgstr else entry.msgstr_plural.values():
            for fragment in _fragments(message):
                if len(fragment) < MIN_LENGTH or fragment.casefold() in english:
                    continue
                if " " not in fragment and fragment.casefold() in english_words:
                    continue
                texts[fragment] = re.compile(rf"(?<!\w){re.escape(fragment)}(?!\w)")
    return texts


def read_text(html: str) -> str:
    """What a visitor reads of the page, outside the elements in French."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.select('html [lang^="fr"]'):
        element.decompose()
    parts = [
        script.string or ""
        for script in soup.find_all("script", type="application/json")
        if script.string
    ]
    for element in soup.find_all(["script", "style"]):
        element.decompose()
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            if name in READ_ATTRIBUTES or name.startswith(("data-label", "data-copied")):
                parts.append(value if isinstance(value, str) else " ".join(value))
    parts.append(soup.get_text(" "))
    return "\n".join(parts)


def french_in(html: str) -> list[str]:
    text = read_text(html)
    return sorted(fragment for fragment, pattern in french_texts().items() if pattern.search(text))


# The page families, built with the factories -------------------------------------------

ENGLISH = {
    "Vendre un véhicule d’essai": "Sell a trial vehicle",
    "vendre-un-vehicule-dessai": "sell-a-trial-vehicle",
    "Ce qu’il faut savoir pour vendre.": "What to know to sell.",
    "Toute personne qui vend un véhicule d’essai.": "Anyone selling a trial vehicle.",
    "Préparer la vente": "Get ready to sell",
    "Réunir les papiers du véhicule.": "Gather the vehicle’s papers.",
}


def translate(guide: GuidePage, capture_on_commit) -> GuidePage:
    """The guide's English translation, made with wagtail-localize as an editor would."""
    source, _ = TranslationSource.get_or_create_from_instance(guide)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="en")
    )
    po = translation.export_po()
    for entry in po:
        entry.msgstr = ENGLISH[entry.msgid]
    translation.import_po(po)
    with capture_on_commit(execute=True):
        translation.save_target(publish=True)
    return guide.get_translation(translation.target_locale)


def steps(title: str, text: str) -> str:
    step = {"title": title, "text": f"<p>{text}</p>", "link": "", "link_label": ""}
    return json.dumps([{"type": "step", "value": step}])


@pytest.fixture
def site(db, django_capture_on_commit_callbacks) -> dict[str, str]:
    """{family: English address} of a page of each family."""
    partner = PartnerFactory(name="Office d’essai du Gévaudan", slug="office-essai-gevaudan")
    theme = GuideThemeFactory(name="Véhicules d’essai", slug="vehicules-essai")
    maison = MaisonPageFactory(
        title="France Services du Gévaudan d’essai",
        slug="france-services-du-gevaudan-dessai",
        postcode="48000",
        commune_name="Mende",
        department=Department.objects.get(code="48"),
        latitude=44.5349,
        longitude=3.4909,
        booking=True,
        remarks="Accueil sur rendez-vous le mercredi.",
        hours=[(weekday, "09:00", "12:00") for weekday in range(6)],
    )
    PartnerPresenceFactory(maison=maison, partner=partner, weekday=2, notes="Sans rendez-vous")
    untranslated = GuidePageFactory(
        title="Immatriculer un véhicule d’essai",
        slug="immatriculer-un-vehicule-dessai",
        partners=[partner],
        themes=[theme],
        steps=steps("Réunir les pièces", "Rassembler les papiers demandés."),
        cost="Gratuit",
        delay="Quelques jours",
    )
    guide = GuidePageFactory(
        title="Vendre un véhicule d’essai",
        slug="vendre-un-vehicule-dessai",
        summary="Ce qu’il faut savoir pour vendre.",
        who="<p>Toute personne qui vend un véhicule d’essai.</p>",
        steps=steps("Préparer la vente", "Réunir les papiers du véhicule."),
        partners=[partner],
        themes=[theme],
    )
    guide.related_guides.set([untranslated])
    guide.save_revision().publish()
    english = translate(guide, django_capture_on_commit_callbacks)
    return {
        "home": "/en/",
        "directory search": "/en/maisons/?q=Mende&lat=44.53491&lon=3.49086",
        "department": "/en/maisons/departement/48/",
        "maison": f"/en/maisons/{maison.slug}/",
        "guide index": "/en/procedures/",
        "guide": english.url,
        "untranslated guide": f"/en/procedures/{untranslated.slug}/",
        "guide help": f"/en/procedures/{untranslated.slug}/?q=Mende&lat=44.53491&lon=3.49086",
        "partners": "/en/partners/",
        "partner": f"/en/partners/{partner.slug}/",
        "search results": "/en/recherche/?q=vehicle",
        "search without results": "/en/recherche/?q=zzyzx",
        "page not found": "/en/no-such-page/",
    }


FAMILIES = [
    "home",
    "directory search",
    "department",
    "maison",
    "guide index",
    "guide",
    "untranslated guide",
    "guide help",
    "partners",
    "partner",
    "search results",
    "search without results",
    "page not found",
]


@pytest.mark.parametrize("family", FAMILIES)
def test_an_english_page_shows_no_french_interface_text(site, client, family):
    # act
    response = client.get(site[family])
    # assert
    assert response.status_code == (404 if family == "page not found" else 200)
    html = response.content.decode()
    assert BeautifulSoup(html, "html.parser").html["lang"] == "en"
    assert french_in(html) == []


def test_the_check_finds_french_interface_text_outside_french_elements(site, client):
    # arrange: a page in French
    html = client.get("/maisons/departement/48/").content.decode()
    # act
    found, marked = french_in(html), french_in(html.replace("<body>", '<body lang="fr">'))
    # assert
    assert "Accueil" in found
    assert marked == []


def test_the_french_republic_block_stays_french_and_says_so(client):
    # act
    html = BeautifulSoup(client.get("/en/").content, "html.parser")
    # assert: the State's name is not translated, its language is marked
    logos = html.select(".fr-logo")
    assert logos and all(logo["lang"] == "fr" for logo in logos)
