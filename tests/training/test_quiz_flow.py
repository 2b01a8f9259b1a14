"""Taking a module's quiz: questions drawn, answers hidden until submission, scoring,
attempts, time limits and their extension, completion recorded with the module's version."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.training.factories import BANK, MULTIPLE, NUMERICAL, SINGLE, module_with
from training import questions as quiz
from training import services
from training.models import Completion, ImmutableRecord, QuizAttempt

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def answer_all_right(client, attempt):
    """The form's fields answered right (from the stored questions, as a test may)."""
    page = client.get(f"/espace-agents/formation/tentatives/{attempt.uuid}/")
    assert page.status_code == 200
    data = {}
    for index, item in enumerate(attempt.drawn):
        response = quiz.right_response(quiz.Question.from_dict(item["data"]))
        if isinstance(response, dict):
            data.update({f"q{index}-{prompt}": answer for prompt, answer in response.items()})
        else:
            data[f"q{index}"] = response
    return data


def right(attempt, index: int = 0):
    return quiz.right_response(quiz.Question.from_dict(attempt.drawn[index]["data"]))


def wrong(attempt, index: int = 0):
    """A choice that scores nothing."""
    question = quiz.Question.from_dict(attempt.drawn[index]["data"])
    keys = quiz.choice_keys(question)
    return next(key for key in keys if quiz.score(question, key) == 0)


@time_machine.travel(NOW, tick=False)
def test_a_member_passes_the_quiz_and_completes_the_module(members, member_client):
    # arrange
    module = module_with(lessons=1, questions=BANK, version="2026.2")
    client = member_client(members.agent)
    lesson = module.get_children().first()
    client.post(
        f"/espace-agents/formation/modules/{module.slug}/lecons/{lesson.slug}/", {"read": "1"}
    )
    # act
    started = client.post(f"/espace-agents/formation/modules/{module.slug}/quiz/")
    attempt = QuizAttempt.objects.get(user=members.agent.user)
    answers = answer_all_right(client, attempt)
    sent = client.post(f"/espace-agents/formation/tentatives/{attempt.uuid}/", answers)
    result = client.get(sent["Location"])
    # assert
    assert started["Location"] == f"/espace-agents/formation/tentatives/{attempt.uuid}/"
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed, attempt.late) == (100, True, False)
    assert "Votre score : 100 %" in result.content.decode() or "100" in result.content.decode()
    completion = Completion.objects.get(user=members.agent.user)
    assert (completion.module_code, completion.module_version, completion.source) == (
        module.code,
        "2026.2",
        "quiz",
    )


def test_the_right_answers_never_reach_the_browser_before_submission(members, member_client):
    # arrange
    module = module_with(lessons=0, questions=[SINGLE, MULTIPLE, NUMERICAL])
    client = member_client(members.agent)
    client.post(f"/espace-agents/formation/modules/{module.slug}/quiz/")
    attempt = QuizAttempt.objects.get()
    # act
    html = client.get(f"/espace-agents/formation/tentatives/{attempt.uuid}/").content.decode()
    # assert: the feedback and the numeric answer are not in the page; the choices are
    assert "72 heures" in html and "24 heures" in html
    for secret in ("Oui.", "Non.", "fraction", ">24<", 'value="24"'):
        assert secret not in html, secret
    assert 'name="q2"' in html and "24:0" not in html


def test_partial_credit_and_the_pass_mark(members):
    # arrange: two questions, one right, the other half right
    module = module_with(lessons=0, questions=[SINGLE, MULTIPLE], pass_mark=80)
    attempt = services.start_attempt(user=members.agent.user, module=module)
    answers = {}
    for index, item in enumerate(attempt.drawn):
        if item["data"]["kind"] == "single":
            answers[str(index)] = right(attempt, index)
        else:
            answers[str(index)] = right(attempt, index)[:1]  # one of the two right ones: 50 %
    # act
    services.submit_attempt(attempt=attempt, answers=answers)
    # assert
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (75, False)
    assert not Completion.objects.exists()


