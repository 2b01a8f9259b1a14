"""Procedure guides: tree rules, the index and a guide rendered.

The tests build the guides, themes and audiences they read with the factories of
``tests/factories.py``; the demo's own guides are checked in ``test_demo_guides.py``."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from directory.guides.listing import GUIDES_PER_PAGE
from directory.models import DirectoryIndexPage, GuideIndexPage, GuidePage
from home.models import HomePage, StandardPage
from tests.auth import login_with_second_factor
from tests.factories import (
    GuideAudienceFactory,
    GuidePageFactory,
    GuideThemeFactory,
    HomePageFactory,
)

pytestmark = pytest.mark.django_db


def steps(*titles: str) -> str:
    return json.dumps(
        [
            {
                "type": "step",
                "value": {
                    "title": title,
                    "text": f"<p>{title}.</p>",
                    "link": "",
                    "link_label": "",
                },
            }
            for title in titles
        ]
    )


def documents(*names: str) -> str:
    return json.dumps([{"type": "document", "value": name} for name in names])


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


class GuideTreeRulesTests(WagtailPageTestCase):
    def test_the_guide_index_lives_only_under_a_home_page_once(self):
        # arrange: the French home holds the skeleton's guide index, a new home holds none
        french_home = HomePage.objects.get(locale__language_code="fr", depth=2, slug="accueil")
        new_home = HomePageFactory(title="Accueil d’essai", slug="accueil-dessai")
        # act / assert
        self.assertAllowedParentPageTypes(GuideIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(GuideIndexPage, {GuidePage})
        self.assertCanNotCreateAt(StandardPage, GuideIndexPage)
        self.assertCanNotCreateAt(DirectoryIndexPage, GuideIndexPage)
        self.assertCanNotCreateAt(Page, GuideIndexPage)
        self.assertTrue(GuideIndexPage.objects.child_of(french_home).exists())
        self.assertFalse(GuideIndexPage.can_create_at(french_home))
        self.assertTrue(GuideIndexPage.can_create_at(new_home))

    def test_guides_live_only_under_the_guide_index_and_have_no_children(self):
        # arrange / act / assert
        self.assertAllowedParentPageTypes(GuidePage, {GuideIndexPage})
        self.assertAllowedSubpageTypes(GuidePage, set())
        self.assertCanNotCreateAt(HomePage, GuidePage)
        self.assertCanNotCreateAt(StandardPage, GuidePage)


def test_the_index_lists_every_guide_over_its_pages(client):
    # arrange: two more live guides than a page holds, and a draft that is not listed
    ours = [
        GuidePageFactory(title=f"Démarche d’essai {number:02d}").title
        for number in range(GUIDES_PER_PAGE + 2)
    ]
    GuidePageFactory(title="Démarche d’essai en brouillon", live=False)
    # act: every page of the listing, following the pagination
    titles, number = [], 1
    while True:
        response = client.get("/demarches/", {"page": number})
        assert response.status_code == 200
        html = soup(response)
        titles += [a.get_text(strip=True) for a in html.select(".fr-card__title a")]
        if not html.select_one(f".fr-pagination a[href*='page={number + 1}']"):
            break
        number += 1
    # assert: two pages, which list every live French guide: ours, not the draft
    assert number == 2
    index = GuideIndexPage.objects.get(locale__language_code="fr", slug="demarches")
    expected = GuidePage.objects.live().child_of(index)
    assert sorted(titles) == sorted(expected.values_list("title", flat=True))
    assert sorted(titles) == sorted(ours)
    assert "Démarche d’essai en brouillon" not in titles


def test_a_guide_shows_its_sections_in_order(client):
    # arrange: three steps, two documents
    guide = GuidePageFactory(
        title="Immatriculer une trottinette d’essai",
        steps=steps("Réunir les pièces", "Remplir le formulaire", "Envoyer la demande"),
        documents=documents("Pièce d’identité", "Facture d’achat"),
    )
    # act
    response = client.get(guide.url)
    # assert
    assert response.status_code == 200
    html = soup(response)
    headings = [h2.get_text(strip=True) for h2 in html.select("main h2")]
    sections = ["En bref", "Qui est concerné", "Étapes", "Documents à apporter"]
    assert [heading for heading in headings if heading in sections] == sections
    assert [h3.get_text(strip=True) for h3 in html.select("ol.guide-steps > li > h3")] == [
        "Réunir les pièces",
        "Remplir le formulaire",
        "Envoyer la demande",
    ]
    assert [li.get_text(strip=True) for li in html.select("ul.guide-checklist > li")] == [
        "Pièce d’identité",
        "Facture d’achat",
    ]
    assert html.find("h1").get_text(strip=True) == "Immatriculer une trottinette d’essai"


def test_related_guides_link_to_live_guides_only(client):
    # arrange: a guide related to another
    related = GuidePageFactory(title="Assurer une trottinette d’essai")
    guide = GuidePageFactory(title="Immatriculer une trottinette d’essai")
    guide.related_guides.set([related])
    guide.save_revision().publish()
    shown = client.get(guide.url).content.decode()
    # act
    related.unpublish()
    hidden = client.get(guide.url).content.decode()
    # assert
    assert f'href="{related.url}"' in shown
    assert "Assurer une trottinette d’essai" in shown
    assert f'href="{related.url}"' not in hidden
    assert "Assurer une trottinette d’essai" not in hidden


def test_editors_manage_themes_and_audiences_as_snippets(client):
    # arrange
    GuideThemeFactory(name="Aquariophilie d’essai", slug="aquariophilie-essai")
    GuideAudienceFactory(name="Apiculteurs d’essai", slug="apiculteurs-essai")
    admin = get_user_model().objects.create_superuser("editor@example.org", "pass-w0rd-Long")
    login_with_second_factor(client, admin)
    # act
    responses = {
        model: client.get(f"/admin/snippets/directory/{model}/")
        for model in ("guidetheme", "guideaudience")
    }
    # assert
    assert {model: r.status_code for model, r in responses.items()} == {
        "guidetheme": 200,
        "guideaudience": 200,
    }
    assert "Aquariophilie d’essai" in responses["guidetheme"].content.decode()
    assert "Apiculteurs d’essai" in responses["guideaudience"].content.decode()
