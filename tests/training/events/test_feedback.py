"""The opinion of a member who came: asked by e-mail after the event, given once (and
changed), read by those who manage the event; refused to everyone else."""

from datetime import timedelta

import pytest
from django.urls import reverse

from training.events import services
from training.events.models import EventFeedback, ReminderSent

from .factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def over(members, clock):
    """Yesterday's session of the trainer: the agent came, the other agent was absent."""
    event = make_event(days=1, trainer=members.trainer.user)
    came = services.register(event=event, user=members.agent.user)
    absent = services.register(event=event, user=members.other_agent.user)
    clock.shift(timedelta(days=2))
    services.mark_attendance(event=event, present={came.pk})
    return event, came, absent


def url(event) -> str:
    return reverse("events:feedback", kwargs={"pk": event.pk})


def test_the_member_who_came_gives_and_changes_their_opinion(member_client, members, over):
    # arrange
    event, came, _absent = over
    client = member_client(members.agent)
    # act
    first = client.post(url(event), {"rating": "4", "comment": "Très concret."})
    again = client.post(url(event), {"rating": "5", "comment": ""})
    # assert
    assert first.status_code == again.status_code == 302
    feedback = EventFeedback.objects.get(registration=came)
    assert (feedback.rating, feedback.comment) == (5, "")
    assert "déjà donné votre avis" in client.get(url(event)).content.decode()


@pytest.mark.parametrize("rating", ["", "0", "6", "cinq"])
def test_a_rating_out_of_range_is_refused_with_a_message(member_client, members, over, rating):
    # arrange
    event, came, _absent = over
    # act
    response = member_client(members.agent).post(url(event), {"rating": rating, "comment": "x"})
    # assert
    assert response.status_code == 400
    assert "fr-message--error" in response.content.decode()
    assert not EventFeedback.objects.filter(registration=came).exists()


@pytest.mark.parametrize("who", ["other_agent", "coordinator", "trainer", "national"])
def test_those_without_a_seat_they_used_are_refused(member_client, members, over, who):
    # arrange: the other agent was marked absent; the others had no seat
    event, _came, _absent = over
    # act
    response = member_client(getattr(members, who)).post(url(event), {"rating": "1"})
    # assert
    assert response.status_code == 404
    assert not EventFeedback.objects.exists()


def test_no_opinion_before_the_end(member_client, members, clock):
    # arrange
    event = make_event(days=1)
    services.register(event=event, user=members.agent.user)
    # act
    response = member_client(members.agent).get(url(event))
    # assert
    assert response.status_code == 404


def test_the_trainer_reads_the_opinions_without_names(member_client, members, over):
    # arrange
    event, came, _absent = over
    services.give_feedback(registration=came, rating=4, comment="Exercices utiles")
    # act
    page = member_client(members.trainer).get(
        reverse("events:attendance", kwargs={"pk": event.pk})
    )
    # assert
    text = page.content.decode()
    assert "1 avis, noté 4,0 sur 5." in text
    assert "Exercices utiles" in text


def test_the_feedback_request_links_to_the_form(
    members, over, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange
    event, came, _absent = over
    mailoutbox.clear()
    # act
    with django_capture_on_commit_callbacks(execute=True):
        services.send_reminders()
    # assert
    assert ReminderSent.objects.filter(registration=came, kind="feedback").exists()
    (message,) = [m for m in mailoutbox if m.to == [members.agent.user.email]]
    assert url(event) in message.body
