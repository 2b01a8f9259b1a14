"""The demo's procedure guides: a test of the demo itself, which seeds it (``demo_site``)."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale
from wagtail_localize.models import Translation

from directory.models import GuideAudience, GuidePage, GuideTheme
from portal.demo.loader import content as demo_content

pytestmark = pytest.mark.django_db

# Tasks the issue names, each with a guide of the demo.
REQUIRED_TASKS = {
    "prime-activite",
    "rsa",
    "aide-logement",
    "compte-ameli",
    "complementaire-sante-solidaire",
    "demande-retraite",
    "declaration-revenus",
    "prelevement-source",
    "inscription-france-travail",
    "actualisation-france-travail",
    "carte-grise",
    "carte-identite",
    "passeport",
    "procuration-vote",
    "cheque-energie",
    "aide-juridictionnelle",
}


def test_the_demo_has_the_common_tasks_with_their_taxonomies(demo_site):
    guides = GuidePage.objects.live().filter(locale__language_code="fr")
    assert guides.count() >= 25
    slugs = set(guides.values_list("slug", flat=True))
    missing = {task for task in REQUIRED_TASKS if not any(task in slug for slug in slugs)}
    assert not missing, missing
    for guide in guides.prefetch_related("themes", "partners", "audiences"):
        assert guide.themes.exists() and guide.partners.exists(), guide.slug
        assert guide.audiences.exists() and len(guide.steps) >= 3, guide.slug
    assert GuideTheme.objects.filter(locale__language_code="fr").count() >= 11
    assert GuideAudience.objects.filter(locale__language_code="en").count() == 2
    assert len(demo_content().guides) == guides.count()


# The guides the demo translates into English (PO files of ``content/translations/en/``),
# with their English addresses.
ENGLISH_GUIDES = {
    "passeport": "/en/procedures/passport/",
    "carte-identite": "/en/procedures/identity-card/",
    "permis-de-conduire": "/en/procedures/driving-licence/",
    "carte-grise": "/en/procedures/vehicle-registration/",
    "aide-logement": "/en/procedures/housing-benefit/",
}


def test_the_demo_translates_guides_into_english_with_wagtail_localize(demo_site, client):
    english = Locale.objects.get(language_code="en")
    for slug, url in ENGLISH_GUIDES.items():
        # arrange
        guide = GuidePage.objects.get(slug=slug, locale__language_code="fr")
        # act
        translated = guide.get_translation(english)
        response = client.get(url)
        # assert: made by wagtail-localize, live, in English, without the notice
        assert Translation.objects.filter(
            source__object_id=guide.translation_key, target_locale=english
        ).exists(), slug
        assert translated.live and translated.url == url
        assert response.status_code == 200, slug
        html = BeautifulSoup(response.content, "html.parser")
        assert not html.select(".fr-notice"), slug
        assert not html.find("h1").has_attr("lang")
        assert html.find("h1").get_text(strip=True) != guide.title


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("passport", "passeport"),
        ("identity card", "carte-identite"),
        ("driving licence", "permis-de-conduire"),
        ("driver’s license", "permis-de-conduire"),
        ("vehicle registration", "carte-grise"),
        ("carte grise", "carte-grise"),
    ],
)
def test_the_english_search_finds_the_english_guide_first(demo_site, client, query, slug):
    # act
    response = client.get("/en/recherche/", {"q": query})
    # assert
    hits = response.context["hits"]
    assert hits and hits[0].url == ENGLISH_GUIDES[slug], [hit.url for hit in hits]