def test_attempts_run_out_and_a_second_submission_changes_nothing(members):
    # arrange
    module = module_with(lessons=0, questions=[SINGLE], max_attempts=2)
    user = members.agent.user
    first = services.start_attempt(user=user, module=module)
    services.submit_attempt(attempt=first, answers={"0": wrong(first)})
    # act
    services.submit_attempt(attempt=first, answers={"0": right(first)})
    second = services.start_attempt(user=user, module=module)
    services.submit_attempt(attempt=second, answers={"0": wrong(second)})
    # assert
    first.refresh_from_db()
    assert first.score == 0
    with pytest.raises(services.TrainingError):
        services.start_attempt(user=user, module=module)


def test_an_open_attempt_is_resumed_not_started_again(members):
    module = module_with(lessons=0, questions=BANK, questions_drawn=3)
    first = services.start_attempt(user=members.agent.user, module=module)
    again = services.start_attempt(user=members.agent.user, module=module)
    assert again.pk == first.pk
    assert len(first.drawn) == 3


def test_answers_sent_after_the_time_limit_do_not_pass(members):
    # arrange
    module = module_with(lessons=0, questions=[SINGLE], time_limit_minutes=10)
    with time_machine.travel(NOW, tick=False):
        attempt = services.start_attempt(user=members.agent.user, module=module)
    # act
    with time_machine.travel(NOW + timedelta(minutes=12), tick=False):
        services.submit_attempt(attempt=attempt, answers={"0": right(attempt)})
    # assert
    attempt.refresh_from_db()
    assert (attempt.score, attempt.late, attempt.passed) == (100, True, False)


def test_the_time_limit_may_be_extended_ten_times(members, member_client):
    # arrange
    module = module_with(lessons=0, questions=[SINGLE], time_limit_minutes=10)
    client = member_client(members.agent)
    with time_machine.travel(NOW, tick=False):
        attempt = services.start_attempt(user=members.agent.user, module=module)
        # act
        for _time in range(11):
            client.post(f"/espace-agents/formation/tentatives/{attempt.uuid}/prolonger/")
    # assert: 10 extensions of 10 minutes; the eleventh refused
    attempt.refresh_from_db()
    assert attempt.extensions == 10
    assert attempt.deadline == NOW + timedelta(minutes=110)
    with time_machine.travel(NOW + timedelta(minutes=100), tick=False):
        services.submit_attempt(attempt=attempt, answers={"0": right(attempt)})
    attempt.refresh_from_db()
    assert attempt.passed


def test_another_members_attempt_is_not_found(members, member_client):
    # arrange
    module = module_with(lessons=0, questions=[SINGLE])
    attempt = services.start_attempt(user=members.agent.user, module=module)
    client = member_client(members.national)
    # act
    pages = [
        client.get(f"/espace-agents/formation/tentatives/{attempt.uuid}/"),
        client.post(
            f"/espace-agents/formation/tentatives/{attempt.uuid}/", {"q0": right(attempt)}
        ),
        client.get(f"/espace-agents/formation/tentatives/{attempt.uuid}/resultat/"),
        client.post(f"/espace-agents/formation/tentatives/{attempt.uuid}/prolonger/"),
    ]
    # assert
    assert [page.status_code for page in pages] == [404, 404, 404, 404]
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_a_completion_is_kept_when_the_module_changes_and_never_rewritten(members):
    # arrange
    module = module_with(lessons=0, questions=[SINGLE], version="1")
    user = members.agent.user
    attempt = services.start_attempt(user=user, module=module)
    services.submit_attempt(attempt=attempt, answers={"0": right(attempt)})
    # act: a new version of the module, taken again
    module.version = "2"
    module.title = "Module refait"
    module.save_revision().publish()
    attempt = services.start_attempt(user=user, module=module)
    services.submit_attempt(attempt=attempt, answers={"0": right(attempt)})
    # assert
    versions = sorted(Completion.objects.values_list("module_version", "module_title"))
    assert versions[0][0] == "1" and versions[1] == ("2", "Module refait")
    completion = Completion.objects.get(module_version="1")
    completion.score = 0
    with pytest.raises(ImmutableRecord):
        completion.save()
