"""The maison finder's layout and map in a real browser, around Lyon: the results come
first at 390 px and 1280 px wide, nothing scrolls sideways, the map clusters every result
of the search with markers numbered like the list, its tiles come from the (loopback) tile
URL of the test settings only, and axe-core finds nothing.

``UPDATE_SCREENSHOTS=1`` saves the first screen at each width to ``docs/screenshots/``
(committed; CI does not set it, so it leaves the tree clean).
"""

import os
import re
import zlib
from pathlib import Path
from struct import pack
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import expect
from test_accessibility import AXE_OPTIONS, format_violations

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SEARCH_PATH = "/maisons/?q=Lyon"
CARDS = "ol.maison-results > li.maison-result"
MARKERS = "#maison-map .maison-map__marker"
CLUSTERS = "#maison-map .maison-map__cluster"
WIDTHS = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 800}}

# Lyon with its real point, as the commune file gives it.
COMMUNES = (
    "69123;Lyon;Lyon;69;69001 69002 69003 69004 69005 69006 69007 69008 69009;"
    "45.7578;4.8320;522250"
)
# Twelve maisons around Lyon (name, commune, postcode, latitude, longitude): two pages of
# results; the Vénissieux pair and the Villeurbanne pair stand close enough to cluster.
LYON_MAISONS = """\
Lyon 8e;Lyon;69008;45.7347;4.8700
Villeurbanne;Villeurbanne;69100;45.7719;4.8902
Villeurbanne Saint-Jean;Villeurbanne;69100;45.7790;4.8990
Vénissieux;Vénissieux;69200;45.6975;4.8867
Vénissieux Minguettes;Vénissieux;69200;45.7010;4.8800
Bron;Bron;69500;45.7386;4.9131
Oullins;Oullins-Pierre-Bénite;69600;45.7147;4.8075
Lyon 9e La Duchère;Lyon;69009;45.7861;4.8028
Vaulx-en-Velin;Vaulx-en-Velin;69120;45.7781;4.9219
Rillieux-la-Pape;Rillieux-la-Pape;69140;45.8206;4.8983
Saint-Fons;Saint-Fons;69190;45.7086;4.8533
Givors;Givors;69700;45.5906;4.7689
"""
WEEKDAYS = [(weekday, "09:00", "17:00") for weekday in range(5)]


def tile_png() -> bytes:
    """A plain light 256 by 256 PNG: what the fake tile server answers."""
    row = b"\x00" + b"\xe8\xee\xe4" * 256
    raw = zlib.compress(row * 256)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return pack(">I", len(data)) + kind + data + pack(">I", zlib.crc32(kind + data))

    header = pack(">IIBBBBB", 256, 256, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
    )


def build_dataset() -> None:
    """Lyon and twelve maisons around it (the module's dataset, see tests/e2e/conftest.py)."""
    from directory.models import Department
    from portal.content_version import bump_content_version
    from tests.factories import MaisonPageFactory, communes_from_table

    communes_from_table(COMMUNES, "69123")
    rhone = Department.objects.get(code="69")
    for line in LYON_MAISONS.splitlines():
        name, commune, postcode, latitude, longitude = line.split(";")
        MaisonPageFactory(
            title=f"France Services {name}",
            commune_name=commune,
            postcode=postcode,
            insee_commune="69123",
            department=rhone,
            latitude=float(latitude),
            longitude=float(longitude),
            hours=WEEKDAYS,
        )
    bump_content_version()


@pytest.fixture
def lyon(live_site):
    """The live site with the module's dataset, before the browser starts."""
    return live_site


def serve_tiles(session) -> list[str]:
    """Answers the tile URL of the test settings with a plain tile; returns the tile URLs
    asked for."""
    tiles: list[str] = []
    origin = settings.DIRECTORY_MAP_TILES_ORIGIN
    assert urlsplit(origin).hostname == "127.0.0.1"
    body = tile_png()

    def answer(route):
        tiles.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=body)

    session.page.route(f"{origin}/**", answer)
    return tiles


def open_search(session, path: str = SEARCH_PATH):
    response = session.goto(path)
    assert response.status == 200, f"{path}: HTTP {response.status}"
    page = session.page
    expect(page.locator("#maison-map")).to_be_visible()
    page.wait_for_selector(f"{MARKERS}, {CLUSTERS}", state="attached")
    page.wait_for_load_state("networkidle")
    return page


