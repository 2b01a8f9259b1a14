"""Following levels: the defaults (the author watches, a replier tracks), a topic's level
over its space's, and who may set them."""

import pytest
from django.db import IntegrityError

from network.forums import services
from network.forums.following import selectors
from network.forums.following.models import Level, Subscription
from network.forums.following.services import set_level

from ..conftest import topic_in

pytestmark = pytest.mark.django_db


def test_the_author_watches_their_topic_and_a_replier_tracks_it(members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    # act
    services.reply(topic=topic, author=members.coordinator.user, body="Je regarde.")
    # assert
    assert selectors.level_for(members.agent.user, topic) == Level.WATCHING
    assert selectors.level_for(members.coordinator.user, topic) == Level.TRACKING
    assert selectors.level_for(members.region_coordinator.user, topic) == Level.NORMAL


def test_replying_keeps_a_level_the_member_chose(members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    set_level(user=members.coordinator.user, topic=topic, level=Level.MUTED)
    # act
    services.reply(topic=topic, author=members.coordinator.user, body="Une dernière chose.")
    # assert
    assert selectors.level_for(members.coordinator.user, topic) == Level.MUTED


def test_a_topics_level_overrides_its_spaces(members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    user = members.coordinator.user
    set_level(user=user, space=spaces.occitanie, level=Level.WATCHING)
    # act
    inherited = selectors.level_for(user, topic)
    set_level(user=user, topic=topic, level=Level.MUTED)
    # assert
    assert inherited == Level.WATCHING
    assert selectors.level_for(user, topic) == Level.MUTED
    assert selectors.watchers_of(topic) == {members.agent.user.pk}


def test_watching_a_spaces_first_posts_leaves_its_topics_at_normal(members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    user = members.coordinator.user
    # act
    set_level(user=user, space=spaces.occitanie, level=Level.WATCHING_FIRST_POST)
    # assert
    assert selectors.level_for(user, topic) == Level.NORMAL
    assert selectors.space_level_for(user, spaces.occitanie) == Level.WATCHING_FIRST_POST
    assert selectors.first_post_watchers_of(spaces.occitanie) == {user.pk}
    assert user.pk not in selectors.watchers_of(topic)


def test_levels_of_many_members_take_one_query(members, spaces, django_assert_num_queries):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    set_level(user=members.coordinator.user, space=spaces.occitanie, level=Level.TRACKING)
    ids = [members.agent.user.pk, members.coordinator.user.pk, members.national.user.pk]
    # act
    with django_assert_num_queries(1):
        levels = selectors.levels_of(topic, ids)
    # assert
    assert levels == {ids[0]: Level.WATCHING, ids[1]: Level.TRACKING, ids[2]: Level.NORMAL}


def test_setting_a_level_again_replaces_it(members, spaces):
    # arrange
    user = members.coordinator.user
    set_level(user=user, space=spaces.occitanie, level=Level.WATCHING)
    # act
    set_level(user=user, space=spaces.occitanie, level=Level.MUTED)
    # assert
    assert Subscription.objects.get(user=user).level == Level.MUTED


def test_a_member_who_may_not_read_the_space_cannot_follow_it(members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    # act / assert
    with pytest.raises(services.ForumRefused):
        set_level(user=members.other_agent.user, space=spaces.occitanie, level=Level.WATCHING)
    with pytest.raises(services.ForumRefused):
        set_level(user=members.other_agent.user, topic=topic, level=Level.WATCHING)
    assert not Subscription.objects.filter(user=members.other_agent.user).exists()


def test_a_topic_cannot_be_watched_for_first_posts_only(members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    # act / assert
    with pytest.raises(ValueError):
        set_level(user=members.agent.user, topic=topic, level=Level.WATCHING_FIRST_POST)
    with pytest.raises(IntegrityError):
        Subscription.objects.create(
            user=members.coordinator.user, topic=topic, level=Level.WATCHING_FIRST_POST
        )


def test_replying_in_a_watched_space_keeps_the_member_watching(members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    user = members.coordinator.user
    set_level(user=user, space=spaces.occitanie, level=Level.WATCHING)
    # act
    services.reply(topic=topic, author=user, body="Je suis ce sujet de près.")
    # assert
    assert selectors.level_for(user, topic) == Level.WATCHING
    assert user.pk in selectors.watchers_of(topic)
