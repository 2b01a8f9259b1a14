"""Nothing of the members' area stays in a cache: ``Cache-Control: private, no-store`` on
its pages, its account pages, its files and its API, in every language."""

import pytest

from tests.auth import login_with_second_factor

from .test_views import image_file

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.mark.parametrize(
    "url",
    [
        "/espace-agents/",
        "/espace-agents/actualites/",
        "/espace-agents/actualites/999999/",
        "/espace-agents/membres/",
        "/espace-agents/mon-profil/",
        "/espace-agents/mes-donnees/",
        "/espace-agents/mes-donnees/export.json",
        "/espace-agents/invitations/",
        "/espace-agents/demandes/",
        "/en/espace-agents/",
        "/api/v1/membres/",
    ],
)
def test_a_members_pages_are_kept_in_no_cache(client, members, url):
    # arrange
    login_with_second_factor(client, members.national.user)
    # act
    response = client.get(url)
    # assert
    assert response.status_code in {200, 404}
    assert {"private", "no-store"} <= directives(response)


@pytest.mark.parametrize(
    "url",
    [
        "/espace-agents/connexion/",
        "/espace-agents/mot-de-passe/",
        "/espace-agents/mot-de-passe/envoye/",
        "/espace-agents/mot-de-passe/termine/",
        "/espace-agents/rejoindre/",
        "/espace-agents/invitation/jeton-inconnu/",
        "/en/espace-agents/connexion/",
    ],
)
def test_the_account_pages_are_kept_in_no_cache(client, url):
    # arrange / act
    response = client.get(url)
    # assert
    assert response.status_code in {200, 410}
    assert {"private", "no-store"} <= directives(response)


def test_a_members_photo_is_kept_in_no_cache(client, members, settings, tmp_path):
    # arrange
    settings.MEDIA_ROOT = tmp_path
    members.agent.shares_photo = True
    members.agent.photo.save("photo.png", image_file(), save=True)
    login_with_second_factor(client, members.national.user)
    # act
    response = client.get(f"/espace-agents/membres/{members.agent.pk}/photo/")
    # assert
    assert response.status_code == 200
    assert directives(response) == {"private", "no-store"}
