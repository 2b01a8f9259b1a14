"""Partner pages: tree rules, the list of partners, a partner with its guides and the
maisons where it holds permanences, in French and in English."""

import json
from datetime import date, time

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from directory.models import (
    DirectoryIndexPage,
    GuideIndexPage,
    MaisonPage,
    Partner,
    PartnerIndexPage,
    PartnerPresence,
)
from directory.partners.profiles import describe_schedule
from home.models import HomePage, StandardPage
from portal.demo.builders.directory import ensure_partner_index
from tests.factories import (
    GuidePageFactory,
    MaisonPageFactory,
    PartnerFactory,
    PartnerPresenceFactory,
)

pytestmark = pytest.mark.django_db

DASH = "\u2013"
OFFICE_SLUG = "office-essai-prestations"
OFFICE_URL = f"/partenaires/{OFFICE_SLUG}/"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def maison_link(html: BeautifulSoup, maison: MaisonPage):
    return html.select_one(f"#rencontrer ~ ul a[href='{maison.url}']")


# Page tree -----------------------------------------------------------------------------


class PartnerTreeRulesTests(WagtailPageTestCase):
    def test_the_partner_index_lives_only_under_a_home_page_once(self):
        self.assertAllowedParentPageTypes(PartnerIndexPage, {HomePage})
        self.assertCanNotCreateAt(StandardPage, PartnerIndexPage)
        self.assertCanNotCreateAt(DirectoryIndexPage, PartnerIndexPage)
        self.assertCanNotCreateAt(GuideIndexPage, PartnerIndexPage)
        self.assertCanNotCreateAt(Page, PartnerIndexPage)
        french_home = HomePage.objects.get(locale__language_code="fr")
        self.assertFalse(PartnerIndexPage.can_create_at(french_home))  # the skeleton's

    def test_the_partner_index_has_no_children(self):
        self.assertAllowedSubpageTypes(PartnerIndexPage, set())
        self.assertCanNotCreateAt(PartnerIndexPage, StandardPage)


# The index ------------------------------------------------------------------------------


def test_the_partner_index_is_published_in_both_languages():
    # arrange: the skeleton's index taken away, so that the builder makes it anew
    PartnerIndexPage.objects.all().delete()
    # act
    ensure_partner_index(
        {
            "fr": {"slug": "partenaires", "title": "Partenaires"},
            "en": {"slug": "partners", "title": "Partners"},
        }
    )
    # assert
    french = PartnerIndexPage.objects.live().get(locale__language_code="fr")
    english = PartnerIndexPage.objects.get(locale__language_code="en")
    assert (french.title, french.url) == ("Partenaires", "/partenaires/")
    assert (english.title, english.url, english.live) == ("Partners", "/en/partners/", True)


# The list of partners ------------------------------------------------------------------


def test_the_index_lists_every_partner_national_first(client):
    # arrange: two national partners and two local ones, created local first
    local = PartnerFactory(name="Association locale d’essai", slug="association-locale-essai")
    PartnerFactory(name="Conciliateur d’essai", slug="conciliateur-essai")
    national = PartnerFactory(
        name="Office national d’essai",
        short_name="ONE",
        slug="office-national-essai",
        national=True,
    )
    PartnerFactory(name="Caisse nationale d’essai", slug="caisse-nationale-essai", national=True)
    # act
    response = client.get("/partenaires/")
    # assert
    assert response.status_code == 200
    html = soup(response)
    links = html.select("main .fr-card__title a")
    everyone = Partner.objects.filter(locale__language_code="fr")
    assert {a.get_text(strip=True) for a in links} == {p.display_name for p in everyone}
    assert {a["href"] for a in links} == {f"/partenaires/{p.slug}/" for p in everyone}
    assert len(links) == 4
    national_count = everyone.filter(national=True).count()
    assert national_count == 2
    first = {a.get_text(strip=True) for a in links[:national_count]}
    assert first == {"Office national d’essai (ONE)", "Caisse nationale d’essai"}
    assert [h2["id"] for h2 in html.select("main h2")] == ["nationaux", "locaux"]
    in_national = [a["href"] for a in html.select("#nationaux + p + ul .fr-card__title a")]
    in_local = [a["href"] for a in html.select("#locaux + p + ul .fr-card__title a")]
    assert "/partenaires/office-national-essai/" in in_national
    assert "/partenaires/association-locale-essai/" in in_local
    assert national.display_name == "Office national d’essai (ONE)"
    assert local.display_name not in {a.get_text(strip=True) for a in links[:national_count]}


# A partner -----------------------------------------------------------------------------


