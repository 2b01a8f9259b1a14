"""Typed environment variables: what each reads, and a malformed value refused by name.

In-process checks of ``portal.settings.env``; ``test_settings.py`` loads whole settings
modules in a subprocess."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings.env import env_base_url, env_bool, env_int, env_list

NAME = "PORTAL_TEST_VARIABLE"


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (None, True),
        ("1", True),
        (" Yes ", True),
        ("on", True),
        ("FALSE", False),
        ("0", False),
        ("", False),
    ],
)
def test_a_boolean_reads_the_usual_spellings(monkeypatch, raw, value):
    # arrange
    if raw is not None:
        monkeypatch.setenv(NAME, raw)
    # act / assert (the default is True: an unset variable keeps it)
    assert env_bool(NAME, default=True) is value


def test_a_boolean_that_is_neither_is_refused_by_name(monkeypatch):
    # arrange
    monkeypatch.setenv(NAME, "peut-être")
    # act / assert
    with pytest.raises(ImproperlyConfigured, match=f"{NAME} must be a boolean"):
        env_bool(NAME)


@pytest.mark.parametrize(("raw", "value"), [(None, 7), ("  ", 7), ("42", 42), ("-3", -3)])
def test_an_integer_or_its_default(monkeypatch, raw, value):
    # arrange
    if raw is not None:
        monkeypatch.setenv(NAME, raw)
    # act / assert
    assert env_int(NAME, 7) == value


def test_an_integer_that_is_not_one_is_refused_by_name(monkeypatch):
    # arrange
    monkeypatch.setenv(NAME, "12 minutes")
    # act / assert
    with pytest.raises(ImproperlyConfigured, match=f"{NAME} must be an integer, not '12 min"):
        env_int(NAME, 7)


@pytest.mark.parametrize(
    ("raw", "value"),
    [(None, ["a.example"]), ("", []), (" x.example , ,y.example ", ["x.example", "y.example"])],
)
def test_a_list_is_split_on_commas_without_empty_items(monkeypatch, raw, value):
    # arrange
    if raw is not None:
        monkeypatch.setenv(NAME, raw)
    # act / assert
    assert env_list(NAME, ["a.example"]) == value


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("https://France-Services.example/", "https://france-services.example"),
        ("https://france-services.example:443", "https://france-services.example"),
        ("http://localhost:80", "http://localhost"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
    ],
)
def test_a_base_url_drops_what_goes_without_saying(monkeypatch, raw, value):
    # arrange
    monkeypatch.setenv(NAME, raw)
    # act / assert
    assert env_base_url(NAME, "https://unused.example") == value


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("france-services.example", "must be an http(s) address without path"),
        ("https://france-services.example/fr/", "must be an http(s) address without path"),
        ("https://france-services.example:port", "must be an http(s) address without path"),
        ("https://france-services.example:8443", "Wagtail's sites serve https on port 443"),
        ("http://france-services.example:443", "Wagtail's sites serve https on port 443"),
    ],
)
def test_a_base_url_wagtail_cannot_serve_is_refused_by_name(monkeypatch, raw, message):
    # arrange
    monkeypatch.setenv(NAME, raw)
    # act / assert
    with pytest.raises(ImproperlyConfigured, match=f"^{NAME}.*{re.escape(message)}"):
        env_base_url(NAME, "https://unused.example")
