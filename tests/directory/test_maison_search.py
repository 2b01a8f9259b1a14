"""The maison search of /maisons/ and /maisons/embed/: places, filters, pagination,
permalinks, bad parameters, and the selector behind them."""

from datetime import datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.maisons.nearby import find_nearby, great_circle_km
from directory.models import MaisonPage
from portal.content_version import bump_content_version

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
LODEVE = (43.73015, 3.29526)
BREST = (48.39, -4.49)  # no demo maison within hundreds of kilometres


def search(client, **params):
    response = client.get("/maisons/", params)
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def result_names(soup) -> list[str]:
    return [item.h3.get_text(strip=True) for item in soup.select("li.maison-result")]


def result_ids(soup) -> list[int]:
    return [int(item["data-maison-id"]) for item in soup.select("li.maison-result")]


def distances(soup) -> list[float]:
    return [
        float(item.strong.get_text().split()[0].replace(",", "."))
        for item in soup.select("li.maison-result")
    ]


def test_great_circle_distance_paris_lyon():
    assert great_circle_km(48.8566, 2.3522, 45.7640, 4.8357) == pytest.approx(391.5, abs=1)
    assert great_circle_km(*LODEVE, *LODEVE) == 0


@pytest.mark.parametrize("query", ["lodeve", "Lodève", "LODEVE", "34700", "Lodève 34700"])
def test_a_commune_or_postcode_finds_the_lodevois_first(client, query):
    _response, soup = search(client, q=query)
    assert result_names(soup)[0] == "France Services du Lodévois"
    assert distances(soup) == sorted(distances(soup))
    assert "Lodève" in soup.title.get_text()


def test_article_hyphens_and_accents_are_ignored(client):
    _, soup = search(client, q="Le Mont Dore")
    heading = soup.find(id="maison-results-heading").get_text()
    assert "Mont-Dore (63)" in heading
    assert result_names(soup)


def test_namesakes_offer_a_choice_with_their_departments(client):
    _response, soup = search(client, q="saint gervais", partner="mission-locale")
    choices = soup.select(".fr-alert--info li a")
    assert len(choices) == 5
    labels = [choice.get_text(" ", strip=True) for choice in choices]
    assert any("Gironde" in label for label in labels)
    assert any("Isère" in label for label in labels)
    assert not soup.select("li.maison-result")
    # A choice keeps the filters and names the commune by its INSEE code.
    params = parse_qs(urlsplit(choices[0]["href"]).query)
    assert params["partner"] == ["mission-locale"]
    assert len(params["commune"][0]) == 5
    _, chosen = search(client, **{k: v[0] for k, v in params.items()})
    assert chosen.find(id="maison-results-heading")


def test_unknown_place_says_so(client):
    _, soup = search(client, q="Xyzzyville")
    assert "Xyzzyville" in soup.select_one(".fr-alert--warning").get_text()
    assert not soup.select("li.maison-result")


def test_radius_limits_the_results_and_counts_by_format(client):
    _, narrow = search(client, q="Lodève", radius="5")
    _, wide = search(client, q="Lodève", radius="50")
    assert all(distance <= 5 for distance in distances(narrow))
    assert len(result_ids(narrow)) < len(result_ids(wide))
    assert "Bus : 1" in wide.get_text()


def test_nothing_within_the_radius_offers_the_nearest_beyond(client):
    _, soup = search(client, lat=str(BREST[0]), lon=str(BREST[1]), radius="5")
    heading = soup.find(id="maison-results-heading").get_text(" ", strip=True)
    assert "5 km" in heading
    assert len(result_ids(soup)) == 5
    assert min(distances(soup)) > 5
    assert distances(soup) == sorted(distances(soup))


def test_pagination_keeps_the_search_in_the_address(client, monkeypatch):
    monkeypatch.setattr("directory.maisons.finder.RESULTS_PER_PAGE", 5)
    _, first = search(client, q="Lodève", radius="50")
    assert len(result_ids(first)) == 5
    next_link = first.select_one(".fr-pagination a.fr-pagination__link--next")["href"]
    params = parse_qs(urlsplit(next_link).query)
    assert params["q"] == ["Lodève"] and params["radius"] == ["50"] and params["page"] == ["2"]
    _, second = search(client, q="Lodève", radius="50", page="2")
    assert set(result_ids(first)).isdisjoint(result_ids(second))
    assert min(distances(second)) >= max(distances(first))
    assert second.select_one("ol.maison-results")["start"] == "6"
    _, beyond_last = search(client, q="Lodève", radius="50", page="999")
    assert result_ids(beyond_last) == result_ids(second)


