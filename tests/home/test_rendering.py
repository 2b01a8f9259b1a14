import json
import re
from datetime import date

import pytest
from django.db.models import Max
from django.test import Client
from wagtail.models import Page

from directory.models import GuideIndexPage
from home.factories import ensure_translation, publish_changes
from home.models import (
    AccessibilityStatementPage,
    HomePage,
    MainMenu,
    MainMenuItem,
    NewsIndexPage,
    NewsPage,
    SitemapPage,
    StandardPage,
)
from tests.factories import MaisonPageFactory, NewsPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


# Pages of the tests, in French and in English, beside the skeleton's.
STANDARD_URLS = ("/page-d-essai/", "/en/trial-page/")
NEWS_URLS = ("/actualites/actualite-d-essai/", "/en/news/trial-news/")

PAGES_BY_TYPE = {
    "HomePage": ("/", "/en/"),
    "StandardPage": STANDARD_URLS,
    "AccessibilityStatementPage": ("/accessibilite/", "/en/accessibility/"),
    "SitemapPage": ("/plan-du-site/", "/en/site-map/"),
    "NewsIndexPage": ("/actualites/", "/en/news/"),
    "NewsPage": NEWS_URLS,
}


@pytest.fixture
def trial_pages(db) -> dict[str, tuple[Page, Page]]:
    """A standard page and a news item, each with its English translation."""
    standard = StandardPageFactory(title="Page d’essai", slug="page-d-essai")
    news = NewsPageFactory(title="Actualité d’essai", slug="actualite-d-essai")
    return {
        "standard": (
            standard,
            ensure_translation(
                standard, language_code="en", title="Trial page", slug="trial-page"
            ),
        ),
        "news": (
            news,
            ensure_translation(news, language_code="en", title="Trial news", slug="trial-news"),
        ),
    }


@pytest.mark.parametrize(("page_type", "urls"), PAGES_BY_TYPE.items())
def test_every_page_type_renders_in_both_languages(trial_pages, client, page_type, urls):
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


def test_home_page_has_the_shell_hero_themes_and_news(client):
    # arrange: the hero, two theme tiles, and a news item newer than the three the home
    # page already shows
    home = HomePage.objects.get(locale__language_code="fr")
    tiles = [
        (
            "Démarches d’essai",
            {"label": "", "page": GuideIndexPage.objects.get(locale=home.locale).pk, "url": ""},
        ),
        (
            "Service en ligne d’essai",
            {"label": "Le service d’essai", "page": None, "url": "https://service-essai.example"},
        ),
    ]
    publish_changes(
        home,
        hero_title="Le titre d’accueil d’essai",
        themes=json.dumps(
            [
                {"type": "theme", "value": {"title": title, "description": "", "link": link}}
                for title, link in tiles
            ]
        ),
    )
    for day in (2, 9, 16):
        NewsPageFactory(date=date(2026, 10, day))
    assert home.news_count == 3
    # dated as the newest news item and created last: the first one listed
    newest = NewsPage.objects.aggregate(newest=Max("date"))["newest"]
    assert newest == date(2026, 10, 16)
    NewsPageFactory(title="Une actualité d’essai toute récente", date=newest)
    # act
    html = client.get("/").content.decode()
    # assert
    assert 'class="fr-skiplinks"' in html and 'href="#content"' in html
    assert '<main id="content" tabindex="-1">' in html
    assert "République<br>française" in html
    assert 'id="header-search-input"' in html and 'action="/recherche/"' in html
    assert "<h1>Le titre d’accueil d’essai</h1>" in html
    assert html.count('class="fr-tile fr-enlarge-link"') == 2
    assert 'href="/demarches/">Démarches d’essai</a>' in html
    assert 'href="https://service-essai.example">Service en ligne d’essai</a>' in html
    assert "Une actualité d’essai toute récente" in html
    assert 'id="fr-theme-modal"' in html  # light/dark display setting
    assert 'media="print"' in html


def test_footer_links_the_mandatory_pages_with_compliance_status(trial_pages, client):
    # arrange
    statement = AccessibilityStatementPage.objects.get(locale__language_code="fr")
    publish_changes(statement, compliance=AccessibilityStatementPage.Compliance.PARTIAL)
    # act
    html = client.get(STANDARD_URLS[0]).content.decode()
    # assert
    assert '<a class="fr-footer__bottom-link" href="/accessibilite/">' in html
    assert "Accessibilité : partiellement conforme" in html
    assert 'href="/mentions-legales/"' in html
    assert 'href="/donnees-personnelles/"' in html
    assert 'href="/plan-du-site/"' in html


def test_footer_follows_the_language_and_the_compliance_status(client):
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


def test_main_menu_is_the_one_of_the_current_language(trial_pages, client):
    # arrange: an entry of each language's menu
    french_page, english_page = trial_pages["standard"]
    for language_code, page, label in (
        ("fr", french_page, "Rubrique d’essai"),
        ("en", english_page, "Trial section"),
    ):
        menu = MainMenu.objects.get(locale__language_code=language_code)
        MainMenuItem.objects.create(menu=menu, page=page, label=label, sort_order=99)
    # act
    french = client.get(STANDARD_URLS[0]).content.decode()
    english = client.get("/en/").content.decode()
    # assert
    assert 'href="/page-d-essai/" aria-current="page">Rubrique d’essai</a>' in french
    assert '<a class="fr-nav__link" href="/en/trial-page/">Trial section</a>' in english
    assert "Rubrique d’essai" not in english and "Trial section" not in french


