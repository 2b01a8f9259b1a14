"""The admin calls no outside service: no avatar from Gravatar, no release check, no font,
script or link to another host."""

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from portal.models import User
from tests.auth import login_with_second_factor
from tests.factories import MaisonPageFactory

pytestmark = pytest.mark.django_db


def outside_addresses(html: bytes, own_hosts: set[str]) -> list[str]:
    """Addresses on another host in any attribute of the page (src, href, srcset, the
    data attributes scripts read)."""
    found = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        for value in tag.attrs.values():
            for item in value if isinstance(value, list) else value.split(","):
                candidate = item.strip().split(" ")[0]
                absolute = candidate.startswith(("http://", "https://", "//"))
                if absolute and urlsplit(candidate).hostname not in own_hosts:
                    found.append(f"<{tag.name}> {candidate}")
    return found


def quoted_outside_addresses(html: bytes, own_hosts: set[str]) -> list[str]:
    """Addresses on another host anywhere in the page, scripts' data included (the
    sidebar's menus are JSON)."""
    hosts = re.findall(rb"""["'(](?:https?:)?(?://|\\/\\/)([\w.-]+)""", html)
    return [host.decode() for host in hosts if host.decode() not in own_hosts]


@pytest.fixture
def admin(client, public_base_url):
    user = User.objects.create_superuser("editrice@france-services.example", "mot-de-passe")
    login_with_second_factor(client, user)
    return client


@pytest.mark.parametrize("view", ["dashboard", "page edit"])
def test_the_admin_names_no_other_host(admin, view):
    # arrange
    maison = MaisonPageFactory()
    path = "/admin/" if view == "dashboard" else f"/admin/pages/{maison.pk}/edit/"
    # act
    response = admin.get(path)
    # assert
    assert response.status_code == 200
    own_hosts = {"testserver", "france-services.example"}
    assert outside_addresses(response.content, own_hosts) == []
    assert quoted_outside_addresses(response.content, own_hosts) == []
    assert b'data-controller="w-upgrade' not in response.content  # asks wagtail.org
