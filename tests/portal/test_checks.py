"""Deployment checks (``manage.py check --deploy``)."""

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from portal import checks


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000",  # the development default
        "https://localhost",
        "https://admin.localhost",
        "https://127.0.0.2",
        "https://[::1]:8443",
        "https://0.0.0.0",
        "http://france-services.example",
        "france-services.example",
        "",
    ],
)
def test_a_public_base_url_links_cannot_follow_is_a_warning(url):
    # arrange / act
    with override_settings(PUBLIC_BASE_URL=url):
        warnings = checks.public_base_url(None)
    # assert
    assert [warning.id for warning in warnings] == ["portal.W002"]


@pytest.mark.parametrize(
    "url", ["https://france-services.example", "https://www.france-services.example"]
)
def test_a_public_https_base_url_is_silent(url):
    # arrange / act
    with override_settings(PUBLIC_BASE_URL=url):
        warnings = checks.public_base_url(None)
    # assert
    assert warnings == []


def test_the_check_runs_only_with_deploy():
    # arrange
    with override_settings(PUBLIC_BASE_URL="http://127.0.0.1:8000"):
        # act
        ids = {
            deploy: {message.id for message in run_checks(include_deployment_checks=deploy)}
            for deploy in (False, True)
        }
    # assert
    assert "portal.W002" not in ids[False]
    assert "portal.W002" in ids[True]
