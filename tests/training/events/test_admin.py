"""Events in the Wagtail admin: who adds them, who changes which."""

import pytest
from wagtail.permissions import policy_registry

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
