"""The origin of a tile URL template, as the Content-Security-Policy names its host."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings.base import content_security_policies
from portal.settings.env import url_origin


def test_a_varying_subdomain_becomes_a_wildcard_in_the_origin_and_the_policy():
    # arrange
    tiles = "https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png"
    # act
    origin = url_origin(tiles)
    site, admin = content_security_policies(tiles)
    # assert
    assert origin == "https://*.tile.openstreetmap.fr"
    assert site["DIRECTIVES"]["img-src"][-1] == origin
    assert site["DIRECTIVES"]["connect-src"][-1] == origin
    assert admin["img-src"][-1] == origin


def test_without_tiles_the_policy_allows_no_other_host():
    # arrange / act
    site, admin = content_security_policies("")
    # assert
    assert site["DIRECTIVES"]["img-src"] == ["'self'", "data:"]
    assert site["DIRECTIVES"]["connect-src"] == ["'self'"]
    assert admin["img-src"] == ["'self'", "data:", "blob:"]


@pytest.mark.parametrize(
    "url",
    ["https://tiles.{s}.example.org/{z}/{x}/{y}.png", "https://{s}.{r}.example.org/{z}.png"],
)
def test_only_the_first_part_of_the_host_may_vary(url):
    # arrange / act / assert
    with pytest.raises(ImproperlyConfigured, match="Only the first part of the host may vary"):
        url_origin(url)
