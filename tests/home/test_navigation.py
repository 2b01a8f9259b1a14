"""What people meet first: the main menu and the home page's theme cards."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.blocks import StructBlockValidationError
from wagtail.models import Locale

from home import factories as page_builders
from home.models import HomePage
from home.models.pages import ThemeEntryBlock
from tests.factories import GuidePageFactory, GuideThemeFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def menu_links(html: str) -> list[tuple[str, str]]:
    """(address, text) of each link of the main menu."""
    menu = BeautifulSoup(html, "html.parser").find(id="navigation")
    return [(link["href"], link.get_text(strip=True)) for link in menu.find_all("a")]


def home(language_code: str = "fr") -> HomePage:
    locale = Locale.objects.get(language_code=language_code)
    return HomePage.objects.get(locale=locale)


def theme_cards(*cards) -> str:
    return json.dumps([{"type": "theme", "value": card} for card in cards])


def card(title: str, *, guide_theme=None, page=None) -> dict:
    return {
        "title": title,
        "description": "",
        "guide_theme": guide_theme.pk if guide_theme else None,
        "link": {"label": "", "page": page.pk if page else None, "url": ""},
    }


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "/",
            [
                ("/maisons/", "Trouver une France Services"),
                ("/demarches/", "Démarches"),
                ("/partenaires/", "Partenaires"),
                ("/espace-agents/", "Espace agents"),
            ],
        ),
        (
            "/en/",
            [
                ("/en/maisons/", "Find a France Services"),
                ("/en/procedures/", "Procedures"),
                ("/en/partners/", "Partners"),
                ("/en/espace-agents/", "Members area"),
            ],
        ),
    ],
)
def test_the_main_menu_leads_to_the_finder_the_guides_the_partners_and_the_members(
    client, path, expected
):
    response = client.get(path)

    assert response.status_code == 200
    links = menu_links(response.content.decode())
    assert links[-len(expected) :] == expected


def test_the_members_entrance_is_marked_current_inside_the_members_area(client):
    response = client.get("/espace-agents/", follow=True)

    html = response.content.decode()
    assert 'href="/espace-agents/" aria-current="true"' in html


def test_each_theme_card_leads_to_its_own_themes_guides(client):
    # arrange
    family = GuideThemeFactory(name="Famille", slug="famille")
    health = GuideThemeFactory(name="Santé", slug="sante")
    GuidePageFactory(title="Déclarer une naissance", themes=[family])
    GuidePageFactory(title="Commander une carte Vitale", themes=[health])
    page_builders.publish_changes(
        home(),
        themes=theme_cards(card("Famille", guide_theme=family), card("Santé", guide_theme=health)),
    )

    # act
    response = client.get("/")

    # assert
    cards = list(response.context["theme_cards"])
    assert [(card.title, card.url) for card in cards] == [
        ("Famille", "/demarches/?theme=famille"),
        ("Santé", "/demarches/?theme=sante"),
    ]
    family_listing = client.get(cards[0].url).content.decode()
    assert "Déclarer une naissance" in family_listing
    assert "Commander une carte Vitale" not in family_listing


def test_a_theme_card_in_english_leads_to_the_english_guide_listing(client):
    theme = GuideThemeFactory(name="Retraite", slug="retraite")
    page_builders.publish_changes(
        home("en"), themes=theme_cards(card("Pensions", guide_theme=theme))
    )

    response = client.get("/en/")

    assert [card.url for card in response.context["theme_cards"]] == [
        "/en/procedures/?theme=retraite"
    ]


def test_a_theme_card_may_lead_to_a_page_instead(client):
    page = StandardPageFactory(title="Le réseau", slug="le-reseau")
    page_builders.publish_changes(home(), themes=theme_cards(card("Le réseau", page=page)))

    response = client.get("/")

    assert [card.url for card in response.context["theme_cards"]] == ["/le-reseau/"]


@pytest.mark.parametrize("both", [False, True])
def test_a_theme_card_needs_a_theme_or_a_link_not_both(both):
    block = ThemeEntryBlock()
    theme = GuideThemeFactory()
    page = StandardPageFactory()
    value = block.to_python(
        card("Famille", guide_theme=theme if both else None, page=page if both else None)
    )

    with pytest.raises((StructBlockValidationError, ValidationError)):
        block.clean(value)
