"""The scripts of the maison search page in a real browser: map, list sync, commune combobox,
"Autour de moi", and the page without JavaScript.

The test settings point ``DIRECTORY_MAP_TILES_URL`` at a loopback address, which the tests
answer with a plain tile (``serve_tiles``); no request may leave loopback (``BrowserSession``
aborts and records any).
"""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import expect
from test_accessibility import AXE_OPTIONS, format_violations
from test_maison_layout_browser import serve_tiles

pytestmark = pytest.mark.e2e

SEARCH_PATH = "/maisons/?q=Lodève"
MARKERS = "#maison-map .maison-map__marker"
CLUSTERS = "#maison-map .maison-map__cluster"
# A marker's name: "Résultat 3 : France Services du Larzac d’essai".
MARKER_LABEL = re.compile(r"^Résultat (\d+) : (.+)$")
CARDS = "ol.maison-results > li.maison-result"
ACTIVE_CARD = re.compile(r"\bmaison-result--active\b")
POSITION = {"latitude": 43.731234, "longitude": 3.319876}

# From the INSEE Code officiel géographique 2024 and La Poste's postcodes:
# insee;name;official name;department;postcodes;latitude;longitude;population.
# Lodève, the only commune whose name starts with "lod", and those of its neighbouring
# maisons.
COMMUNES = """\
34142;Lodève;Lodève;34;34700;43.73015;3.29526;7289
34079;Clermont-l'Hérault;Clermont-l'Hérault;34;34800;43.63231;3.40174;9269
34064;Caylar;Le Caylar;34;34520;43.87166;3.31021;465
34028;Bédarieux;Bédarieux;34;34600;43.61134;3.16369;5778
"""
LODEVOIS = "France Services du Lodévois d’essai"
TWO_HALF_DAYS = (("09:00", "12:30"), ("14:00", "17:30"))
# The maisons within 20 km of Lodève, nearest first (the bus at 12.1 km, at its stop of
# Le Bousquet-d’Orb): (INSEE code of the commune, title, hours).
MAISONS = [
    (
        "34142",
        LODEVOIS,
        [
            *[(day, opens, closes) for day in (1, 2, 3, 4) for opens, closes in TWO_HALF_DAYS],
            (5, "09:00", "12:00"),
        ],
    ),
    (
        "34079",
        "France Services du Clermontais d’essai",
        [(day, opens, closes) for day in range(5) for opens, closes in TWO_HALF_DAYS],
    ),
    ("34064", "France Services du Larzac d’essai", [(day, "09:00", "12:00") for day in range(5)]),
    (
        "34028",
        "France Services de Bédarieux d’essai",
        [(day, opens, closes) for day in range(5) for opens, closes in TWO_HALF_DAYS],
    ),
]
# The bus, based in Bédarieux, and its tour: (place, commune, INSEE code, latitude,
# longitude, weekday).
BUS = "Bus France Services des Hauts Cantons d’essai"
BUS_STOPS = [
    ("Place de la Mairie", "Le Caylar", "34064", 43.87166, 3.31021, 0),
    ("Parking de la salle des fêtes", "Le Bousquet-d’Orb", "34038", 43.7011, 3.14953, 1),
    ("Avenue Charcot", "Lamalou-les-Bains", "34126", 43.59827, 3.08471, 2),
]


def build_dataset() -> None:
    """The communes above; five maisons within 20 km of Lodève: four fixed ones, the
    Lodévois's in Lodève (open Tuesday to Saturday, the others on weekdays), and a bus
    touring three stops."""
    from directory.models import MaisonPage
    from tests.factories import add_stops, communes_from_table, maison_in

    communes = communes_from_table(COMMUNES, *[line[:5] for line in COMMUNES.splitlines()])
    for insee, title, hours in MAISONS:
        maison_in(communes[insee], title, hours=hours)
    bus = maison_in(
        communes["34028"],
        BUS,
        format=MaisonPage.Format.BUS,
        hours=[(day, "09:30", "16:30") for day in range(5)],
    )
    add_stops(bus, BUS_STOPS)


def record_requests(session) -> list[str]:
    """Every URL the page asks for, from now on."""
    urls: list[str] = []
    session.page.on("request", lambda request: urls.append(request.url))
    return urls


def assert_only_loopback(session, urls: list[str]) -> None:
    """Every request went to the live server or the tile server (both on loopback); none
    had to be blocked."""
    hosts = {
        urlsplit(session.base_url).netloc,
        urlsplit(settings.DIRECTORY_MAP_TILES_ORIGIN).netloc,
    }
    elsewhere = [
        url for url in urls if not url.startswith("data:") and urlsplit(url).netloc not in hosts
    ]
    assert not elsewhere, f"Requests to another host than the live server: {elsewhere}"
    assert not session.blocked_requests, f"Blocked requests: {session.blocked_requests}"