def test_a_partner_page_shows_its_description_contacts_and_services(client):
    # arrange
    partner = PartnerFactory(
        name="Office d’essai des prestations",
        short_name="OEP",
        slug=OFFICE_SLUG,
        national=True,
        description="<p>L’office verse les prestations d’essai aux familles.</p>",
        website="https://www.office-essai.example",
        online_services=json.dumps(
            [
                {
                    "type": "service",
                    "value": {
                        "label": "Mes prestations d’essai",
                        "page": None,
                        "url": "https://services.office-essai.example",
                    },
                }
            ]
        ),
        phone="32 30",
        email="contact@office-essai.example",
        postal_address="1 rue de l’Exemple\n34000 Montpellier",
    )
    # act
    response = client.get(OFFICE_URL)
    # assert
    assert response.status_code == 200
    html = soup(response)
    assert partner.display_name == "Office d’essai des prestations (OEP)"
    assert html.find("h1").get_text(strip=True) == "Office d’essai des prestations (OEP)"
    assert html.title.get_text().startswith("Office d’essai des prestations (OEP)")
    assert "prestations d’essai aux familles" in html.select_one("main .fr-text--lead").get_text()
    assert html.select_one("a[href='https://www.office-essai.example'][rel=external]") is not None
    assert html.select_one("a[href='tel:3230']").get_text(strip=True) == "32 30"
    assert html.select_one("a[href='mailto:contact@office-essai.example']") is not None
    assert "34000 Montpellier" in html.find("address").get_text()
    assert html.select_one("a[href='https://services.office-essai.example']") is not None
    crumbs = [a.get_text(strip=True) for a in html.select(".fr-breadcrumb__link")]
    assert crumbs[-2:] == ["Partenaires", "Office d’essai des prestations (OEP)"]


def test_a_partner_page_lists_its_guides_and_where_to_meet_it(client):
    # arrange
    partner = PartnerFactory(name="Office d’essai des prestations", slug=OFFICE_SLUG)
    guides = [
        GuidePageFactory(title="Demander l’aide d’essai", partners=[partner]),
        GuidePageFactory(title="Déclarer ses ressources d’essai", partners=[partner]),
    ]
    GuidePageFactory(title="Démarche d’un autre organisme", partners=[PartnerFactory()])
    maison = MaisonPageFactory(title="France Services du Causse d’essai")
    PartnerPresenceFactory(
        maison=maison, partner=partner, weekday=1, starts=time(9), ends=time(12)
    )
    # act
    html = soup(client.get(OFFICE_URL))
    # assert
    listed = {a.get_text(strip=True) for a in html.select("#demarches + ul a")}
    assert listed == {"Demander l’aide d’essai", "Déclarer ses ressources d’essai"}
    assert html.select_one(f"#demarches + ul a[href='{guides[0].url}']")
    link = maison_link(html, maison)
    assert link.get_text(strip=True) == "France Services du Causse d’essai"
    assert f"09:00{DASH}12:00" in link.find_parent("li").get_text()
    maisons = [a["href"] for a in html.select("#rencontrer ~ ul h3 a")]
    assert maisons == [maison.url]  # the partner's only permanence


def test_a_local_partner_page_lists_its_permanence_maison(client):
    # arrange
    partner = PartnerFactory(name="Conciliateur d’essai", slug="conciliateur-essai")
    maison = MaisonPageFactory(title="France Services du Causse d’essai")
    PartnerPresenceFactory(
        maison=maison,
        partner=partner,
        weekday=2,
        starts=time(14),
        ends=time(17),
        notes="Sur rendez-vous à l’accueil.",
    )
    # act
    response = client.get("/partenaires/conciliateur-essai/")
    # assert
    assert response.status_code == 200
    item = maison_link(soup(response), maison).find_parent("li")
    assert f"14:00{DASH}17:00" in item.get_text()
    assert "Sur rendez-vous à l’accueil." in item.get_text()


def test_maisons_are_ordered_by_commune_and_unpublished_ones_left_out(client):
    # arrange
    partner = PartnerFactory(name="Conciliateur d’essai", slug="conciliateur-essai")
    maisons = [
        MaisonPageFactory(title="France Services de Zeta-essai", commune_name="Saint-Pons"),
        MaisonPageFactory(title="France Services d’Agde-essai", commune_name="Agde"),
        MaisonPageFactory(title="France Services de Béziers-essai", commune_name="Béziers"),
    ]
    for maison in maisons:
        PartnerPresenceFactory(maison=maison, partner=partner, weekday=4, starts=time(9))
    maisons[2].unpublish()
    # act
    html = soup(client.get("/partenaires/conciliateur-essai/"))
    # assert
    communes = [p.get_text(strip=True) for p in html.select("#rencontrer ~ ul h3 + p")]
    assert communes == ["Agde", "Saint-Pons"]
    assert maison_link(html, maisons[0]) is not None
    assert maison_link(html, maisons[1]) is not None
    assert maison_link(html, maisons[2]) is None


