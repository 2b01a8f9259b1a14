"""Events in the Wagtail admin: who adds them, who changes which."""

import pytest
from wagtail.permissions import policy_registry

from network.permissions import Action, can
from training.events import selectors
from training.events.models import Event

from .factories import make_event

pytestmark = pytest.mark.django_db


def test_editors_add_events_and_change_the_ones_they_manage(members, clock):
    # arrange
    policy = policy_registry.get_by_type(Event)
    own = make_event(trainer=members.trainer.user)
    at_gignac = make_event(maison=members.maison("34"), address="")
    # act / assert
    assert not policy.user_has_permission(members.agent.user, "add")
    for name in ("trainer", "coordinator", "national"):
        assert policy.user_has_permission(getattr(members, name).user, "add"), name
        assert not policy.user_has_permission(getattr(members, name).user, "delete"), name
    assert policy.user_has_permission_for_instance(members.trainer.user, "change", own)
    assert not policy.user_has_permission_for_instance(members.trainer.user, "change", at_gignac)
    assert policy.user_has_permission_for_instance(members.coordinator.user, "change", at_gignac)
    assert not policy.user_has_permission_for_instance(
        members.other_coordinator.user, "change", at_gignac
    )


@pytest.mark.parametrize(
    "who",
    ["agent", "trainer", "coordinator", "region_coordinator", "other_coordinator", "national"],
)
def test_the_admin_lists_exactly_the_events_one_manages(members, clock, who):
    # arrange: events of every kind of place, and of every owner
    from directory.models import Department

    herault = Department.objects.get(code="34")
    events = [
        make_event(trainer=members.trainer.user),
        make_event(maison=members.maison("34"), address=""),
        make_event(maison=members.maison("63"), address=""),
        make_event(department=herault),
        make_event(department=Department.objects.get(code="63")),
        make_event(kind="meeting", region=herault.region),
        make_event(kind="meeting", region=Department.objects.get(code="63").region),
        make_event(),
    ]
    user = getattr(members, who).user
    # act
    listed = set(selectors.managed_by(user))
    # assert: the same as the permission module's answer, event by event
    assert listed == {event for event in events if can(user, Action.MANAGE_EVENT, event)}
    assert (len(listed) == len(events)) is (who == "national")


def test_the_admin_list_page_shows_a_trainer_their_sessions_only(members, clock, client):
    # arrange
    from tests.auth import login_with_second_factor

    make_event(title="Ma session", trainer=members.trainer.user)
    make_event(title="Session d’un autre", maison=members.maison("34"), address="")
    login_with_second_factor(client, members.trainer.user)
    # act
    response = client.get("/admin/training_events/")
    # assert
    assert response.status_code == 200
    text = response.content.decode()
    assert "Ma session" in text
    assert "Session d’un autre" not in text
