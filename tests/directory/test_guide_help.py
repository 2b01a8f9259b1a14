"""A guide's "Get help near you": the nearest maisons where its partner is present."""

from datetime import time

import pytest
from bs4 import BeautifulSoup

from directory.guides.help import HELP_COUNT, guide_help, maisons_for_partners
from directory.maisons.nearby import great_circle_km
from directory.models import GuidePage, MaisonPage, Partner, PartnerPresence

pytestmark = pytest.mark.django_db

LODEVE = {"lat": "43.7317", "lon": "3.3194", "q": "Lodève"}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def guide(slug: str) -> GuidePage:
    return GuidePage.objects.get(slug=slug, locale__language_code="fr")


def brute_force_nearest(maisons, lat: float, lon: float, count: int) -> list[int]:
    """The nearest maisons by their own point or, for tours, their nearest stop."""
    distances = {}
    for maison in maisons.prefetch_related("stops"):
        points = [(s.latitude, s.longitude) for s in maison.stops.all() if s.latitude]
        if not points and maison.latitude is not None:
            points = [(maison.latitude, maison.longitude)]
        if points:
            distances[maison.pk] = min(great_circle_km(lat, lon, *point) for point in points)
    return sorted(distances, key=lambda pk: (distances[pk], pk))[:count]


def test_a_guide_of_national_partners_lists_the_three_nearest_maisons(demo_site, rf):
    # arrange: the CAF is present in every maison
    request = rf.get("/", LODEVE)
    # act
    found = guide_help(guide("prime-activite"), request.GET, request=request)
    # assert
    ids = [card.maison.pk for card in found.cards]
    expected = brute_force_nearest(MaisonPage.objects.live(), 43.7317, 3.3194, HELP_COUNT)
    assert ids == expected
    distances = [card.distance_km for card in found.cards]
    assert distances == sorted(distances)


def test_only_maisons_where_the_local_partner_is_present_in_distance_order(demo_site, rf):
    # arrange: the conciliateur also holds permanences in two maisons further away
    conciliateur = Partner.objects.get(slug="conciliateur", locale__language_code="fr")
    maisons = MaisonPage.objects.live().exclude(latitude=None)
    far_first = sorted(
        maisons, key=lambda m: -great_circle_km(43.7317, 3.3194, m.latitude, m.longitude)
    )
    for maison in far_first[:2]:
        PartnerPresence.objects.create(
            maison=maison, partner=conciliateur, weekday=1, starts=time(9), ends=time(12)
        )
    with_partner = MaisonPage.objects.filter(presences__partner=conciliateur).distinct()
    request = rf.get("/", LODEVE)
    # act
    found = guide_help(guide("conciliateur-justice"), request.GET, request=request)
    # assert: all three, nearest first, though other maisons are nearer
    ids = [card.maison.pk for card in found.cards]
    assert set(ids) == set(with_partner.values_list("pk", flat=True))
    assert ids == brute_force_nearest(with_partner, 43.7317, 3.3194, HELP_COUNT)
    assert found.local_partners == [conciliateur]
    assert "partner=conciliateur" in found.directory_params


def test_the_national_partner_of_a_guide_restricts_nothing(demo_site):
    caf = Partner.objects.get(slug="caf", locale__language_code="fr")
    assert maisons_for_partners([caf]).count() == MaisonPage.objects.live().count()


def test_the_guide_page_shows_the_nearest_maisons_with_their_next_opening(demo_site, client):
    page = guide("conciliateur-justice")
    html = soup(client.get(page.url, {"q": "Lodève"}))
    items = html.select("#aide ol.guide-help-results > li")
    lodeve = MaisonPage.objects.get(source_id="demo-34-02")
    assert len(items) == 1
    assert items[0].find("a")["href"] == lodeve.url
    assert items[0].select_one(".fr-badge").get_text(strip=True).startswith(("Ouvert", "Fermé"))
    more = html.select_one("#aide a.fr-link")["href"]
    assert more.startswith("/maisons/?") and "partner=conciliateur" in more


def test_a_place_with_namesakes_offers_a_choice_and_an_unknown_one_says_so(demo_site, client):
    page = guide("carte-grise")
    choices = soup(client.get(page.url, {"q": "saint gervais"})).select("#aide ul a")
    assert len(choices) >= 2
    assert all(a["href"].startswith("?") and a["href"].endswith("#aide") for a in choices)
    followed = soup(client.get(page.url + choices[0]["href"].split("#")[0]))
    assert followed.select("#aide ol.guide-help-results > li")
    unknown = client.get(page.url, {"q": "Zzyzx"})
    assert unknown.status_code == 200
    assert "Aucune commune" in soup(unknown).select_one("#aide").get_text()


def test_a_guide_without_a_place_shows_only_the_form(demo_site, client):
    html = soup(client.get(guide("carte-grise").url))
    form = html.select_one("#aide form")
    assert form["method"] == "get" and form.select_one("input[name=q]").has_attr("required")
    assert not html.select("#aide ol")


def test_an_over_long_place_is_refused_with_a_message(demo_site, client):
    response = client.get(guide("carte-grise").url, {"q": "x" * 500})
    assert response.status_code == 200
    assert soup(response).select_one("#aide .fr-error-text")


def test_a_blank_place_shows_only_the_form(demo_site, client):
    html = soup(client.get(guide("carte-grise").url, {"q": "   "}))
    assert not html.select("#aide [role=status]")
    assert not html.select("#aide .fr-error-text")


def test_a_broken_hidden_field_is_explained(demo_site, client):
    response = client.get(guide("carte-grise").url, {"q": "Paris", "lat": "abc", "lon": "2"})
    assert response.status_code == 200
    assert soup(response).select_one("#guide-help-place-error").get_text(strip=True)
