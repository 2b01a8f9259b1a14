"""The site search suggestions in a real browser: the header's search field as an ARIA
combobox (keyboard, mouse, announcements, stale and failed answers), axe with the list
open, and the plain form without JavaScript."""

import contextlib
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect
from test_accessibility import AXE_OPTIONS, format_violations

pytestmark = pytest.mark.e2e

FIELD = "#header-search-input"
ENDPOINT = "/recherche/suggestions/"
SUGGESTIONS_SHOWN = 8
CARTE_GRISE = "Mettre à son nom la carte grise d’un véhicule d’essai"
CARTE_GRISE_SLUG = "carte-grise-dessai"
CAF = "Caisse d’allocations familiales"
ENGLISH_PAGE = "The trial network"
ENGLISH_SLUG = "trial-network"


def build_dataset() -> None:
    """A guide on the carte grise; the CAF, a partner; nine maisons named "France
    Services …", more than the suggestions shown; a page and its English translation."""
    from home.factories import ensure_translation
    from tests.factories import (
        GuidePageFactory,
        MaisonPageFactory,
        PartnerFactory,
        StandardPageFactory,
    )

    GuidePageFactory(title=CARTE_GRISE, slug=CARTE_GRISE_SLUG)
    PartnerFactory(name=CAF, short_name="CAF", slug="caf", national=True)
    for number in range(1, SUGGESTIONS_SHOWN + 2):
        MaisonPageFactory(title=f"France Services d’essai {number}")
    ensure_translation(
        StandardPageFactory(title="Le réseau d’essai", slug="reseau-dessai"),
        language_code="en",
        title=ENGLISH_PAGE,
        slug=ENGLISH_SLUG,
    )


def is_suggestions(url: str, query: str | None = None) -> bool:
    parts = urlsplit(url)
    if not parts.path.endswith(ENDPOINT):
        return False
    return query is None or parse_qs(parts.query).get("q") == [query]


def type_and_wait(page, text: str, query: str | None = None) -> list[dict]:
    """Type ``text`` in the header field; the suggestions the endpoint answered for
    ``query`` (the whole text, ``text`` by default)."""
    field = page.locator(FIELD)
    query = query or text
    with page.expect_response(lambda response: is_suggestions(response.url, query)) as answer:
        field.press_sequentially(text, delay=20)
    return json.loads(answer.value.text())["suggestions"]


def combobox(page):
    field = page.locator(FIELD)
    return field, page.locator(f"#{field.get_attribute('aria-controls')}")


def test_arrow_down_and_enter_open_the_suggestion(session):
    session.goto("/")
    page = session.page
    field, listbox = combobox(page)
    expect(field).to_have_attribute("role", "combobox")
    expect(field).to_have_attribute("aria-autocomplete", "list")
    expect(field).to_have_attribute("aria-expanded", "false")
    expect(listbox).to_have_attribute("role", "listbox")
    expect(listbox).to_be_hidden()

    found = type_and_wait(page, "carte g")

    assert found[0]["label"] == CARTE_GRISE
    options = listbox.locator('[role="option"]')
    expect(listbox).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    expect(options).to_have_count(len(found))
    expect(options.first).to_contain_text(CARTE_GRISE)
    expect(options.first).to_contain_text(found[0]["type"])
    status = page.locator(f"#{listbox.get_attribute('id')} ~ [role=status]")
    expected = field.get_attribute("data-label-suggestions").replace("{n}", str(len(found)))
    if len(found) == 1:
        expected = field.get_attribute("data-label-suggestions-one")
    expect(status).to_have_text(expected)

    page.keyboard.press("ArrowDown")
    expect(field).to_have_attribute("aria-activedescendant", options.first.get_attribute("id"))
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(field).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert urlsplit(page.url).path == f"/demarches/{CARTE_GRISE_SLUG}/"
    expect(page.locator("h1")).to_have_text(CARTE_GRISE)


def test_arrows_wrap_and_enter_without_a_highlight_submits_the_search(session):
    session.goto("/")
    page = session.page
    field, listbox = combobox(page)
    found = type_and_wait(page, "france")
    assert len(found) == SUGGESTIONS_SHOWN
    options = listbox.locator('[role="option"]')

    page.keyboard.press("ArrowUp")
    expect(field).to_have_attribute("aria-activedescendant", options.last.get_attribute("id"))
    page.keyboard.press("ArrowDown")
    expect(field).to_have_attribute("aria-activedescendant", options.first.get_attribute("id"))
    page.keyboard.press("ArrowLeft")  # back in the text: nothing highlighted
    assert field.get_attribute("aria-activedescendant") is None
    expect(page.locator(".search-combobox__option--active")).to_have_count(0)

    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == "/recherche/"
    assert parse_qs(urlsplit(page.url).query)["q"] == ["france"]


