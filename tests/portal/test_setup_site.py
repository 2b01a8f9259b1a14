"""A new site: ``migrate`` then ``setup_site`` on an empty database (a SQLite file of its
own, in a separate process) build the real home page and page tree in French and English,
not Wagtail's welcome page; running ``setup_site`` again changes nothing."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.portal.test_settings import CONFIG_VARIABLES

ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    "/",
    "/en/",
    "/maisons/",
    "/demarches/",
    "/en/procedures/",
    "/partenaires/",
    "/en/partners/",
    "/mentions-legales/",
    "/en/legal-notice/",
    "/donnees-personnelles/",
    "/en/personal-data/",
    "/accessibilite/",
    "/en/accessibility/",
    "/plan-du-site/",
    "/en/site-map/",
]
PROBE = """
import io, json, re, sys
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page, Site
from home.models import MainMenu

def tree():
    pages = Page.objects.filter(depth__gt=1).order_by("path").select_related("locale")
    return [
        [page.url_path, page.title, page.locale.language_code, page.specific_class.__name__]
        for page in pages if page.live
    ]

call_command("migrate", verbosity=0)
call_command("setup_site", stdout=io.StringIO())
first = tree()
call_command("setup_site", stdout=io.StringIO())
client = Client()
answers = {url: client.get(url) for url in json.loads(sys.argv[1])}
def text(url, pattern):
    return re.findall(pattern, answers[url].content.decode(), re.S)
print(json.dumps({
    "first": first,
    "second": tree(),
    "statuses": {url: answer.status_code for url, answer in answers.items()},
    "titles": {url: text(url, r"<h1[^>]*>(.*?)</h1>") for url in ("/", "/en/")},
    "footers": {
        url: text(url, r'class="fr-footer__bottom-link"[^>]*href="([^"]+)"')
        for url in ("/", "/en/")
    },
    "menus": {
        str(menu.locale.language_code): [[item.page.url, item.text] for item in menu.items.all()]
        for menu in MainMenu.objects.all()
    },
    "root_url": Site.objects.get(is_default_site=True).root_url,
}))
"""


def test_migrate_then_setup_site_build_a_real_site_in_both_languages(tmp_path):
    # arrange: an empty database of its own, whatever the suite runs on
    env = {name: value for name, value in os.environ.items() if name not in CONFIG_VARIABLES}
    env |= {
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "SQLITE_PATH": str(tmp_path / "new-site.sqlite3"),
        "PUBLIC_BASE_URL": "https://france-services.example",
    }
    # act
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE, json.dumps(PAGES)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    # assert
    assert result.returncode == 0, result.stderr
    site = json.loads(result.stdout.strip().splitlines()[-1])
    assert site["first"] == [
        ["/accueil/", "Accueil", "fr", "HomePage"],
        ["/accueil/maisons/", "Trouver une France Services", "fr", "DirectoryIndexPage"],
        ["/accueil/demarches/", "Fiches démarches", "fr", "GuideIndexPage"],
        ["/accueil/partenaires/", "Partenaires", "fr", "PartnerIndexPage"],
        ["/accueil/mentions-legales/", "Mentions légales", "fr", "StandardPage"],
        ["/accueil/donnees-personnelles/", "Données personnelles", "fr", "StandardPage"],
        [
            "/accueil/accessibilite/",
            "Déclaration d’accessibilité",
            "fr",
            "AccessibilityStatementPage",
        ],
        ["/accueil/plan-du-site/", "Plan du site", "fr", "SitemapPage"],
        ["/home/", "Home", "en", "HomePage"],
        ["/home/procedures/", "Procedure guides", "en", "GuideIndexPage"],
        ["/home/partners/", "Partners", "en", "PartnerIndexPage"],
        ["/home/legal-notice/", "Legal notice", "en", "StandardPage"],
        ["/home/personal-data/", "Personal data", "en", "StandardPage"],
        ["/home/accessibility/", "Accessibility statement", "en", "AccessibilityStatementPage"],
        ["/home/site-map/", "Site map", "en", "SitemapPage"],
        # The training tree, outside the site (members only), with its workflow.
        ["/formation/", "Formation", "fr", "TrainingRootPage"],
        ["/formation/national/", "Modules de la cellule nationale", "fr", "ModuleFolderPage"],
    ]
    assert site["second"] == site["first"]
    assert site["statuses"] == dict.fromkeys(PAGES, 200)
    assert site["titles"] == {
        "/": ["Trouver une France Services près de chez vous"],
        "/en/": ["Find a France Services near you"],
    }
    assert site["footers"] == {
        "/": ["/plan-du-site/", "/accessibilite/", "/mentions-legales/", "/donnees-personnelles/"],
        "/en/": ["/en/site-map/", "/en/accessibility/", "/en/legal-notice/", "/en/personal-data/"],
    }
    assert site["menus"] == {
        "fr": [
            ["/maisons/", "Trouver une France Services"],
            ["/demarches/", "Démarches"],
            ["/partenaires/", "Partenaires"],
        ],
        "en": [
            ["/maisons/", "Find a France Services"],
            ["/en/procedures/", "Procedures"],
            ["/en/partners/", "Partners"],
        ],
    }
    assert site["root_url"] == "https://france-services.example"