def bottom(page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not rendered"
    return box["y"] + box["height"]


@pytest.mark.parametrize("width", list(WIDTHS))
def test_results_come_first_without_sideways_scroll_and_no_axe_violation(
    lyon, open_session, width
):
    # arrange
    viewport = WIDTHS[width]
    session = open_session(viewport=viewport)
    tiles = serve_tiles(session)
    requested: list[str] = []
    session.page.on("request", lambda request: requested.append(request.url))
    # act
    page = open_search(session)
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"maisons-lyon-{width}.png"))
    # assert: the count and the first result in the first screen, the filters folded
    expect(page.locator("#maison-results-heading")).to_contain_text("12 France Services")
    assert bottom(page, "#maison-results-heading") <= viewport["height"]
    assert bottom(page, CARDS) <= viewport["height"], "The first result must be in view"
    expect(page.locator("#maison-search-filters-fold")).not_to_have_attribute("open", "")
    expect(page.locator("#maison-search-partner")).to_be_hidden()
    # nothing scrolls sideways, nothing is wider than the page
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"Sideways scroll at {width} px: {widths}"
    # the tiles come from the tile URL of the settings, on loopback, and nowhere else
    assert tiles, "The base map asks for tiles"
    server = urlsplit(session.base_url).netloc
    tile_host = urlsplit(settings.DIRECTORY_MAP_TILES_ORIGIN).netloc
    elsewhere = [
        url
        for url in requested
        if not url.startswith("data:") and urlsplit(url).netloc not in {server, tile_host}
    ]
    assert not elsewhere, f"Requests to another host: {elsewhere}"
    assert not session.blocked_requests, f"Blocked requests: {session.blocked_requests}"
    expect(page.locator("#maison-map .leaflet-control-attribution")).to_contain_text(
        settings.DIRECTORY_MAP_ATTRIBUTION
    )
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(page.url, violations)


def marker_numbers(page) -> dict[str, str]:
    return dict(
        page.eval_on_selector_all(
            MARKERS, "ms => ms.map(m => [m.dataset.maisonId, m.dataset.number])"
        )
    )


def test_every_result_is_on_the_map_clustered_and_numbered_like_the_list(lyon, session):
    # arrange
    serve_tiles(session)
    page = open_search(session)
    # act: the map's markers and clusters at its first view
    clusters = page.eval_on_selector_all(CLUSTERS, "cs => cs.map(c => Number(c.dataset.count))")
    shown = marker_numbers(page)
    # assert: all twelve results (the list shows ten), some of them clustered
    expect(page.locator(CARDS)).to_have_count(10)
    assert clusters, "Near maisons are clustered"
    assert sum(clusters) + len(shown) == 12
    for count in clusters:
        cluster = page.locator(f'{CLUSTERS}[data-count="{count}"]').first
        expect(cluster).to_have_attribute("role", "button")
        expect(cluster).to_have_attribute("aria-label", re.compile(rf"^{count} France Services"))
    numbers = dict(
        page.eval_on_selector_all(
            CARDS, "cs => cs.map(c => [c.dataset.maisonId, c.dataset.number])"
        )
    )
    for maison_id, number in shown.items():
        if maison_id in numbers:
            assert number == numbers[maison_id]
        marker = page.locator(f'{MARKERS}[data-maison-id="{maison_id}"]')
        expect(marker).to_have_text(number)
        expect(marker).to_have_attribute("aria-label", re.compile(rf"^Résultat {number} : "))
    # Enter on a cluster zooms in until its markers stand apart
    page.locator(CLUSTERS).first.focus()
    page.keyboard.press("Enter")
    expect(page.locator(MARKERS)).not_to_have_count(len(shown))


def test_page_two_continues_the_numbers_on_the_list_and_the_map(lyon, session):
    # arrange
    serve_tiles(session)
    page = open_search(session, f"{SEARCH_PATH}&page=2")
    cards = page.locator(CARDS)
    expect(cards).to_have_count(2)
    # act: focusing a card shows its marker (out of its cluster if need be)
    last = cards.last
    maison_id = last.get_attribute("data-maison-id")
    last.locator(".fr-card__title a").focus()
    # assert
    expect(cards.first.locator(".maison-result__number")).to_have_text("11.")
    expect(last.locator(".maison-result__number")).to_have_text("12.")
    marker = page.locator(f'{MARKERS}[data-maison-id="{maison_id}"]')
    expect(marker).to_have_text("12")
    expect(marker).to_have_class(re.compile(r"\bmaison-map__marker--active\b"))


def test_without_javascript_the_filters_fold_and_open_natively(lyon, open_session):
    # arrange
    session = open_session(java_script_enabled=False, viewport=WIDTHS["390"])
    session.goto(SEARCH_PATH)
    page = session.page
    fold = page.locator("#maison-search-filters-fold")
    expect(fold).not_to_have_attribute("open", "")
    expect(page.locator("#maison-map")).to_be_hidden()
    # act
    fold.locator("summary").click()
    # assert: open without any script, then open from the start when a filter is set
    expect(page.locator("#maison-search-partner")).to_be_visible()
    session.goto(f"{SEARCH_PATH}&saturday=true")
    expect(fold).to_have_attribute("open", "")
    expect(page.locator("#maison-search-saturday")).to_be_visible()