def open_search(session, path: str = SEARCH_PATH):
    serve_tiles(session)
    response = session.goto(path)
    assert response.status == 200, f"{path}: HTTP {response.status}"
    page = session.page
    expect(page.locator("#maison-map")).to_be_visible()
    page.wait_for_selector(f"{MARKERS}, {CLUSTERS}", state="attached")
    return page


def map_entries(page) -> tuple[dict[str, str], int]:
    """({maison id: name} of the markers shown, how many maisons the clusters hold)."""
    labels = page.eval_on_selector_all(
        MARKERS, "ms => ms.map(m => [m.dataset.maisonId, m.getAttribute('aria-label')])"
    )
    clustered = page.eval_on_selector_all(CLUSTERS, "cs => cs.map(c => Number(c.dataset.count))")
    return {id_: MARKER_LABEL.match(label).group(2) for id_, label in labels}, sum(clustered)


def card_ids(page) -> list[str]:
    return page.eval_on_selector_all(CARDS, "cards => cards.map(c => c.dataset.maisonId)")


def test_map_has_one_named_marker_per_result_and_stays_on_loopback(session):
    urls = record_requests(session)
    page = open_search(session)

    ids = card_ids(page)
    assert ids, "The search for Lodève should list maisons"
    names, clustered = map_entries(page)
    assert set(names) <= set(ids) and len(names) + clustered == len(ids), "Every result"
    for maison_id, name in names.items():
        title = page.locator(f"#maison-result-{maison_id} .fr-card__title a").inner_text()
        assert name == title.strip(), (maison_id, name)
        marker = page.locator(f'{MARKERS}[data-maison-id="{maison_id}"]')
        expect(marker).to_have_attribute("role", "button")
        expect(marker).to_have_attribute("tabindex", "0")

    origin = page.locator("#maison-map [data-origin]")
    expect(origin).to_have_count(1)
    assert "Lodève" in (origin.get_attribute("aria-label") or "")
    expect(page.locator("#maison-map")).to_have_attribute("role", "region")
    # The tiles come from the tile URL of the settings (on loopback in the tests).
    tiles_url = page.get_attribute("#maison-map", "data-tiles-url")
    assert tiles_url.startswith(settings.DIRECTORY_MAP_TILES_ORIGIN)
    expect(page.locator("#maison-map .leaflet-tile").first).to_be_attached()

    # Zooming and panning must not fetch anything from outside either.
    page.locator("#maison-map .leaflet-control-zoom-in").click()
    page.locator("#maison-map").focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_load_state("networkidle")
    assert_only_loopback(session, urls)


def test_enter_on_a_focused_marker_opens_its_popup_and_marks_its_card(session):
    page = open_search(session)
    maison_id = card_ids(page)[-1]
    marker = page.locator(f'{MARKERS}[data-maison-id="{maison_id}"]')
    card_link = page.locator(f"#maison-result-{maison_id} .fr-card__title a")

    marker.focus()
    assert page.evaluate("document.activeElement.dataset.maisonId") == maison_id
    page.keyboard.press("Enter")

    popup = page.locator(".leaflet-popup", has=page.locator(".maison-map__popup"))
    expect(popup).to_be_visible()
    popup_link = popup.locator(".maison-map__popup-title a")
    expect(popup_link).to_have_attribute("href", card_link.get_attribute("href"))
    expect(popup_link).to_contain_text(card_link.inner_text().strip())
    expect(popup.locator(".maison-map__popup-details")).to_contain_text("km")
    expect(popup.locator(".fr-badge")).not_to_be_empty()
    expect(page.locator(f"#maison-result-{maison_id}")).to_have_class(ACTIVE_CARD)
    expect(page.locator(".maison-result--active")).to_have_count(1)
    # The keyboard user lands in the popup, kept on screen; Escape closes it and goes back
    # to the marker.
    expect(popup_link).to_be_focused()
    expect(popup_link).to_be_in_viewport()
    page.keyboard.press("Escape")
    expect(page.locator(".maison-map__popup")).to_have_count(0)
    expect(marker).to_be_focused()


def test_clicking_a_marker_marks_its_card_and_scrolls_it_into_view(session):
    page = open_search(session)
    maison_id = card_ids(page)[-1]
    card = page.locator(f"#maison-result-{maison_id}")
    page.locator("#maison-map").scroll_into_view_if_needed()
    expect(card).not_to_be_in_viewport()

    page.locator(f'{MARKERS}[data-maison-id="{maison_id}"]').click()

    expect(page.locator(".maison-map__popup")).to_be_attached()
    expect(card).to_have_class(ACTIVE_CARD)
    expect(card).to_be_in_viewport()


