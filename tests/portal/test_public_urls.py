"""The site's public address (``PUBLIC_BASE_URL``): Wagtail's default site follows it."""

import pytest
from django.core.management import call_command
from wagtail.models import Site

from directory.models import DirectoryIndexPage

pytestmark = pytest.mark.django_db


def test_migrate_gives_the_default_site_the_public_address(public_base_url):
    # act
    call_command("migrate", verbosity=0)
    # assert
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("france-services.example", 443)
    assert site.root_url == "https://france-services.example"
    index = DirectoryIndexPage.objects.get(locale__language_code="fr")
    assert index.get_full_url() == "https://france-services.example/maisons/"


def test_an_http_address_on_another_port_keeps_its_port(settings):
    # arrange
    settings.PUBLIC_BASE_URL = "http://fs.example:8000"
    # act
    call_command("migrate", verbosity=0)
    # assert
    assert Site.objects.get(is_default_site=True).root_url == "http://fs.example:8000"