def test_the_form_shows_the_current_state(client):
    _, soup = search(client, q="Lodève", radius="10", partner="caf", saturday="true")
    assert soup.find(id="maison-search-q")["value"] == "Lodève"
    assert soup.select_one("#maison-search-radius option[selected]")["value"] == "10"
    assert soup.select_one("#maison-search-partner option[selected]")["value"] == "caf"
    assert soup.find(id="maison-search-saturday").has_attr("checked")


def test_each_search_shows_its_own_filters_whatever_was_shown_before(client):
    # The filters' part of the form is cached per combination of valid values.
    _, first = search(client, q="Lodève", partner="caf", saturday="true", services="printer")
    _, plain = search(client, q="Lodève")
    _, again = search(client, q="Lodève", partner="caf", saturday="true", services="printer")
    _, wrong = search(client, q="Lodève", partner="unknown-partner", saturday="true")
    for soup in (first, again):
        assert soup.select_one("#maison-search-partner option[selected]")["value"] == "caf"
        assert soup.find(id="maison-search-saturday").has_attr("checked")
        assert soup.find(id="maison-search-services-printer").has_attr("checked")
    assert plain.select_one("#maison-search-partner option[selected]") is None
    assert not plain.find(id="maison-search-saturday").has_attr("checked")
    assert not plain.find(id="maison-search-services-printer").has_attr("checked")
    assert wrong.find(id="maison-search-partner-error") is not None
    assert wrong.find(id="maison-search-saturday").has_attr("checked")


def test_a_local_partner_keeps_only_maisons_where_it_is_present(client):
    _, soup = search(client, q="Lodève", radius="50", partner="mission-locale")
    assert result_names(soup) == ["France Services du Lodévois"]
    _, national = search(client, q="Lodève", radius="50", partner="caf")
    _, everything = search(client, q="Lodève", radius="50")
    assert (
        national.find(id="maison-results-heading").get_text()
        == everything.find(id="maison-results-heading").get_text()
    )


@pytest.mark.parametrize(
    ("params", "keeps"),
    [
        ({"saturday": "true"}, lambda m: m.opening_intervals.filter(weekday=5).exists()),
        ({"booking": "true"}, lambda m: m.booking),
        ({"itinerant": "only"}, lambda m: m.is_itinerant),
        ({"itinerant": "exclude"}, lambda m: not m.is_itinerant),
    ],
)
def test_filters(client, params, keeps):
    _, everything = search(client, q="Lodève", radius="50")
    _, filtered = search(client, q="Lodève", radius="50", **params)
    kept = result_ids(filtered)
    assert kept
    for maison in MaisonPage.objects.filter(pk__in=result_ids(everything)):
        assert (maison.pk in kept) == bool(keeps(maison)), maison.title


@pytest.mark.parametrize(
    ("field", "value", "params"),
    [
        ("access", MaisonPage.Access.YES, {"accessible": "true"}),
        ("has_visio", True, {"services": "visio"}),
    ],
)
def test_accessibility_and_services_filters(client, field, value, params):
    maison = MaisonPage.objects.get(source_id="demo-34-05")
    setattr(maison, field, value)
    maison.save_revision().publish()
    _, soup = search(client, q="Lodève", radius="50", **params)
    assert result_names(soup) == [maison.title]


def test_open_now_at_chosen_instants():
    maisons = MaisonPage.objects.live()
    # The Lodévois is closed on Mondays; the others open at 09:00.
    monday_ten = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)
    sunday_night = datetime(2026, 11, 29, 3, 0, tzinfo=PARIS)
    all_near = find_nearby(maisons, latitude=LODEVE[0], longitude=LODEVE[1], radius_km=50)
    open_tuesday = find_nearby(
        maisons,
        latitude=LODEVE[0],
        longitude=LODEVE[1],
        radius_km=50,
        open_now=True,
        moment=monday_ten,
    )
    pages = {page.pk: page for page in maisons.filter(pk__in=[h.maison_id for h in all_near.hits])}
    expected = [
        hit.maison_id
        for hit in all_near.hits
        if pages[hit.maison_id].status_at(monday_ten).is_open
    ]
    assert [hit.maison_id for hit in open_tuesday.hits] == expected
    assert 0 < len(expected) < len(all_near.hits)
    at_night = find_nearby(
        maisons,
        latitude=LODEVE[0],
        longitude=LODEVE[1],
        radius_km=50,
        open_now=True,
        moment=sunday_night,
    )
    # Nothing open: say so, rather than sending the visitor beyond the radius.
    assert at_night.hits == [] and not at_night.beyond_radius


