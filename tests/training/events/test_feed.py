"""The private calendar feed: a token, hashed, revocable."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from training.events import services
from training.events.models import CalendarFeed

from .factories import make_event

pytestmark = pytest.mark.django_db


def test_the_feed_lists_my_registered_events_without_login(client, members, clock):
    # arrange
    mine, other = make_event(title="La mienne"), make_event(title="L’autre")
    services.register(event=mine, user=members.agent.user)
    services.register(event=other, user=members.other_agent.user)
    token = services.create_feed(user=members.agent.user)
    # act
    response = client.get(reverse("events:feed", kwargs={"token": token}))
    # assert
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert [str(c["SUMMARY"]) for c in calendar.walk("VEVENT")] == ["La mienne"]
    assert token not in CalendarFeed.objects.get().token_hash


def test_a_wrong_renewed_or_revoked_token_is_a_404(client, members, clock):
    # arrange
    old = services.create_feed(user=members.agent.user)
    new = services.create_feed(user=members.agent.user)
    # act / assert
    assert client.get(reverse("events:feed", kwargs={"token": old})).status_code == 404
    assert client.get(reverse("events:feed", kwargs={"token": "nope"})).status_code == 404
    assert client.get(reverse("events:feed", kwargs={"token": new})).status_code == 200
    services.revoke_feed(user=members.agent.user)
    assert client.get(reverse("events:feed", kwargs={"token": new})).status_code == 404


def test_the_calendar_page_shows_a_new_address_once(member_client, members, clock):
    # arrange
    client = member_client(members.agent)
    # act
    response = client.post(reverse("events:calendar"), {"action": "create"})
    # assert
    assert response.status_code == 200
    url = response.context["feed_url"]
    assert "/espace-agents/agenda/calendrier/" in url
    assert client.get(url).status_code == 200
    assert client.get(reverse("events:calendar")).context["feed_url"] is None
