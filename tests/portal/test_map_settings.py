"""The results map's tile settings: Plan IGN by default, the tile host's origin for the
Content-Security-Policy, a loopback address in the tests."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from portal.settings import base
from portal.settings.env import url_origin


def test_the_default_tiles_are_plan_ign_of_the_geoplateforme():
    # arrange / act
    url, attribution = base.DIRECTORY_MAP_TILES_URL, base.DIRECTORY_MAP_ATTRIBUTION
    # assert
    assert url.startswith("https://data.geopf.fr/wmts?")
    assert "LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2" in url
    assert "TILEMATRIX={z}&TILEROW={y}&TILECOL={x}" in url
    assert attribution == "© IGN – Géoplateforme"
    assert base.DIRECTORY_MAP_TILES_ORIGIN == "https://data.geopf.fr"


def test_the_tests_ask_tiles_from_a_loopback_address():
    # arrange / act / assert
    assert settings.DIRECTORY_MAP_TILES_URL.startswith("http://127.0.0.1:")
    assert settings.DIRECTORY_MAP_TILES_ORIGIN == "http://127.0.0.1:9"


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("", None),
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("http://user:secret@127.0.0.1:8080/t/{z}/{x}/{y}.png", "http://127.0.0.1:8080"),
    ],
)
def test_url_origin_keeps_scheme_host_and_port_only(url, origin):
    # arrange / act / assert
    assert url_origin(url) == origin


def test_url_origin_refuses_what_is_not_an_http_url():
    # arrange / act / assert
    with pytest.raises(ImproperlyConfigured):
        url_origin("tiles/{z}/{x}/{y}.png")