def test_open_now_with_nothing_open_offers_to_drop_the_filter(client):
    from unittest import mock

    sunday_night = datetime(2026, 11, 29, 3, 0, tzinfo=PARIS)
    with mock.patch("directory.maisons.finder.timezone.now", return_value=sunday_night):
        _, soup = search(client, q="Lodève", open_now="true")
    assert not soup.select("li.maison-result")
    link = soup.find("a", string="Show them all, open or closed") or soup.find(
        "a", href=lambda href: href and "open_now" not in href and "q=" in href
    )
    assert link is not None and "open_now" not in link["href"]


def test_a_bus_is_at_its_nearest_stop_with_its_next_passage(client):
    bus = MaisonPage.objects.get(source_id="demo-34-bus")
    stop = bus.stops.exclude(latitude=None).first()
    _, soup = search(client, lat=str(stop.latitude), lon=str(stop.longitude), radius="5")
    card = soup.find(id=f"maison-result-{bus.pk}")
    assert card is not None
    assert card.strong.get_text().startswith("0")
    assert stop.place in card.get_text()
    assert "Next passage" in card.get_text() or "Prochain passage" in card.get_text()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"lat": "abc", "lon": "3"}, "maison-search-errors"),
        ({"lat": "43.7"}, "maison-search-errors"),
        ({"lat": "95", "lon": "3"}, "maison-search-errors"),
        ({"commune": "<script>"}, "maison-search-errors"),
        ({"q": "Lodève", "radius": "-5"}, "maison-search-radius-error"),
        ({"q": "Lodève", "partner": "unknown-partner"}, "maison-search-partner-error"),
        ({"q": "a" * 300}, "maison-search-q-error"),
        ({"q": "Lodève", "itinerant": "sometimes"}, "maison-search-itinerant-error"),
        ({"q": "Lodève", "services": "sauna"}, "maison-search-services-error"),
    ],
)
def test_bad_parameters_give_a_form_error_not_a_500(client, params, field):
    _response, soup = search(client, **params)
    assert soup.find(id=field) is not None
    assert not soup.select("li.maison-result")
    assert soup.title.get_text().startswith(("Erreur", "Error"))


def test_query_count_does_not_grow_with_the_results(client):
    counts = []
    # 20 km: the Lodévois (closures, local partners) and the bus (stops), every kind of row;
    # 50 km: ten maisons.
    for radius, found in (("20", 2), ("50", 10)):
        bump_content_version()  # no result card in the cache, as after a publish
        search(client, q="Clermont-Ferrand", radius="50")  # the site-wide lists read again
        with CaptureQueriesContext(connection) as queries:
            _, soup = search(client, q="Lodève", radius=radius)
        assert len(result_ids(soup)) >= found
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with CaptureQueriesContext(connection) as again:
        search(client, q="Lodève", radius="50", partner="caf")
    assert len(again) < counts[1]  # the cards come from the shared cache


def test_the_map_data_lists_the_cards(client):
    import json

    _, soup = search(client, q="Lodève", radius="50")
    data = json.loads(soup.find(id="maison-map-data").string)
    assert [item["id"] for item in data["maisons"]] == result_ids(soup)
    assert data["origin"]["label"] == "Lodève (34)"
    assert soup.find(id="maison-map").has_attr("hidden")  # shown by the script only


def test_embed_page_can_be_framed_and_opens_maisons_in_a_new_window(client):
    response = client.get("/maisons/embed/", {"q": "34700"})
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.select_one("li.maison-result h3 a")
    assert link["target"] == "_blank"
    assert soup.find(id="maison-search")["action"] == "/maisons/embed/"
    assert client.get("/maisons/").get("X-Frame-Options") == "DENY"


def test_home_page_form_searches_the_directory(client):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    form = soup.find(id="maison-search")
    assert form["action"] == "/maisons/"
    assert form.find(id="maison-search-q")["data-autocomplete-url"] == "/api/v1/communes/"
