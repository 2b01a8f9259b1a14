import re

import pytest
from django.test import Client
from wagtail.models import Page

from home.models import AccessibilityStatementPage, HomePage, NewsPage, SitemapPage

pytestmark = pytest.mark.django_db

PAGES_BY_TYPE = {
    "HomePage": ("/", "/en/"),
    "StandardPage": ("/le-reseau/", "/en/network/"),
    "AccessibilityStatementPage": ("/accessibilite/", "/en/accessibility/"),
    "SitemapPage": ("/plan-du-site/", "/en/site-map/"),
    "NewsIndexPage": ("/actualites/", "/en/news/"),
    "NewsPage": ("/actualites/bus-france-services/", "/en/news/bus-france-services/"),
}


@pytest.mark.parametrize(("page_type", "urls"), PAGES_BY_TYPE.items())
def test_every_page_type_renders_in_both_languages(demo_site, client, page_type, urls):
    # arrange
    french_url, english_url = urls
    # act
    french, english = client.get(french_url), client.get(english_url)
    # assert
    assert french.status_code == 200, french_url
    assert english.status_code == 200, english_url
    assert type(french.context["page"]).__name__ == page_type
    assert '<html lang="fr"' in french.content.decode()
    assert '<html lang="en"' in english.content.decode()


def test_every_page_type_has_a_demo_page(demo_site):
    types_in_tree = {type(page).__name__ for page in Page.objects.filter(depth__gt=1).specific()}
    assert set(PAGES_BY_TYPE) <= types_in_tree


def test_home_page_has_the_shell_hero_themes_and_news(demo_site, client):
    html = client.get("/").content.decode()
    assert 'class="fr-skiplinks"' in html and 'href="#content"' in html
    assert '<main id="content" tabindex="-1">' in html
    assert "République<br>française" in html
    assert 'id="header-search-input"' in html and 'action="/recherche/"' in html
    assert "Trouver une France Services près de chez vous" in html
    assert html.count('class="fr-tile fr-enlarge-link"') == 6
    assert "De nouvelles France Services ouvrent cet automne" in html
    assert 'id="fr-theme-modal"' in html  # light/dark display setting
    assert 'media="print"' in html


def test_footer_links_the_mandatory_pages_with_compliance_status(demo_site, client):
    html = client.get("/le-reseau/").content.decode()
    assert '<a class="fr-footer__bottom-link" href="/accessibilite/">' in html
    assert "Accessibilité : partiellement conforme" in html
    assert 'href="/mentions-legales/"' in html
    assert 'href="/donnees-personnelles/"' in html
    assert 'href="/plan-du-site/"' in html


def test_footer_follows_the_language_and_the_compliance_status(demo_site, client):
    # arrange
    statement = AccessibilityStatementPage.objects.get(locale__language_code="fr")
    statement.compliance = AccessibilityStatementPage.Compliance.FULL
    statement.save_revision().publish()
    # act
    french = client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    # assert
    assert "Accessibilité : totalement conforme" in french
    assert 'href="/en/legal-notice/"' in english
    assert 'href="/en/accessibility/"' in english


def test_main_menu_is_the_one_of_the_current_language(demo_site, client):
    french = client.get("/le-reseau/").content.decode()
    english = client.get("/en/").content.decode()
    assert 'href="/le-reseau/" aria-current="page">Le réseau France Services</a>' in french
    assert '<a class="fr-nav__link" href="/en/network/">The France Services network</a>' in (
        english
    )


def test_language_switcher_links_to_the_translation(demo_site, client):
    french = client.get("/le-reseau/").content.decode()
    english = client.get("/en/network/").content.decode()
    assert 'href="/en/network/" lang="en" hreflang="en">English</a>' in french
    assert 'href="/le-reseau/" lang="fr" hreflang="fr">Français</a>' in english
    assert '<link rel="alternate" hreflang="en" href="/en/network/">' in french


def test_language_switcher_falls_back_to_the_home_page_without_translation(demo_site, client):
    # arrange: a French-only page
    from home.models import StandardPage

    home = HomePage.objects.get(locale__language_code="fr")
    home.add_child(instance=StandardPage(title="Seulement en français", slug="fr-seul"))
    # act
    html = client.get("/fr-seul/").content.decode()
    # assert
    assert 'href="/en/" lang="en" hreflang="en">English</a>' in html


def test_breadcrumb_leads_back_home(demo_site, client):
    html = client.get("/actualites/bus-france-services/").content.decode()
    crumbs = re.findall(r'class="fr-breadcrumb__link"[^>]*>([^<]+)<', html)
    assert crumbs == ["Accueil", "Actualités", "Les bus France Services sur les routes"]


def test_site_map_lists_the_pages_of_the_current_language(demo_site, client):
    french = client.get("/plan-du-site/").content.decode()
    english = client.get("/en/site-map/").content.decode()
    assert 'href="/actualites/bus-france-services/"' in french
    assert "/en/" not in re.sub(
        r'hreflang="en" href="[^"]+"|href="/en/[^"]*" lang="en"',
        "",
        (french.split('<main id="content"')[1].split("</main>")[0]),
    )
    assert 'href="/en/news/bus-france-services/"' in english


def test_news_index_paginates_and_rejects_nothing(demo_site, client):
    assert client.get("/actualites/?page=abc").status_code == 200
    assert client.get("/actualites/?page=999").status_code == 200


def test_home_page_query_count_does_not_grow_with_news(demo_site, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/")  # warm caches (site root paths)
    with CaptureQueriesContext(connection) as before:
        client.get("/")
    index = NewsPage.objects.first().get_parent()
    for number in range(10):
        index.add_child(instance=NewsPage(title=f"Actualité {number}", slug=f"a-{number}"))
    with CaptureQueriesContext(connection) as after:
        client.get("/")
    assert len(after) == len(before)
    assert len(before) <= 25


def test_singleton_pages_cannot_be_created_twice(demo_site):
    home = HomePage.objects.get(locale__language_code="fr")
    assert not AccessibilityStatementPage.can_create_at(home)
    assert not SitemapPage.can_create_at(home)


def test_404_page_is_the_dsfr_one(demo_site, client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page non trouvée" in html and "Erreur 404" in html
    assert 'class="fr-footer"' in html


def test_404_page_in_english(demo_site, client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_csrf_failure_is_a_dsfr_403_page(demo_site):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Votre formulaire n’a pas pu être envoyé" in response.content.decode()


def test_sitemap_xml_lists_both_languages(demo_site, client):
    response = client.get("/sitemap.xml")
    xml = response.content.decode()
    assert response.status_code == 200
    assert "<loc>http://localhost/le-reseau/</loc>" in xml
    assert "<loc>http://localhost/en/network/</loc>" in xml


def test_robots_txt_points_to_the_sitemap_and_hides_the_admin(client):
    response = client.get("/robots.txt")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_500_template_renders_without_context_or_database():
    from django.template.loader import get_template

    html = get_template("500.html").render({})
    assert "Erreur 500" in html and '<html lang="fr"' in html


def test_site_map_leaves_out_the_maisons_but_keeps_the_directory(demo_site, client):
    html = client.get("/plan-du-site/").content.decode()
    assert 'href="/maisons/"' in html
    assert 'href="/maisons/france-services-du-lodevois/"' not in html