def test_an_unknown_partner_is_not_found(client):
    assert client.get("/partenaires/inconnu/").status_code == 404


def test_the_english_page_marks_what_is_still_in_french(client):
    # arrange: a partner, its guide and its maison in French only
    partner = PartnerFactory(name="Office d’essai des prestations", slug=OFFICE_SLUG)
    GuidePageFactory(title="Demander l’aide d’essai", partners=[partner])
    PartnerPresenceFactory(
        maison=MaisonPageFactory(title="France Services du Causse d’essai"),
        partner=partner,
        frequency="biweekly",
        weekday=3,
        reference_date=date(2026, 1, 8),
    )
    # act
    response = client.get(f"/en/partners/{OFFICE_SLUG}/")
    # assert
    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == "en"
    assert html.find("h1")["lang"] == "fr"  # the partner is not translated yet
    assert "Where to meet it" in [h2.get_text(strip=True) for h2 in html.select("main h2")]
    guide_links = html.select("#demarches + ul a")
    assert [a.get_text(strip=True) for a in guide_links] == ["Demander l’aide d’essai"]
    assert all(a["lang"] == "fr" and a["hreflang"] == "fr" for a in guide_links)
    assert "(in French)" in html.select_one("#demarches + ul li").get_text()
    assert "every other Thursday" in html.select_one("#rencontrer ~ ul li li").get_text()


# Cost ----------------------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    client.get(url)  # fills the caches of the page's shell
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_partner_page_costs_the_same_whatever_its_maisons_and_guides(
    client, django_assert_max_num_queries, settings
):
    # arrange: rendered each time (the whole-page cache would answer without a query)
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if not name.endswith("PublicPageCacheMiddleware")
    ]
    partner = PartnerFactory(name="Office d’essai des prestations", slug=OFFICE_SLUG)
    PartnerPresenceFactory(maison=MaisonPageFactory(), partner=partner, weekday=1)
    GuidePageFactory(partners=[partner])
    few = count_queries(client, OFFICE_URL)
    for _ in range(6):
        maison = MaisonPageFactory()
        for weekday in (0, 3):
            PartnerPresenceFactory(
                maison=maison, partner=partner, weekday=weekday, starts=time(9), ends=time(12)
            )
    for _ in range(5):
        GuidePageFactory(partners=[partner])
    client.get(OFFICE_URL)
    # act / assert
    with django_assert_max_num_queries(few):
        html = soup(client.get(OFFICE_URL))
    assert len(html.select("#rencontrer ~ ul h3 a")) == 7
    assert len(html.select("#demarches + ul a")) == 6


# The schedule in words -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"frequency": "weekly", "weekday": 0}, "every Monday"),
        (
            {"frequency": "biweekly", "weekday": 3, "reference_date": date(2026, 1, 8)},
            "every other Thursday",
        ),
        ({"frequency": "monthly_nth", "weekday": 1, "nth": 2}, "the second Tuesday of the month"),
        ({"frequency": "monthly_nth", "weekday": 4, "nth": -1}, "the last Friday of the month"),
        ({"frequency": "dates", "dates": "03/06/2030\n01/01/2020"}, "on 3 June 2030"),
        ({"frequency": "dates", "dates": "01/01/2020"}, None),  # all past
        ({"frequency": "weekly"}, None),  # no weekday: the row bypassed validation
    ],
)
def test_a_presence_schedule_is_described_in_words(fields, expected):
    presence = PartnerPresence(starts=time(9), ends=time(12), **fields)
    with translation.override("en"):
        assert describe_schedule(presence, today=date(2026, 11, 23)) == expected


def test_partner_pages_are_kept_whole_until_the_content_changes(client):
    # arrange
    partner = PartnerFactory(
        name="Office d’essai des prestations",
        slug=OFFICE_SLUG,
        description="<p>Ancienne description.</p>",
    )
    client.get(OFFICE_URL)
    # act / assert: the second request is answered from the page cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(OFFICE_URL).status_code == 200
    assert len(queries) == 0
    partner.description = "<p>Nouvelle description.</p>"
    partner.save()
    assert "Nouvelle description." in client.get(OFFICE_URL).content.decode()
