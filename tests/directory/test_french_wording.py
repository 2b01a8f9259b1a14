"""French that reads right: prepositions before place names, numbers agreed with their
nouns, filter choices agreed with what they qualify, buttons with their text."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import translation

from directory.models import Department, MaisonPage
from portal.grammar import place_after, with_preposition
from tests.factories import CommuneFactory, CommunePostcodeFactory, MaisonPageFactory

PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("name", "preposition", "expected"),
    [
        ("Ajaccio", "de", "d’Ajaccio"),
        ("Évry-Courcouronnes", "de", "d’Évry-Courcouronnes"),
        ("Hyères", "de", "d’Hyères"),
        ("Le Havre", "de", "du Havre"),
        ("Les Abymes", "de", "des Abymes"),
        ("La Rochelle", "de", "de La Rochelle"),
        ("L’Isle-d’Abeau", "de", "de L’Isle-d’Abeau"),
        ("Lodève (34)", "de", "de Lodève (34)"),
        ("Le Mans", "à", "au Mans"),
        ("Les Abymes", "à", "aux Abymes"),
        ("La Rochelle", "à", "à La Rochelle"),
        ("Ajaccio", "à", "à Ajaccio"),
        ("Lesparre-Médoc", "de", "de Lesparre-Médoc"),
    ],
)
def test_a_place_name_takes_its_preposition(name, preposition, expected):
    assert with_preposition(name, preposition) == expected


def test_other_languages_keep_the_name_alone():
    with translation.override("en"):
        assert place_after("Le Havre", "de") == "Le Havre"
    with translation.override("fr"):
        assert place_after("Le Havre", "de") == "du Havre"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.mark.django_db
def test_the_search_for_le_havre_says_pres_du_havre(client):
    # arrange
    havre = CommuneFactory(
        insee="76351",
        name="Havre",
        name_with_article="Le Havre",
        search_name="le havre",
        department=Department.objects.get(code="76"),
        latitude=49.4938,
        longitude=0.1077,
    )
    CommunePostcodeFactory(commune=havre, postcode="76600")
    MaisonPageFactory(title="France Services du port", latitude=49.49, longitude=0.11)

    # act
    response = client.get("/maisons/", {"q": "Le Havre"})

    # assert
    page = soup(response)
    assert page.title.get_text().startswith("France Services près du Havre")
    assert "à moins de 20 km du Havre" in page.get_text(" ")


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 11, 16, 10, tzinfo=PARIS), tick=False)
def test_the_department_counts_agree_with_their_number(client):
    for number in range(2):
        MaisonPageFactory(title=f"France Services fixe {number}")
    MaisonPageFactory(title="Bus France Services", format=MaisonPage.Format.BUS)
    MaisonPageFactory(title="France Services itinérante", format=MaisonPage.Format.ITINERANT)

    text = soup(client.get("/maisons/departement/34/")).get_text(" ")

    assert "4 France Services : 2 fixes, 1 bus, 1 itinérante" in text


@pytest.mark.django_db
def test_the_itinerant_filter_choices_agree_with_france_services(client):
    page = soup(client.get("/maisons/"))

    label = page.find("label", attrs={"for": "maison-search-itinerant"})
    options = page.select("#maison-search-itinerant option")
    assert label.get_text(strip=True) == "France Services itinérantes (bus compris)"
    assert [option.get_text(strip=True) for option in options] == [
        "Incluses",
        "Exclues",
        "Uniquement elles",
    ]


@pytest.mark.django_db
def test_a_maison_page_offers_copy_and_print_buttons_with_their_text(client):
    maison = MaisonPageFactory(title="France Services de Partage")

    page = soup(client.get(maison.url))

    buttons = page.select("[data-share-buttons] button")
    assert [button.get_text(strip=True) for button in buttons] == [
        "Copier le lien",
        "Imprimer cette fiche",
    ]
    assert page.select_one("#maison-link")["value"].endswith(maison.url)
