"""The référents directory's actions in ``can``: who sees which back office, who manages
back offices and motives; and ``back_offices_visible_to`` agrees with ``can``."""

import pytest

from network.escalations.referents.selectors import back_offices_visible_to
from network.permissions import Action, can

from .referents_data import build_offices

pytestmark = pytest.mark.django_db

ROLES = [
    "agent",
    "other_agent",
    "coordinator",
    "region_coordinator",
    "other_coordinator",
    "trainer",
    "national",
]

SEES = {
    "agent": {"herault", "occitanie"},
    "other_agent": {"puy_de_dome"},
    "coordinator": {"herault", "occitanie"},
    "region_coordinator": {"herault", "gard", "occitanie"},
    "other_coordinator": {"puy_de_dome"},
    "trainer": {"occitanie"},
    "national": {"herault", "gard", "puy_de_dome", "occitanie"},
}
OFFICES = ["herault", "gard", "puy_de_dome", "occitanie"]


@pytest.mark.parametrize("role", ROLES)
def test_every_member_may_open_the_directory(members, role):
    # arrange
    user = getattr(members, role).user
    # act / assert
    assert can(user, Action.VIEW_REFERENTS)


def test_a_visitor_or_a_former_member_may_not_open_the_directory(members):
    # arrange
    members.agent.user.is_active = False
    members.agent.user.save()
    # act / assert
    assert not can(members.agent.user, Action.VIEW_REFERENTS)


@pytest.mark.parametrize("role", ROLES)
def test_each_member_sees_the_back_offices_of_their_territory(members, role):
    # arrange
    offices = build_offices(members)
    user = getattr(members, role).user
    # act
    seen = {name for name in OFFICES if can(user, Action.VIEW_BACK_OFFICE, getattr(offices, name))}
    listed = set(back_offices_visible_to(user))
    # assert
    assert seen == SEES[role]
    assert listed == {getattr(offices, name) for name in SEES[role]}


def test_a_back_office_is_the_only_target_seen(members):
    # arrange
    offices = build_offices(members)
    # act / assert
    assert not can(members.national.user, Action.VIEW_BACK_OFFICE, offices.caf)
    assert not can(members.national.user, Action.VIEW_BACK_OFFICE, None)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_partners_trainers_and_the_national_cell_manage_back_offices(members, role):
    # arrange
    offices = build_offices(members)
    user = getattr(members, role).user
    # act
    managed = {
        name for name in OFFICES if can(user, Action.MANAGE_BACK_OFFICE, getattr(offices, name))
    }
    partners = {
        partner.name
        for partner in (offices.caf, members.trainer.partner)
        if can(user, Action.MANAGE_BACK_OFFICE, partner)
    }
    motives = {
        partner.name
        for partner in (offices.caf, members.trainer.partner)
        if can(user, Action.MANAGE_MOTIVES, partner)
    }
    # assert
    expected = {"national": set(OFFICES), "trainer": {"occitanie"}}.get(role, set())
    assert managed == expected
    expected_partners = {
        "national": {offices.caf.name, members.trainer.partner.name},
        "trainer": {members.trainer.partner.name},
    }.get(role, set())
    assert partners == expected_partners
    assert motives == expected_partners
    assert can(user, Action.MANAGE_BACK_OFFICE) == (role in {"national", "trainer"})


def test_motives_are_managed_for_a_partner_only(members):
    # arrange
    offices = build_offices(members)
    # act / assert
    assert not can(members.national.user, Action.MANAGE_MOTIVES, offices.herault)
    assert not can(members.national.user, Action.MANAGE_MOTIVES, None)


def test_a_visitor_sees_no_back_office(members, django_user_model):
    # arrange
    build_offices(members)
    outsider = django_user_model.objects.create_user("dehors@example.org", "x")
    # act / assert
    assert not back_offices_visible_to(outsider).exists()
