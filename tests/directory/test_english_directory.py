"""The directory in English (``/en/maisons/``): the same maisons, untranslated (they hold
data, not prose), with an English interface, at English addresses linked to the French
ones and back.

Each test builds its maisons with ``tests.factories``, in the Lozère, where no other test
puts one; the English directory is the skeleton's.
"""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from directory.models import Department, MaisonPage
from tests.factories import MaisonPageFactory, PartnerFactory, PartnerPresenceFactory

pytestmark = pytest.mark.django_db

MENDE = {"lat": "44.53491", "lon": "3.49086"}
TITLE = "France Services du Gévaudan d’essai"
SLUG = "france-services-du-gevaudan-dessai"
FRENCH_URL = f"/maisons/{SLUG}/"
ENGLISH_URL = f"/en/maisons/{SLUG}/"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def maison(db) -> MaisonPage:
    """A French maison of Mende (Lozère), open on weekday mornings, with remarks."""
    return MaisonPageFactory(
        title=TITLE,
        slug=SLUG,
        address="2 rue de l’Essai",
        postcode="48000",
        commune_name="Mende",
        insee_commune="48095",
        department=Department.objects.get(code="48"),
        latitude=44.5349,
        longitude=3.4909,
        remarks="Accueil sur rendez-vous le mercredi.",
        hours=[(weekday, "09:00", "12:00") for weekday in range(5)],
    )


def test_a_maison_is_shown_in_english_at_the_english_directory_without_a_page_of_its_own(
    maison, client
):
    # act
    response = client.get(ENGLISH_URL)
    # assert: an English interface around the French data
    assert response.status_code == 200
    assert MaisonPage.objects.filter(locale__language_code="en").count() == 0
    html = soup(response)
    assert html.html["lang"] == "en"
    assert html.find("h1")["lang"] == "fr"
    assert html.find("h1").get_text(strip=True) == TITLE
    assert html.find("address")["lang"] == "fr"
    assert "Opening hours" in [h2.get_text(strip=True) for h2 in html.select("main h2")]
    assert html.find(string="Accueil sur rendez-vous le mercredi.").parent["lang"] == "fr"
    crumbs = [a.get("href") for a in html.select("ol.fr-breadcrumb__list a")]
    assert crumbs[:3] == ["/en/", "/en/maisons/", "/en/maisons/departement/48/"]
    assert html.select_one("#maison-link")["value"] == f"{settings.PUBLIC_BASE_URL}{ENGLISH_URL}"


def test_the_french_and_english_addresses_of_a_maison_are_alternates_of_each_other(maison, client):
    # act
    french, english = soup(client.get(FRENCH_URL)), soup(client.get(ENGLISH_URL))
    # assert: each links to the other in the language switch and in the head
    assert french.find("a", href=ENGLISH_URL, hreflang="en")
    assert english.find("a", href=FRENCH_URL, hreflang="fr")
    for html in (french, english):
        alternates = {
            link["hreflang"]: link["href"] for link in html.select("link[rel=alternate]")
        }
        assert alternates == {"fr": FRENCH_URL, "en": ENGLISH_URL}
        assert not html.select("link[rel=canonical]")


def test_an_unknown_or_unpublished_maison_is_not_found_in_english(maison, client):
    # arrange
    maison.unpublish()
    # act / assert
    assert client.get(ENGLISH_URL).status_code == 404
    assert client.get("/en/maisons/no-such-maison/").status_code == 404
    assert client.get(f"/en/maisons/{SLUG}/extra/").status_code == 404


def test_the_english_search_leads_to_english_addresses(maison, client):
    # act
    response = client.get("/en/maisons/", {"q": "Mende", **MENDE})
    # assert
    assert response.status_code == 200
    html = soup(response)
    heading = html.select_one("#maison-results-heading").get_text(" ", strip=True)
    assert heading.startswith("1 France Services within 20 km")
    link = html.select_one("li.maison-result h3 a")
    assert (link["href"], link["lang"]) == (ENGLISH_URL, "fr")


def test_the_english_department_page_lists_the_maisons_at_english_addresses(maison, client):
    # act
    response = client.get("/en/maisons/departement/48/")
    # assert
    assert response.status_code == 200
    html = soup(response)
    assert html.find("h1").get_text(strip=True) == "France Services in Lozère (48)"
    assert html.select_one("main h1 + p").get_text(" ", strip=True) == (
        "1 France Services: 1 fixed"
    )
    link = html.select_one("main h2 a")
    assert (link["href"], link["lang"], link.get_text()) == (ENGLISH_URL, "fr", TITLE)


def test_the_english_partner_page_leads_to_the_english_address_of_a_maison(maison, client):
    # arrange
    partner = PartnerFactory(name="Office d’essai du Gévaudan", slug="office-essai-gevaudan")
    PartnerPresenceFactory(maison=maison, partner=partner, weekday=2)
    # act
    html = soup(client.get(f"/en/partners/{partner.slug}/"))
    # assert: an English page, not one "in French"
    link = html.find("a", href=ENGLISH_URL)
    assert link["lang"] == "fr" and not link.has_attr("hreflang")
    assert "(in French)" not in link.parent.get_text()


def test_the_sitemap_lists_the_english_address_of_each_maison(maison, client):
    # act
    xml = client.get("/sitemap.xml").content.decode()
    # assert
    assert f"<loc>{settings.PUBLIC_BASE_URL}{FRENCH_URL}</loc>" in xml
    assert f"<loc>{settings.PUBLIC_BASE_URL}{ENGLISH_URL}</loc>" in xml
    assert f"<loc>{settings.PUBLIC_BASE_URL}/en/maisons/</loc>" in xml
