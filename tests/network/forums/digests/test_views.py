"""The digest's preference page (the member's own only) and the one-click unsubscribe
page, which needs no login, stops nothing on GET and refuses forged tokens."""

import base64

import pytest
from django.test import Client
from django.urls import reverse

from network.forums.digests.links import unsubscribe_token
from network.forums.digests.models import DigestFrequency, DigestPreference
from network.forums.digests.services import set_frequency
from portal.models import User

pytestmark = pytest.mark.django_db

PREFERENCES = reverse("forums:digest_preferences")


def frequency_of(user) -> str:
    preference = DigestPreference.objects.filter(user=user).first()
    return preference.frequency if preference else DigestFrequency.WEEKLY


def unsubscribe_path(token: str) -> str:
    return reverse("forums:digest_unsubscribe", args=[token])


def test_the_profile_links_to_the_digest_preference(members, member_client):
    # arrange
    client = member_client(members.agent)
    # act
    response = client.get(reverse("network:profile"))
    # assert
    assert f'href="{PREFERENCES}"' in response.text


def test_the_form_shows_weekly_by_default(members, member_client):
    # arrange
    client = member_client(members.agent)
    # act
    response = client.get(PREFERENCES)
    # assert
    assert response.status_code == 200
    assert 'value="weekly" checked' in response.text
    assert response["Cache-Control"] == "private, no-store"


def test_a_member_chooses_daily(members, member_client):
    # arrange
    client = member_client(members.agent)
    # act
    response = client.post(PREFERENCES, {"frequency": "daily"}, follow=True)
    # assert
    assert frequency_of(members.agent.user) == DigestFrequency.DAILY
    assert response.redirect_chain == [(PREFERENCES, 302)]
    assert 'value="daily" checked' in response.text
    assert 'role="status"' in response.text


def test_an_unknown_frequency_is_refused(members, member_client):
    # arrange
    client = member_client(members.agent)
    # act
    response = client.post(PREFERENCES, {"frequency": "hourly"})
    # assert
    assert response.status_code == 400
    assert "fr-message--error" in response.text
    assert not DigestPreference.objects.exists()


def test_a_member_cannot_change_anothers_preference(members, member_client):
    # arrange
    set_frequency(user=members.other_agent.user, frequency=DigestFrequency.DAILY)
    client = member_client(members.agent)
    # act
    client.post(PREFERENCES, {"frequency": "never", "user": members.other_agent.user.pk})
    # assert
    assert frequency_of(members.other_agent.user) == DigestFrequency.DAILY
    assert frequency_of(members.agent.user) == DigestFrequency.NEVER


def test_the_form_is_for_members_only(client, members):
    # arrange
    outsider = User.objects.create_user("passant@example.org", "mot de passe solide 123")
    # act
    anonymous = client.post(PREFERENCES, {"frequency": "never"})
    client.force_login(outsider)
    not_a_member = client.post(PREFERENCES, {"frequency": "never"})
    # assert
    assert anonymous.status_code == 302 and "/connexion/" in anonymous["Location"]
    assert not_a_member.status_code == 404
    assert not DigestPreference.objects.exists()


def test_the_unsubscribe_link_asks_for_a_click_without_login(members):
    # arrange
    client = Client()
    # act
    response = client.get(unsubscribe_path(unsubscribe_token(members.agent.user)))
    # assert: nothing changed, and the page names nobody
    assert response.status_code == 200
    assert '<button class="fr-btn" type="submit">' in response.text
    assert members.agent.user.first_name not in response.text
    assert members.agent.user.email not in response.text
    assert response["Cache-Control"] == "private, no-store"
    assert frequency_of(members.agent.user) == DigestFrequency.WEEKLY


def test_a_member_logged_in_without_their_second_factor_still_unsubscribes(members):
    # arrange: the national cell must give a second factor; this session has not
    client = Client()
    client.force_login(members.national.user)
    url = unsubscribe_path(unsubscribe_token(members.national.user))
    # act
    page = client.get(url)
    done = client.post(url)
    # assert
    assert page.status_code == 200
    assert done.status_code == 200
    assert frequency_of(members.national.user) == DigestFrequency.NEVER


def test_one_click_unsubscribes_without_login_nor_csrf_token(members):
    # arrange: as a mail client does (RFC 8058)
    client = Client(enforce_csrf_checks=True)
    set_frequency(user=members.agent.user, frequency=DigestFrequency.DAILY)
    # act
    response = client.post(
        unsubscribe_path(unsubscribe_token(members.agent.user)),
        {"List-Unsubscribe": "One-Click"},
    )
    # assert
    assert response.status_code == 200
    assert 'role="status"' in response.text
    assert frequency_of(members.agent.user) == DigestFrequency.NEVER
    assert frequency_of(members.other_agent.user) == DigestFrequency.WEEKLY


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_or_altered_token_changes_nothing(members, method):
    # arrange
    client = Client()
    real = unsubscribe_token(members.agent.user)
    other_pk = str(members.other_agent.user.pk).encode()
    forged_value = base64.urlsafe_b64encode(other_pk).decode().rstrip("=")
    tokens = [
        forged_value + real[real.index(":") :],  # another member's id, the agent's signature
        real[:-2] + ("AA" if not real.endswith("AA") else "BB"),  # signature altered
        "n-importe-quoi",
    ]
    # act
    responses = [getattr(client, method)(unsubscribe_path(token)) for token in tokens]
    # assert
    assert [response.status_code for response in responses] == [400, 400, 400]
    assert not DigestPreference.objects.exists()
