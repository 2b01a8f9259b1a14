"""The forums' rows of the permission matrix: every forum action, every role, their own
region's space, another region's, the national, a partner's and a private one."""

import pytest

from network.permissions import Action, can

from .conftest import topic_in

pytestmark = pytest.mark.django_db

ROLES = ["agent", "coordinator", "region_coordinator", "other_agent", "trainer", "national"]

# space → roles that read (and post), roles that moderate
READS = {
    "occitanie": {"agent", "coordinator", "region_coordinator", "national"},
    "auvergne": {"other_agent", "national"},
    "national": set(ROLES),
    "partner": set(ROLES),
    "private": {"agent", "region_coordinator", "national"},  # its members, and the cell
}
MODERATES = {
    "occitanie": {"coordinator", "region_coordinator", "national"},
    "auvergne": {"national"},
    "national": {"national"},
    "partner": {"trainer", "national"},
    "private": {"national"},
}


@pytest.mark.parametrize("space_name", list(READS))
@pytest.mark.parametrize("role", ROLES)
def test_reading_posting_and_moderating_by_role_and_space(members, spaces, role, space_name):
    # arrange
    user = getattr(members, role).user
    space = getattr(spaces, space_name)
    # act
    reads = can(user, Action.READ_FORUM_SPACE, space)
    posts = can(user, Action.POST_IN_FORUM_SPACE, space)
    moderates = can(user, Action.MODERATE_FORUM_SPACE, space)
    # assert
    assert reads is (role in READS[space_name])
    assert posts is reads
    assert moderates is (role in MODERATES[space_name])


def test_a_private_space_is_its_members_only(members, spaces):
    # assert
    assert can(members.region_coordinator.user, Action.READ_FORUM_SPACE, spaces.private)
    assert not can(members.coordinator.user, Action.READ_FORUM_SPACE, spaces.private)
    assert not can(members.other_agent.user, Action.POST_IN_FORUM_SPACE, spaces.private)


def test_a_locked_topic_takes_replies_from_its_moderators_only(members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    topic.locked = True
    # act / assert
    assert can(members.agent.user, Action.READ_FORUM_SPACE, topic)
    assert not can(members.agent.user, Action.POST_IN_FORUM_SPACE, topic)
    assert can(members.coordinator.user, Action.POST_IN_FORUM_SPACE, topic)
    assert not can(members.agent.user, Action.EDIT_POST, topic.posts.get())


def test_a_deleted_topic_is_read_by_its_moderators_only(members, spaces):
    # arrange
    from django.utils import timezone

    topic = topic_in(spaces.occitanie, members.agent)
    topic.deleted_at = timezone.now()
    # assert
    assert not can(members.agent.user, Action.READ_FORUM_SPACE, topic)
    assert can(members.coordinator.user, Action.READ_FORUM_SPACE, topic)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("agent", True),  # the asker
        ("coordinator", True),  # a moderator
        ("region_coordinator", True),
        ("national", True),
        ("other_agent", False),  # reads nothing here
    ],
)
def test_marking_a_solution_is_the_askers_or_a_moderators(members, spaces, role, allowed):
    # arrange
    question = topic_in(spaces.occitanie, members.agent, kind="question")
    # assert
    assert can(getattr(members, role).user, Action.MARK_SOLUTION, question) is allowed


def test_another_agent_of_the_region_may_not_mark_the_solution(members, spaces):
    # arrange
    question = topic_in(spaces.national, members.agent, kind="question")
    discussion = topic_in(spaces.national, members.agent)
    # assert
    assert not can(members.other_agent.user, Action.MARK_SOLUTION, question)
    assert not can(members.agent.user, Action.MARK_SOLUTION, discussion)  # not a question


def test_editing_a_post_is_its_authors_or_a_moderators(members, spaces):
    # arrange
    post = topic_in(spaces.partner, members.agent).posts.get()
    # assert
    assert can(members.agent.user, Action.EDIT_POST, post)
    assert can(members.trainer.user, Action.EDIT_POST, post)  # moderates the partner's space
    assert can(members.national.user, Action.EDIT_POST, post)
    assert not can(members.other_agent.user, Action.EDIT_POST, post)
    assert not can(members.coordinator.user, Action.EDIT_POST, post)


def test_forum_actions_need_a_forum_target(members, spaces):
    for action in (
        Action.READ_FORUM_SPACE,
        Action.POST_IN_FORUM_SPACE,
        Action.MODERATE_FORUM_SPACE,
        Action.MARK_SOLUTION,
        Action.EDIT_POST,
    ):
        assert not can(members.national.user, action, None)
        assert not can(members.national.user, action, members.agent)