def test_language_switcher_links_to_the_translation(trial_pages, client):
    # act
    french = client.get("/page-d-essai/").content.decode()
    english = client.get("/en/trial-page/").content.decode()
    # assert
    assert 'href="/en/trial-page/" lang="en" hreflang="en">English</a>' in french
    assert 'href="/page-d-essai/" lang="fr" hreflang="fr">Français</a>' in english
    assert '<link rel="alternate" hreflang="en" href="/en/trial-page/">' in french


def test_language_switcher_falls_back_to_the_home_page_without_translation(client):
    # arrange: a French-only page

    home = HomePage.objects.get(locale__language_code="fr")
    home.add_child(instance=StandardPage(title="Seulement en français", slug="fr-seul"))
    # act
    html = client.get("/fr-seul/").content.decode()
    # assert
    assert 'href="/en/" lang="en" hreflang="en">English</a>' in html


def test_breadcrumb_leads_back_home(trial_pages, client):
    # arrange: the skeleton's titles of the home page and the news index
    news = trial_pages["news"][0]
    index = news.get_parent()
    home = index.get_parent()
    # act
    html = client.get("/actualites/actualite-d-essai/").content.decode()
    # assert
    crumbs = re.findall(r'class="fr-breadcrumb__link"[^>]*>([^<]+)<', html)
    assert crumbs == [home.title, index.title, "Actualité d’essai"]


def test_site_map_lists_the_pages_of_the_current_language(trial_pages, client):
    # act
    french = client.get("/plan-du-site/").content.decode()
    english = client.get("/en/site-map/").content.decode()
    # assert
    assert 'href="/actualites/actualite-d-essai/"' in french
    assert "/en/" not in re.sub(
        r'hreflang="en" href="[^"]+"|href="/en/[^"]*" lang="en"',
        "",
        (french.split('<main id="content"')[1].split("</main>")[0]),
    )
    assert 'href="/en/news/trial-news/"' in english


def test_news_index_paginates_and_rejects_nothing(client):
    # arrange: one news item more than a page holds
    for number in range(NewsIndexPage.page_size + 1):
        NewsPageFactory(date=date(2026, 10, 1 + number))
    # act / assert
    assert client.get("/actualites/?page=abc").status_code == 200
    assert client.get("/actualites/?page=999").status_code == 200


def test_home_page_query_count_does_not_grow_with_news(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # arrange: as many news items as the home page shows (three)
    for day in (2, 9, 16):
        NewsPageFactory(date=date(2026, 10, day))
    client.get("/")  # warm caches (site root paths)
    with CaptureQueriesContext(connection) as before:
        client.get("/")
    index = NewsIndexPage.objects.get(locale__language_code="fr")
    for number in range(10):
        index.add_child(instance=NewsPage(title=f"Actualité {number}", slug=f"a-{number}"))
    with CaptureQueriesContext(connection) as after:
        client.get("/")
    assert len(after) == len(before)
    assert len(before) <= 25


def test_singleton_pages_cannot_be_created_twice(db):
    home = HomePage.objects.get(locale__language_code="fr")
    assert not AccessibilityStatementPage.can_create_at(home)
    assert not SitemapPage.can_create_at(home)


def test_404_page_is_the_dsfr_one(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page non trouvée" in html and "Erreur 404" in html
    assert 'class="fr-footer"' in html


def test_404_page_in_english(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_csrf_failure_is_a_dsfr_403_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Votre formulaire n’a pas pu être envoyé" in response.content.decode()


def test_sitemap_xml_lists_both_languages_at_the_public_address(
    trial_pages, client, public_base_url
):
    # act
    response = client.get("/sitemap.xml")
    # assert
    xml = response.content.decode()
    assert response.status_code == 200
    assert "<loc>https://france-services.example/page-d-essai/</loc>" in xml
    assert "<loc>https://france-services.example/en/trial-page/</loc>" in xml
    locations = re.findall(r"<loc>(.*?)</loc>", xml)
    assert all(url.startswith("https://france-services.example/") for url in locations)


def test_robots_txt_points_to_the_sitemap_and_hides_the_admin(client, public_base_url):
    response = client.get("/robots.txt", HTTP_HOST="localhost")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in body
    assert "Sitemap: https://france-services.example/sitemap.xml" in body


def test_500_template_renders_without_context_or_database():
    from django.template.loader import get_template

    html = get_template("500.html").render({})
    assert "Erreur 500" in html and '<html lang="fr"' in html


def test_site_map_leaves_out_the_maisons_but_keeps_the_directory(client):
    # arrange
    maison = MaisonPageFactory(title="France Services de la Garrigue d’essai")
    assert maison.live and maison.url == "/maisons/france-services-de-la-garrigue-dessai/"
    # act
    html = client.get("/plan-du-site/").content.decode()
    # assert
    assert 'href="/maisons/"' in html
    assert 'href="/maisons/france-services-de-la-garrigue-dessai/"' not in html