def test_embedded_search_popup_links_open_like_the_card_links(session):
    page = open_search(session, "/maisons/embed/?q=Lodève")
    maison_id = card_ids(page)[0]
    card_link = page.locator(f"#maison-result-{maison_id} .fr-card__title a")
    assert card_link.get_attribute("target") == "_blank"

    page.locator(f'{MARKERS}[data-maison-id="{maison_id}"]').focus()
    page.keyboard.press("Enter")

    popup_link = page.locator(".maison-map__popup-title a")
    expect(popup_link).to_have_attribute("target", "_blank")
    expect(popup_link).to_have_attribute("title", card_link.get_attribute("title"))


def test_hovering_or_focusing_a_card_marks_its_marker_without_moving_the_focus(session):
    page = open_search(session)
    ids = card_ids(page)
    assert len(ids) >= 2, "The search for Lodève should list at least two maisons"
    first, second = ids[0], ids[1]
    active_markers = f"{MARKERS}.maison-map__marker--active"

    page.locator(f"#maison-result-{second}").hover()
    expect(page.locator(active_markers)).to_have_attribute("data-maison-id", second)
    expect(page.locator(active_markers)).to_have_count(1)
    second_name = page.locator(f"#maison-result-{second} .fr-card__title a").inner_text()
    expect(page.locator(".maison-map__popup").last).to_contain_text(second_name.strip())

    first_link = page.locator(f"#maison-result-{first} .fr-card__title a")
    first_link.focus()
    expect(page.locator(active_markers)).to_have_attribute("data-maison-id", first)
    expect(page.locator(active_markers)).to_have_count(1)
    first_name = first_link.inner_text().strip()
    expect(page.locator(".maison-map__popup", has_text=first_name)).to_be_visible()
    expect(first_link).to_be_focused()


def test_commune_combobox_follows_the_aria_pattern(session):
    page = open_search(session)
    field = page.locator("#maison-search-q")
    expect(field).to_have_attribute("role", "combobox")
    expect(field).to_have_attribute("aria-autocomplete", "list")
    expect(field).to_have_attribute("aria-expanded", "false")
    listbox_id = field.get_attribute("aria-controls")
    listbox = page.locator(f"#{listbox_id}")
    expect(listbox).to_have_attribute("role", "listbox")
    expect(listbox).to_be_hidden()

    field.fill("")
    with page.expect_response(lambda r: "/api/v1/communes/" in r.url) as answer:
        field.press_sequentially("lod", delay=50)
    api = answer.value
    assert urlsplit(api.url).query == "q=lod&limit=8"
    results = json.loads(api.text())["results"]
    assert results, "The commune API should suggest Lodève for “lod”"

    expect(field).to_have_attribute("aria-expanded", "true")
    expect(listbox).to_be_visible()
    options = listbox.locator('[role="option"]')
    expect(options).to_have_count(len(results))
    for index in range(len(results)):
        expect(options.nth(index)).to_have_attribute("aria-selected", "false")
        assert options.nth(index).get_attribute("id")
    status = page.locator(f"#{listbox_id} ~ [role=status]")
    field = page.locator("#maison-search-q")
    if len(results) == 1:
        expected = field.get_attribute("data-label-suggestions-one")
    else:
        expected = field.get_attribute("data-label-suggestions").replace("{n}", str(len(results)))
    expect(status).to_have_text(expected)

    page.keyboard.press("ArrowDown")
    first_id = options.first.get_attribute("id")
    expect(field).to_have_attribute("aria-activedescendant", first_id)
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(field).to_be_focused()

    url_before = page.url
    page.keyboard.press("Enter")
    expect(field).to_have_value(results[0]["label"])
    expect(page.locator("#maison-search-commune")).to_have_value(results[0]["insee"])
    expect(page.locator("#maison-search-lat")).to_have_value("")
    expect(page.locator("#maison-search-lon")).to_have_value("")
    expect(field).to_have_attribute("aria-expanded", "false")
    expect(listbox).to_be_hidden()
    assert field.get_attribute("aria-activedescendant") is None
    assert page.url == url_before, "Choosing a commune must not submit the form"

    # Typing again: the chosen commune no longer applies; Escape closes the list.
    field.press_sequentially("x")
    expect(page.locator("#maison-search-commune")).to_have_value("")
    field.fill("")
    field.press_sequentially("lod", delay=50)
    expect(listbox).to_be_visible()
    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(field).to_have_value("lod")


