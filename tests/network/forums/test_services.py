"""Topics and replies through the services: the guard, edits and their history, soft
deletion, solutions, thanks, pinning, locking and moving."""

import pytest
import time_machine
from django.utils import timezone

from network.forums import services
from network.forums.models import Post, PostRevision, Thanks, Topic
from portal.sensitive_data import PersonalDataFound

from .conftest import topic_in

pytestmark = pytest.mark.django_db

NIR = "1 85 03 34 172 123 11"  # its key holds
PHONE = "06 12 34 56 78"


def test_a_post_holding_a_nir_is_refused_and_nothing_is_saved(members, spaces):
    # act
    with pytest.raises(PersonalDataFound) as refusal:
        topic_in(spaces.occitanie, members.agent, body=f"Son NIR est {NIR}.", confirmed=True)
    # assert
    assert refusal.value.blocking
    assert not Topic.objects.exists()
    assert "172" not in str(refusal.value.findings[0].message)


def test_a_warning_needs_the_authors_confirmation(members, spaces):
    # arrange
    body = f"Elle peut être jointe au {PHONE}."
    # act
    with pytest.raises(PersonalDataFound) as refusal:
        topic_in(spaces.occitanie, members.agent, body=body)
    topic = topic_in(spaces.occitanie, members.agent, body=body, confirmed=True)
    # assert
    assert not refusal.value.blocking
    assert topic.posts.get().body == body


def test_the_title_passes_the_guard_too(members, spaces):
    with pytest.raises(PersonalDataFound):
        topic_in(spaces.national, members.agent, title=f"Dossier {NIR}")


def test_an_edit_keeps_the_former_text_and_passes_the_guard(members, spaces):
    # arrange
    post = topic_in(spaces.national, members.agent, body="Premier jet").posts.get()
    # act
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=5)):
        services.edit_post(post=post, editor=members.agent.user, body="Texte **corrigé**")
    with pytest.raises(PersonalDataFound):
        services.edit_post(post=post, editor=members.agent.user, body=f"NIR {NIR}")
    # assert
    post.refresh_from_db()
    assert post.body == "Texte **corrigé**"
    assert "<strong>corrigé</strong>" in post.body_html
    assert post.edited_at is not None
    (revision,) = PostRevision.objects.filter(post=post)
    assert revision.body == "Premier jet"
    assert revision.replaced_by == members.agent.user


def test_someone_elses_post_is_not_edited(members, spaces):
    post = topic_in(spaces.national, members.agent).posts.get()
    with pytest.raises(services.ForumRefused):
        services.edit_post(post=post, editor=members.other_agent.user, body="Pirate")


def test_a_deleted_post_keeps_its_place_and_drops_the_solution(members, spaces):
    # arrange
    question = topic_in(spaces.occitanie, members.agent, kind="question")
    answer = services.reply(topic=question, author=members.coordinator.user, body="Voici.")
    services.mark_solution(post=answer, by=members.agent.user)
    # act
    services.delete_post(post=answer, by=members.coordinator.user)
    # assert
    answer.refresh_from_db()
    question.refresh_from_db()
    assert answer.deleted_at is not None and answer.deleted_by == members.coordinator.user
    assert question.solution is None
    assert Post.objects.filter(topic=question).count() == 2


def test_only_the_asker_or_a_moderator_marks_the_solution(members, spaces):
    # arrange
    question = topic_in(spaces.national, members.agent, kind="question")
    answer = services.reply(topic=question, author=members.coordinator.user, body="Voici.")
    # act
    with pytest.raises(services.ForumRefused):
        services.mark_solution(post=answer, by=members.other_agent.user)
    with pytest.raises(services.ForumRefused):
        services.mark_solution(post=question.posts.first(), by=members.agent.user)
    services.mark_solution(post=answer, by=members.agent.user)
    # assert
    question.refresh_from_db()
    assert question.solution == answer


def test_thanks_once_and_never_oneself(members, spaces):
    # arrange
    post = topic_in(spaces.national, members.agent).posts.get()
    # act
    first = services.thank(post=post, user=members.other_agent.user)
    again = services.thank(post=post, user=members.other_agent.user)
    with pytest.raises(services.ForumRefused):
        services.thank(post=post, user=members.agent.user)
    # assert
    assert (first, again) == (True, False)
    assert Thanks.objects.filter(post=post).count() == 1


def test_a_locked_topic_takes_no_reply_but_its_moderators(members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    with pytest.raises(services.ForumRefused):
        services.set_locked(topic=topic, by=members.agent.user, locked=True)
    services.set_locked(topic=topic, by=members.coordinator.user, locked=True)
    # act
    with pytest.raises(services.ForumRefused, match="verrouillé"):
        services.reply(topic=topic, author=members.agent.user, body="Encore moi")
    services.reply(topic=topic, author=members.coordinator.user, body="Je clos le sujet.")
    # assert
    assert topic.posts.count() == 2


def test_pinning_is_for_moderators(members, spaces):
    topic = topic_in(spaces.partner, members.agent)
    services.set_pinned(topic=topic, by=members.trainer.user, pinned=True)
    topic.refresh_from_db()
    assert topic.pinned


def test_a_topic_moves_by_a_moderator_of_both_spaces(members, spaces):
    # arrange
    topic = topic_in(spaces.occitanie, members.agent)
    # act
    with pytest.raises(services.ForumRefused):
        services.move_topic(topic=topic, to=spaces.national, by=members.coordinator.user)
    services.move_topic(topic=topic, to=spaces.national, by=members.national.user)
    # assert
    topic.refresh_from_db()
    assert topic.space == spaces.national


def test_setting_up_spaces_twice_creates_them_once(members, spaces):
    # act
    again = services.set_up_spaces()
    # assert
    assert again == []
