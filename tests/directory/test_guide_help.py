"""A guide's "Get help near you": the nearest maisons where its partner is present.

Each test builds its guide, partners, maisons and communes with the factories of
``tests/factories.py``, in the Finistère (29) and the Lozère (48), and freezes the clock
where the cards' open/closed status is read."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup

from directory.guides.help import HELP_COUNT, guide_help, maisons_for_partners
from directory.models import Department, GuidePage, MaisonPage
from tests.factories import (
    CommuneFactory,
    GuidePageFactory,
    ItineraryStopFactory,
    MaisonPageFactory,
    PartnerFactory,
    PartnerPresenceFactory,
)

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# Tuesday 17 November 2026, 10:00 in Paris: the maisons below are open (Tuesday 09:00–12:00).
TUESDAY_MORNING = datetime(2026, 11, 17, 10, tzinfo=PARIS)
TUESDAY_HOURS = [(1, "09:00", "12:00")]
QUIMPER = {"lat": "47.996", "lon": "-4.1024", "q": "Quimper"}
# Maisons of the Finistère: (commune, INSEE, postcode, latitude, longitude); their distance
# from Quimper (47.996, -4.1024) in km in the comment.
FINISTERE = {
    "quimper": ("Quimper", "29232", "29000", 47.996, -4.1024),  # 0
    "concarneau": ("Concarneau", "29039", "29900", 47.8753, -3.9189),  # 19.2
    "douarnenez": ("Douarnenez", "29046", "29100", 48.0925, -4.3300),  # 20.0
    "rosporden": ("Rosporden", "29241", "29140", 47.9614, -3.8342),  # 20.3
    "crozon": ("Crozon", "29042", "29160", 48.2464, -4.4897),  # 40.0
    "brest": ("Brest", "29019", "29200", 48.3904, -4.4861),  # 52.3
    "morlaix": ("Morlaix", "29151", "29600", 48.5775, -3.8278),  # 67.8
}


@pytest.fixture(autouse=True)
def commune_table(settings):
    """Places typed are read with the offline commune table here."""
    settings.DIRECTORY_GEOCODER = "communes"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def maison(key: str, **fields) -> MaisonPage:
    """A France Services of the Finistère, open on Tuesday morning."""
    commune, insee, postcode, latitude, longitude = FINISTERE[key]
    fields.setdefault("hours", TUESDAY_HOURS)
    fields.setdefault("title", f"France Services d’essai de {commune}")
    return MaisonPageFactory(
        source_id=f"essai-29-{key}",
        commune_name=commune,
        insee_commune=insee,
        postcode=postcode,
        department=Department.objects.get(code="29"),
        latitude=latitude,
        longitude=longitude,
        **fields,
    )


def national_partner():
    return PartnerFactory(
        name="Caisse nationale d’essai", slug="caisse-nationale-essai", national=True
    )


def local_partner():
    return PartnerFactory(name="Conciliateur d’essai", slug="conciliateur-essai", national=False)


def guide_of(*partners) -> GuidePage:
    page = GuidePageFactory(
        title="Régler un litige d’essai", slug="regler-un-litige-essai", partners=list(partners)
    )
    return GuidePage.objects.get(pk=page.pk)


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_a_guide_of_national_partners_lists_the_three_nearest_maisons(rf):
    # arrange: maisons around Quimper and a bus based in Brest whose stop at Briec (14 km)
    # is nearer than Concarneau; the national partner is present in every maison
    quimper, concarneau = maison("quimper"), maison("concarneau")
    maison("douarnenez"), maison("rosporden")
    bus = maison("brest", format=MaisonPage.Format.BUS, title="Bus France Services d’essai")
    ItineraryStopFactory(
        maison=bus,
        place="Parking des Essais",
        commune_name="Briec",
        insee_commune="29020",
        latitude=48.1019,
        longitude=-3.9994,
        weekday=1,
    )
    page = guide_of(national_partner())
    request = rf.get("/", QUIMPER)
    # act
    found = guide_help(page, request.GET, request=request)
    # assert
    assert HELP_COUNT == 3
    assert [card.maison.pk for card in found.cards] == [quimper.pk, bus.pk, concarneau.pk]
    distances = [card.distance_km for card in found.cards]
    assert distances == pytest.approx([0.0, 14.05, 19.2], abs=0.1)
    assert found.local_partners == []


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_only_maisons_where_the_local_partner_is_present_in_distance_order(rf):
    # arrange: the conciliateur holds permanences in three maisons, none of them among the
    # three nearest Quimper
    conciliateur = local_partner()
    for key in ("quimper", "concarneau", "douarnenez"):
        maison(key)
    with_partner = [maison(key) for key in ("morlaix", "rosporden", "crozon")]
    for page in with_partner:
        PartnerPresenceFactory(maison=page, partner=conciliateur)
    rosporden, crozon, morlaix = with_partner[1], with_partner[2], with_partner[0]
    request = rf.get("/", QUIMPER)
    # act
    found = guide_help(guide_of(conciliateur), request.GET, request=request)
    # assert: all three, nearest first, though other maisons are nearer
    assert [card.maison.pk for card in found.cards] == [rosporden.pk, crozon.pk, morlaix.pk]
    distances = [card.distance_km for card in found.cards]
    assert distances == pytest.approx([20.3, 40.0, 67.8], abs=0.1)
    assert found.local_partners == [conciliateur]
    assert "partner=conciliateur-essai" in found.directory_params


def test_the_national_partner_of_a_guide_restricts_nothing():
    # arrange: a live maison without any presence, one where only a local partner is
    # present, and a draft one
    caisse = national_partner()
    live = maison("quimper")
    with_local_partner = maison("concarneau")
    PartnerPresenceFactory(maison=with_local_partner, partner=local_partner())
    draft = maison("brest", live=False)
    # act
    maisons = maisons_for_partners([caisse])
    # assert: every live maison, whichever partners it has
    assert set(maisons) == set(MaisonPage.objects.live())
    assert live in maisons and with_local_partner in maisons and draft not in maisons


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_the_guide_page_shows_the_nearest_maisons_with_their_next_opening(client):
    # arrange: a commune to type; the conciliateur is present in Rosporden only, not in
    # the maison of Quimper, which is nearer
    CommuneFactory(
        insee="29990",
        name="Kerguessai",
        department=Department.objects.get(code="29"),
        latitude=47.996,
        longitude=-4.1024,
    )
    conciliateur = local_partner()
    maison("quimper")
    rosporden = maison("rosporden")
    PartnerPresenceFactory(maison=rosporden, partner=conciliateur)
    page = guide_of(conciliateur)
    # act
    html = soup(client.get(page.url, {"q": "Kerguessai"}))
    # assert
    items = html.select("#aide ol.guide-help-results > li")
    assert len(items) == 1
    assert items[0].find("a")["href"] == rosporden.url
    assert items[0].find("a").get_text(strip=True) == "France Services d’essai de Rosporden"
    assert items[0].select_one(".fr-badge").get_text(strip=True).startswith("Ouvert")
    more = html.select_one("#aide a.fr-link")["href"]
    assert more.startswith("/maisons/?") and "partner=conciliateur-essai" in more


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_a_place_with_namesakes_offers_a_choice_and_an_unknown_one_says_so(client):
    # arrange: two communes named Saint-Essai, in the Finistère (the more populous) and in
    # the Lozère; a maison near each
    for insee, code, latitude, longitude, population in (
        ("29991", "29", 47.996, -4.1024, 2000),
        ("48991", "48", 44.5181, 3.5007, 500),
    ):
        CommuneFactory(
            insee=insee,
            name="Saint-Essai",
            department=Department.objects.get(code=code),
            latitude=latitude,
            longitude=longitude,
            population=population,
        )
    near_finistere = maison("quimper")
    MaisonPageFactory(
        title="France Services d’essai de Mende",
        commune_name="Mende",
        insee_commune="48095",
        postcode="48000",
        department=Department.objects.get(code="48"),
        latitude=44.5181,
        longitude=3.5007,
        hours=TUESDAY_HOURS,
    )
    page = guide_of(national_partner())
    # act
    choices = soup(client.get(page.url, {"q": "saint essai"})).select("#aide ul a")
    followed = soup(client.get(page.url + choices[0]["href"].split("#")[0]))
    unknown = client.get(page.url, {"q": "Zzyzx"})
    # assert
    assert [a.get_text(strip=True) for a in choices] == [
        "Saint-Essai (29) — Finistère",
        "Saint-Essai (48) — Lozère",
    ]
    assert all(a["href"].startswith("?") and a["href"].endswith("#aide") for a in choices)
    results = followed.select("#aide ol.guide-help-results > li")
    assert results[0].find("a")["href"] == near_finistere.url
    assert unknown.status_code == 200
    assert "Aucune commune" in soup(unknown).select_one("#aide").get_text()


def test_a_guide_without_a_place_shows_only_the_form(client):
    # arrange
    page = guide_of(national_partner())
    # act
    html = soup(client.get(page.url))
    # assert
    form = html.select_one("#aide form")
    assert form["method"] == "get" and form.select_one("input[name=q]").has_attr("required")
    assert not html.select("#aide ol")


def test_an_over_long_place_is_refused_with_a_message(client):
    # arrange
    page = guide_of(national_partner())
    # act
    response = client.get(page.url, {"q": "x" * 500})
    # assert
    assert response.status_code == 200
    assert soup(response).select_one("#aide .fr-error-text")


def test_a_blank_place_shows_only_the_form(client):
    # arrange
    page = guide_of(national_partner())
    # act
    html = soup(client.get(page.url, {"q": "   "}))
    # assert
    assert html.select_one("#aide form input[name=q]")
    assert not html.select("#aide [role=status]")
    assert not html.select("#aide .fr-error-text")


def test_a_broken_hidden_field_is_explained(client):
    # arrange
    page = guide_of(national_partner())
    # act
    response = client.get(page.url, {"q": "Paris", "lat": "abc", "lon": "2"})
    # assert
    assert response.status_code == 200
    assert soup(response).select_one("#guide-help-place-error").get_text(strip=True)