def test_escape_closes_the_list_then_clears_the_field(session):
    session.goto("/")
    page = session.page
    field, listbox = combobox(page)
    type_and_wait(page, "france")
    expect(listbox).to_be_visible()

    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(field).to_have_attribute("aria-expanded", "false")
    expect(field).to_have_value("france")
    expect(field).to_be_focused()

    page.keyboard.press("ArrowDown")  # the same suggestions, open again
    expect(listbox).to_be_visible()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(field).to_have_value("")
    expect(listbox).to_be_hidden()


def test_tab_leaves_the_field_and_closes_the_list(session):
    session.goto("/")
    page = session.page
    field, listbox = combobox(page)
    type_and_wait(page, "france")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    expect(listbox).to_be_hidden()
    expect(field).not_to_be_focused()
    assert urlsplit(page.url).path == "/"


def test_clicking_a_suggestion_opens_it(session):
    session.goto("/")
    page = session.page
    _, listbox = combobox(page)
    type_and_wait(page, "caf")
    option = listbox.locator('[role="option"]', has_text=CAF)
    with page.expect_navigation():
        option.click()
    assert urlsplit(page.url).path == "/partenaires/caf/"


def test_english_pages_get_english_suggestions(session):
    session.goto("/en/")
    page = session.page
    field, listbox = combobox(page)
    assert field.get_attribute("data-search-suggestions") == f"/en{ENDPOINT}"
    found = type_and_wait(page, "netwo")
    assert [item["url"] for item in found] == [f"/en/{ENGLISH_SLUG}/"]
    expect(listbox.locator('[role="option"]')).to_have_text([f"{ENGLISH_PAGE}, Page"])


def test_one_character_asks_nothing(session):
    session.goto("/")
    page = session.page
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.locator(FIELD).press_sequentially("c")
    page.wait_for_timeout(400)  # longer than the debounce
    assert not [url for url in asked if is_suggestions(url)]
    expect(combobox(page)[1]).to_be_hidden()


def test_an_answer_for_an_older_text_is_not_shown(session):
    session.goto("/")
    page = session.page
    held = []
    page.route(lambda url: is_suggestions(url, "carte"), lambda route: held.append(route))
    field, listbox = combobox(page)
    with page.expect_request(lambda request: is_suggestions(request.url, "carte")):
        field.press_sequentially("carte", delay=20)

    found = type_and_wait(page, " g", "carte g")
    stale = {"query": "carte", "suggestions": [{"label": "Ancienne", "url": "/", "type": "Page"}]}
    with contextlib.suppress(PlaywrightError):  # the browser may have given it up already
        held[0].fulfill(json=stale)

    expect(listbox.locator('[role="option"]')).to_have_count(len(found))
    expect(listbox).not_to_contain_text("Ancienne")


def test_a_failing_endpoint_shows_no_suggestion_and_the_form_still_works(session):
    session.goto("/")
    page = session.page
    page.route(lambda url: is_suggestions(url), lambda route: route.fulfill(status=500))
    field, listbox = combobox(page)
    with page.expect_response(lambda response: is_suggestions(response.url)):
        field.press_sequentially("carte", delay=20)
    page.keyboard.press("ArrowDown")
    expect(listbox).to_be_hidden()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == "/recherche/"


def test_no_wcag_violation_with_the_list_open(session):
    session.goto("/")
    page = session.page
    type_and_wait(page, "france")
    page.keyboard.press("ArrowDown")
    expect(combobox(page)[1]).to_be_visible()

    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, format_violations(page.url, violations)


def test_suggestions_in_the_small_screen_search_dialog(open_session):
    session = open_session(viewport={"width": 375, "height": 740})
    session.goto("/")
    page = session.page
    page.locator(".fr-header__navbar .fr-btn--search").click()
    field, listbox = combobox(page)
    expect(field).to_be_visible()
    field.focus()
    type_and_wait(page, "carte g")
    expect(listbox.locator('[role="option"]').first).to_be_visible()
    expect(listbox.locator('[role="option"]').first).to_be_in_viewport()


def test_without_javascript_the_form_submits_to_the_search_page(open_session):
    session = open_session(java_script_enabled=False)
    session.goto("/")
    page = session.page
    field = page.locator(FIELD)
    assert field.get_attribute("role") is None
    expect(page.locator('[role="listbox"]')).to_have_count(0)

    field.fill("carte grise")
    with page.expect_navigation():
        field.press("Enter")

    parts = urlsplit(page.url)
    assert parts.path == "/recherche/"
    assert parse_qs(parts.query)["q"] == ["carte grise"]
    expect(page.locator("#results-heading")).to_be_visible()
