"""The moderation's rows of the permission matrix: who may report a post (its readers, not
its author, not a deleted post), in every kind of space."""

import pytest

from network.forums import services
from network.permissions import Action, can

from ..conftest import topic_in
from ..test_forum_permissions import READS, ROLES

pytestmark = pytest.mark.django_db

AUTHORS = {
    "occitanie": "coordinator",
    "auvergne": "other_agent",
    "national": "trainer",
    "partner": "trainer",
    "private": "region_coordinator",
}


@pytest.mark.parametrize("space_name", list(READS))
@pytest.mark.parametrize("role", ROLES)
def test_reporting_a_post_by_role_and_space(members, spaces, role, space_name):
    # arrange
    author = getattr(members, AUTHORS[space_name])
    post = topic_in(getattr(spaces, space_name), author).posts.get()
    user = getattr(members, role).user
    # act
    reports = can(user, Action.REPORT_POST, post)
    # assert
    expected = role in READS[space_name] and role != AUTHORS[space_name]
    assert reports is expected


def test_nobody_reports_a_deleted_post_nor_anything_but_a_post(members, spaces):
    # arrange
    topic = topic_in(spaces.national, members.agent)
    post = topic.posts.get()
    services.delete_post(post=post, by=members.agent.user)
    # act
    refused = [
        can(members.other_agent.user, Action.REPORT_POST, post),
        can(members.other_agent.user, Action.REPORT_POST, topic),
        can(members.other_agent.user, Action.REPORT_POST, spaces.national),
        can(members.other_agent.user, Action.REPORT_POST, None),
    ]
    # assert
    assert refused == [False] * 4
