"""The agenda, an event's page, registering and cancelling through them."""

import pytest
from django.urls import reverse

from directory.models import Department
from network.models import Role
from training.events import services
from training.events.models import EventKind, Registration

from .factories import make_event

pytestmark = pytest.mark.django_db


def test_the_agenda_filters_by_kind_region_and_month(member_client, members, clock):
    # arrange
    session = make_event(title="Session de mars")
    auvergne = Department.objects.get(code="63").region
    meeting = make_event(kind=EventKind.MEETING, title="Réunion d’avril", days=40, region=auvergne)
    make_event(title="Passée", days=-3)
    client = member_client(members.agent)
    url = reverse("events:agenda")
    # act
    everything = client.get(url)
    meetings = client.get(url, {"kind": "meeting"})
    in_auvergne = client.get(url, {"region": auvergne.pk})
    in_march = client.get(url, {"month": "2026-03"})
    # assert
    assert list(everything.context["events"]) == [session, meeting]
    assert list(meetings.context["events"]) == [meeting]
    assert list(in_auvergne.context["events"]) == [meeting]
    assert list(in_march.context["events"]) == [session]
    assert "no-store" in everything["Cache-Control"]


def test_a_bad_month_is_a_message_not_an_error(member_client, members, clock):
    # arrange
    client = member_client(members.agent)
    # act
    response = client.get(reverse("events:agenda"), {"month": "mars", "region": "x"})
    # assert
    assert response.status_code == 200
    assert response.context["form"].errors["month"]


def test_the_agenda_as_csv(member_client, members, clock):
    # arrange
    make_event(title="Session de mars", capacity=12)
    # act
    response = member_client(members.agent).get(reverse("events:agenda"), {"format": "csv"})
    # assert
    assert response["Content-Type"].startswith("text/csv")
    assert "Session de mars" in response.content.decode()
    assert ",12,0" in response.content.decode()


def test_register_then_see_my_place_in_the_queue(member_client, members, clock):
    # arrange
    event = make_event(capacity=1)
    services.register(event=event, user=members.coordinator.user)
    client = member_client(members.agent)
    # act
    client.post(reverse("events:register", kwargs={"pk": event.pk}))
    page = client.get(reverse("events:detail", kwargs={"pk": event.pk}))
    # assert
    assert page.context["registration"].status == "waiting"
    assert page.context["position"] == 1
    assert 'data-position="1"' in page.content.decode()


def test_cancelling_through_the_page_promotes_the_next(member_client, members, clock):
    # arrange
    event = make_event(capacity=1)
    services.register(event=event, user=members.agent.user)
    services.register(event=event, user=members.coordinator.user)
    # act
    response = member_client(members.agent).post(reverse("events:cancel", kwargs={"pk": event.pk}))
    # assert
    assert response.status_code == 302
    assert Registration.objects.get(user=members.coordinator.user).status == "registered"


def test_a_refusal_is_a_message(member_client, members, clock):
    # arrange
    event = make_event(audience_roles=[Role.COORDINATOR])
    client = member_client(members.agent)
    # act
    response = client.post(reverse("events:register", kwargs={"pk": event.pk}), follow=True)
    # assert
    assert response.status_code == 200
    assert not Registration.objects.exists()
    assert len(list(response.context["messages"])) == 1


def test_the_list_of_registered_is_for_those_who_manage(member_client, members, clock):
    # arrange
    event = make_event(trainer=members.trainer.user)
    services.register(event=event, user=members.other_agent.user)
    url = reverse("events:detail", kwargs={"pk": event.pk})
    # act
    as_trainer = member_client(members.trainer).get(url)
    as_agent = member_client(members.agent).get(url)
    # assert
    assert [r.user for r in as_trainer.context["attendees"]] == [members.other_agent.user]
    assert as_agent.context["attendees"] is None
    assert members.other_agent.user.email not in as_agent.content.decode()


def test_an_unknown_event_and_an_anonymous_visitor(client, members, clock):
    # arrange
    event = make_event()
    # act
    missing = client.get(reverse("events:detail", kwargs={"pk": 999999}))
    anonymous = client.get(reverse("events:detail", kwargs={"pk": event.pk}))
    # assert
    assert missing.status_code == 302  # to the login page first
    assert anonymous.status_code == 302
    assert "connexion" in anonymous["Location"] or "login" in anonymous["Location"]


def test_a_coordinator_approves_a_pending_registration(member_client, members, clock):
    # arrange
    event = make_event(needs_approval=True, maison=members.maison("34"), address="")
    pending = services.register(event=event, user=members.agent.user)
    url = reverse("events:decide", kwargs={"pk": event.pk, "registration_pk": pending.pk})
    # act
    refused = member_client(members.other_coordinator).post(url, {"decision": "approve"})
    approved = member_client(members.coordinator).post(url, {"decision": "approve"})
    # assert
    assert refused.status_code == 404
    assert approved.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "registered"


def test_meetings_of_another_region_are_not_open_to_me(member_client, members, clock):
    # arrange
    auvergne = Department.objects.get(code="63").region
    meeting = make_event(kind=EventKind.MEETING, region=auvergne, days=5)
    # act
    mine = member_client(members.other_agent).get(
        reverse("events:detail", kwargs={"pk": meeting.pk})
    )
    not_mine = member_client(members.agent).get(
        reverse("events:detail", kwargs={"pk": meeting.pk})
    )
    # assert
    assert mine.context["may_register"] is True
    assert not_mine.context["may_register"] is False
