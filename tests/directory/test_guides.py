"""Procedure guides: tree rules, the demo guides, the index and a guide rendered."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from directory.models import (
    DirectoryIndexPage,
    GuideAudience,
    GuideIndexPage,
    GuidePage,
    GuideTheme,
)
from home.models import HomePage, StandardPage
from portal.demo.loader import content as demo_content
from tests.auth import login_with_second_factor

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


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


class GuideTreeRulesTests(WagtailPageTestCase):
    def test_the_guide_index_lives_only_under_a_home_page_once(self):
        self.assertAllowedParentPageTypes(GuideIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(GuideIndexPage, {GuidePage})
        self.assertCanNotCreateAt(StandardPage, GuideIndexPage)
        self.assertCanNotCreateAt(DirectoryIndexPage, GuideIndexPage)
        self.assertCanNotCreateAt(Page, GuideIndexPage)
        french_home = HomePage.objects.get(locale__language_code="fr")
        self.assertFalse(GuideIndexPage.can_create_at(french_home))  # the demo has one

    def test_guides_live_only_under_the_guide_index_and_have_no_children(self):
        self.assertAllowedParentPageTypes(GuidePage, {GuideIndexPage})
        self.assertAllowedSubpageTypes(GuidePage, set())
        self.assertCanNotCreateAt(HomePage, GuidePage)
        self.assertCanNotCreateAt(StandardPage, GuidePage)


def test_the_demo_has_the_common_tasks_with_their_taxonomies(demo_site):
    guides = GuidePage.objects.live()
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


def test_the_index_lists_every_guide_over_its_pages(demo_site, client):
    titles = []
    for page in (1, 2):
        response = client.get("/demarches/", {"page": page})
        assert response.status_code == 200
        titles += [a.get_text(strip=True) for a in soup(response).select(".fr-card__title a")]
    expected = GuidePage.objects.live().filter(locale__language_code="fr")
    assert sorted(titles) == sorted(expected.values_list("title", flat=True))


def test_a_guide_shows_its_sections_in_order(demo_site, client):
    guide = GuidePage.objects.live().get(slug__contains="carte-grise")
    response = client.get(guide.url)
    assert response.status_code == 200
    html = soup(response)
    headings = [h2.get_text(strip=True) for h2 in html.select("main h2")]
    for expected in ("En bref", "Qui est concerné", "Étapes", "Documents à apporter"):
        assert expected in headings
    assert len(html.select("ol.guide-steps > li")) == len(guide.steps)
    assert len(html.select("ul.guide-checklist > li")) == len(guide.documents)
    assert html.find("h1").get_text(strip=True) == guide.title


def test_related_guides_link_to_live_guides_only(demo_site, client):
    guide = next(g for g in GuidePage.objects.live() if g.related_guides.exists())
    related = guide.related_guides.first()
    assert related.url in client.get(guide.url).content.decode()
    related.unpublish()
    assert f'href="{related.url}"' not in client.get(guide.url).content.decode()


def test_editors_manage_themes_and_audiences_as_snippets(demo_site, client):
    admin = get_user_model().objects.create_superuser("editor@example.org", "pass-w0rd-Long")
    login_with_second_factor(client, admin)
    for model in ("guidetheme", "guideaudience"):
        response = client.get(f"/admin/snippets/directory/{model}/")
        assert response.status_code == 200, model
    assert "Famille" in client.get("/admin/snippets/directory/guidetheme/").content.decode()
