"""Registration, the waiting list, cancellation and promotion, approval."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from directory.models import Region
from network.models import Role
from tests.network.conftest import make_member
from training.events import selectors, services
from training.events.models import EventKind, Registration, RegistrationStatus

from .factories import NOW, make_event

pytestmark = pytest.mark.django_db


def agents(members, count):
    return [
        make_member(f"agent{n}@example.org", Role.AGENT, maison=members.maison("34")).user
        for n in range(count)
    ]


def test_seats_then_the_waiting_list_in_order(members, clock):
    # arrange
    event = make_event(capacity=2)
    first, second, third, fourth = agents(members, 4)
    # act
    registrations = []
    for user in (first, second, third, fourth):
        registrations.append(services.register(event=event, user=user))
        clock.shift(timedelta(seconds=1))
    # assert
    assert [r.status for r in registrations] == ["registered", "registered", "waiting", "waiting"]
    assert [selectors.waiting_position(r) for r in registrations] == [None, None, 1, 2]


def test_registering_twice_changes_nothing(members, clock):
    # arrange
    event = make_event(capacity=1)
    # act
    once = services.register(event=event, user=members.agent.user)
    twice = services.register(event=event, user=members.agent.user)
    # assert
    assert once.pk == twice.pk
    assert Registration.objects.filter(event=event).count() == 1


def test_a_cancellation_promotes_the_oldest_waiting_and_tells_them(
    members, clock, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange
    event = make_event(capacity=1)
    holder, older, younger = agents(members, 3)
    with django_capture_on_commit_callbacks(execute=True):
        seat = services.register(event=event, user=holder)
        clock.shift(timedelta(minutes=1))
        services.register(event=event, user=older)
        clock.shift(timedelta(minutes=1))
        services.register(event=event, user=younger)
    mailoutbox.clear()
    # act
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=seat)
    # assert
    statuses = dict(Registration.objects.filter(event=event).values_list("user", "status"))
    assert statuses == {holder.pk: "cancelled", older.pk: "registered", younger.pk: "waiting"}
    assert selectors.waiting_position(selectors.registration_of(event, younger)) == 1
    promoted = next(m for m in mailoutbox if m.to == [older.email])
    calendar_part = next(
        part for part in promoted.message().walk() if part.get_content_type() == "text/calendar"
    )
    assert calendar_part.get_param("method") == "REQUEST"
    parsed = Calendar.from_ical(calendar_part.get_payload(decode=True))
    assert parsed["METHOD"] == "REQUEST"
    assert next(m for m in mailoutbox if m.to == [holder.email])  # their CANCEL


def test_cancelling_after_the_deadline_is_refused(members, clock):
    # arrange
    event = make_event(cancellation_deadline=NOW + timedelta(days=1))
    registration = services.register(event=event, user=members.agent.user)
    clock.shift(timedelta(days=2))
    # act
    with pytest.raises(services.EventRefused, match="date limite d’annulation"):
        services.cancel_registration(registration=registration)
    # assert
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED


def test_registration_outside_its_window_is_refused(members, clock):
    # arrange
    not_yet = make_event(registration_opens_at=NOW + timedelta(days=1))
    closed = make_event(registration_closes_at=NOW - timedelta(hours=1))
    started = make_event(days=-0.01)
    # act / assert
    for event in (not_yet, closed, started):
        with pytest.raises(services.EventRefused):
            services.register(event=event, user=members.agent.user)
    assert not Registration.objects.exists()


def test_registration_outside_the_audience_is_refused(members, clock):
    # arrange
    coordinators_only = make_event(audience_roles=[Role.COORDINATOR])
    # act / assert
    with pytest.raises(services.EventRefused):
        services.register(event=coordinators_only, user=members.agent.user)
    assert services.register(event=coordinators_only, user=members.coordinator.user).status == (
        RegistrationStatus.REGISTERED
    )


def test_approval_gives_a_seat_or_refuses(members, clock):
    # arrange
    event = make_event(capacity=1, needs_approval=True)
    first = services.register(event=event, user=members.agent.user)
    second = services.register(event=event, user=members.coordinator.user)
    assert first.status == second.status == RegistrationStatus.PENDING
    # act
    services.decide_registration(registration=first, approve=True)
    services.decide_registration(registration=second, approve=False)
    # assert
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("registered", "refused")


def test_more_seats_promote_the_waiting(members, clock):
    # arrange
    event = make_event(capacity=1)
    first, second = agents(members, 2)
    services.register(event=event, user=first)
    waiting = services.register(event=event, user=second)
    # act
    services.update_event(event=event, capacity=2)
    # assert
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED
    assert waiting.promoted_at == NOW


def test_a_registration_to_approve_is_sent_to_the_coordinators_of_the_place(
    members, clock, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange: a session at a maison of the Hérault
    event = make_event(needs_approval=True, maison=members.maison("34"), address="")
    # act
    with django_capture_on_commit_callbacks(execute=True):
        services.register(event=event, user=members.agent.user)
    # assert: the Hérault's and Occitanie's coordinators, not the Puy-de-Dôme's nor the
    # national cell; the agent is told it awaits approval
    asked = {m.to[0] for m in mailoutbox if event.title in m.subject and "valider" in m.subject}
    assert asked == {members.coordinator.user.email, members.region_coordinator.user.email}
    told = [m for m in mailoutbox if m.to == [members.agent.user.email]]
    assert len(told) == 1
    assert f"/espace-agents/agenda/{event.pk}/" in mailoutbox[-1].body


def test_with_no_coordinator_covering_it_the_national_cell_approves(
    members, clock, mailoutbox, django_capture_on_commit_callbacks
):
    # arrange: a meeting of a region without coordinators
    event = make_event(
        kind=EventKind.MEETING, needs_approval=True, region=Region.objects.get(code="53")
    )
    # act
    with django_capture_on_commit_callbacks(execute=True):
        services.register(event=event, user=members.national.user)
    # assert
    asked = {m.to[0] for m in mailoutbox if "valider" in m.subject}
    assert asked == {members.national.user.email}