def test_clicking_a_suggestion_chooses_it(session):
    page = open_search(session)
    field = page.locator("#maison-search-q")
    field.fill("")
    with page.expect_response(lambda r: "/api/v1/communes/" in r.url) as answer:
        field.press_sequentially("lod", delay=50)
    first = json.loads(answer.value.text())["results"][0]
    page.locator('#maison-search-q-listbox [role="option"]').first.click()
    expect(field).to_have_value(first["label"])
    expect(page.locator("#maison-search-commune")).to_have_value(first["insee"])
    expect(field).to_be_focused()


def test_search_page_with_open_map_popup_and_suggestions_has_no_wcag_violation(session):
    page = open_search(session)
    page.locator(MARKERS).first.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".maison-map__popup")).to_be_visible()
    field = page.locator("#maison-search-q")
    field.fill("")
    field.press_sequentially("lod", delay=50)
    expect(page.locator("#maison-search-q-listbox")).to_be_visible()
    page.keyboard.press("ArrowDown")

    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(page.url, violations)


def test_without_javascript_results_are_listed_and_no_map_is_shown(open_session):
    session = open_session(java_script_enabled=False)
    response = session.goto(SEARCH_PATH)
    assert response.status == 200
    page = session.page

    assert page.locator(CARDS).count() >= 1
    expect(page.locator(CARDS).first).to_be_visible()
    expect(page.locator("#maison-map")).to_be_hidden()
    expect(page.locator(".leaflet-container")).to_have_count(0)
    expect(page.locator("[data-geolocate-slot] button")).to_have_count(0)
    assert page.get_attribute("#maison-search-q", "role") is None


def test_around_me_submits_the_rounded_position(open_session):
    session = open_session(geolocation=POSITION)
    session.context.grant_permissions(["geolocation"], origin=session.base_url.rstrip("/"))
    urls = record_requests(session)
    page = open_search(session)

    button = page.locator("[data-geolocate-slot] button")
    expect(button).to_have_count(1)
    expect(button).to_have_class(
        "fr-btn fr-btn--secondary fr-icon-map-pin-2-line fr-btn--icon-left"
    )
    expect(button).to_have_text(page.get_attribute("[data-geolocate-slot]", "data-label"))
    with page.expect_navigation():
        button.click()

    query = parse_qs(urlsplit(page.url).query, keep_blank_values=True)
    assert query["lat"] == ["43.731"], query
    assert query["lon"] == ["3.320"], query
    assert query.get("q", [""]) == [""], query
    assert query.get("commune", [""]) == [""], query
    expect(page.locator("#maison-search-lat")).to_have_value("43.731")
    assert page.locator(CARDS).count() >= 1, "Maisons near the position should be listed"
    assert_only_loopback(session, urls)


def test_around_me_says_when_the_position_is_refused(session):
    # No permission granted: the browser refuses the position.
    page = open_search(session)
    url_before = page.url
    page.locator("[data-geolocate-slot] button").click()
    status = page.locator("[data-geolocate-status]")
    denied = page.get_attribute("[data-geolocate-slot]", "data-label-denied")
    expect(status).to_have_text(denied)
    expect(status).to_have_class(re.compile(r"\bfr-message--error\b"))
    expect(page.locator("[data-geolocate-slot] button")).to_be_enabled()
    assert page.url == url_before


def test_search_lodeve_filter_open_now_and_open_a_maison(session):
    """The visitor's path: type a commune, see the list and the markers, keep what is open
    now, open a maison."""
    session.goto("/maisons/")
    page = session.page
    page.fill("#maison-search-q", "Lodève")
    page.click("#maison-search button[type=submit]")
    page.wait_for_selector(f"{MARKERS}, {CLUSTERS}", state="attached")
    names = page.locator(f"{CARDS} .fr-card__title a").all_inner_texts()
    assert names[0] == LODEVOIS
    shown, clustered = map_entries(page)
    assert set(shown.values()) <= set(names) and len(shown) + clustered == len(names)

    page.check("#maison-search-open_now", force=True)
    page.click("#maison-search-filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert parse_qs(urlsplit(page.url).query)["open_now"] == ["true"]
    open_cards = page.locator(CARDS)
    if open_cards.count():  # in opening hours: only open maisons are listed
        badges = page.locator(f"{CARDS} .fr-badge--success").count()
        assert badges == open_cards.count()
        target = page.locator(f"{CARDS} .fr-card__title a").first
    else:  # at night: the page says so and offers every maison back
        page.get_by_role("link", name=re.compile("ouvertes ou fermées|open or closed")).click()
        page.wait_for_selector(CARDS)
        target = page.locator(f"{CARDS} .fr-card__title a").first
    name = target.inner_text()
    target.click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator("h1").inner_text() == name
