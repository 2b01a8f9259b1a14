"""The SCORM 1.2 run-time data kept on the server: launch values, commits, outcome.

``SCORM_AGAIN_FINISH`` is the body scorm-again 3.4.3 (``scorm-player.js``'s settings)
POSTed on ``LMSFinish`` in a run of the vendored script, captured as is.
"""

import copy

import pytest

from training.scorm import runtime
from training.scorm.runtime import RuntimeDataError

SCORM_AGAIN_FINISH = {
    "cmi": {
        "suspend_data": '{"answers":{"q1":"b"}}',
        "launch_data": "",
        "comments": "",
        "comments_from_lms": "",
        "core": {
            "student_id": "42",
            "student_name": "Dupont, Marie",
            "lesson_location": "page-quiz",
            "credit": "credit",
            "lesson_status": "passed",
            "entry": "ab-initio",
            "lesson_mode": "normal",
            "exit": "",
            "session_time": "00:10:00.75",
            "score": {"raw": "90", "min": "", "max": "100"},
            "total_time": "00:10:00.75",
        },
        "objectives": {},
        "student_data": {"mastery_score": "80", "max_time_allowed": "", "time_limit_action": ""},
        "student_preference": {"audio": "", "language": "", "speed": "", "text": ""},
        "interactions": {},
    },
    "finish": True,
}


def new_state(mastery_score: float | None = 80.0) -> dict:
    return runtime.initial_state(
        student_id="42", student_name="Dupont, Marie", mastery_score=mastery_score
    )


def core(**values) -> dict:
    return {"cmi": {"core": values}}


def test_a_first_launch_starts_ab_initio_not_attempted():
    # arrange
    state = runtime.initial_state(
        student_id="42", student_name="Dupont, Marie", mastery_score=72.5, launch_data="lvl=2"
    )

    # act
    values = runtime.launch_values(state)

    # assert
    assert values == {
        "core": {
            "student_id": "42",
            "student_name": "Dupont, Marie",
            "lesson_location": "",
            "credit": "credit",
            "lesson_status": "not attempted",
            "entry": "ab-initio",
            "lesson_mode": "normal",
            "total_time": "0000:00:00.00",
            "score": {"raw": "", "min": "", "max": ""},
        },
        "suspend_data": "",
        "launch_data": "lvl=2",
        "student_data": {"mastery_score": "72.5"},
    }


def test_without_a_mastery_score_the_element_is_empty():
    # act
    values = runtime.launch_values(new_state(mastery_score=None))

    # assert
    assert values["student_data"] == {"mastery_score": ""}


def test_a_launch_after_a_suspend_resumes_where_the_learner_left():
    # arrange
    committed = core(exit="suspend", lesson_location="page-2", lesson_status="incomplete")
    committed["cmi"]["suspend_data"] = '{"answers":{"q1":"b"}}'
    state = runtime.commit(new_state(), committed, finishing=True)

    # act
    values = runtime.launch_values(state)

    # assert
    assert values["core"]["entry"] == "resume"
    assert values["core"]["lesson_location"] == "page-2"
    assert values["core"]["lesson_status"] == "incomplete"
    assert values["suspend_data"] == '{"answers":{"q1":"b"}}'


def test_a_launch_after_a_normal_exit_is_neither_first_nor_resumed():
    # arrange
    state = runtime.commit(new_state(), core(exit="", lesson_status="failed"), finishing=True)

    # act
    values = runtime.launch_values(state)

    # assert
    assert values["core"]["entry"] == ""


@pytest.mark.parametrize(
    ("committed", "element", "stored"),
    [
        (core(lesson_status="incomplete"), "cmi.core.lesson_status", "incomplete"),
        (core(lesson_status="browsed"), "cmi.core.lesson_status", "browsed"),
        (core(lesson_status="completed"), "cmi.core.lesson_status", "completed"),
        (core(lesson_status="passed"), "cmi.core.lesson_status", "passed"),
        (core(lesson_status="failed"), "cmi.core.lesson_status", "failed"),
        (core(lesson_location="p" * 255), "cmi.core.lesson_location", "p" * 255),
        (core(exit="suspend"), "cmi.core.exit", "suspend"),
        (core(exit="time-out"), "cmi.core.exit", "time-out"),
        (core(exit="logout"), "cmi.core.exit", "logout"),
        (core(score={"raw": "87.5"}), "cmi.core.score.raw", "87.5"),
        (core(score={"min": "10"}), "cmi.core.score.min", "10"),
        (core(score={"max": "90"}), "cmi.core.score.max", "90"),
        (core(score={"raw": 60}), "cmi.core.score.raw", "60"),
        ({"cmi": {"suspend_data": "s" * 4096}}, "cmi.suspend_data", "s" * 4096),
        ({"cmi.core.lesson_location": "quiz"}, "cmi.core.lesson_location", "quiz"),
        ({"finish": True, "commitSequence": 3, "cmi": {}}, "cmi.core.entry", ""),
    ],
)
def test_a_commit_stores_each_writable_element(committed, element, stored):
    # arrange
    state = new_state()

    # act
    new = runtime.commit(state, committed)

    # assert
    assert new[element] == stored
    assert state[element] != stored


@pytest.mark.parametrize(
    ("committed", "element"),
    [
        (core(lesson_status="done"), "cmi.core.lesson_status"),
        (core(lesson_status="Passed"), "cmi.core.lesson_status"),
        (core(lesson_location="p" * 256), "cmi.core.lesson_location"),
        (core(exit="quit"), "cmi.core.exit"),
        (core(score={"raw": "101"}), "cmi.core.score.raw"),
        (core(score={"raw": "-1"}), "cmi.core.score.raw"),
        (core(score={"raw": "ninety"}), "cmi.core.score.raw"),
        (core(score={"raw": "1e2"}), "cmi.core.score.raw"),
        (core(score={"max": "120"}), "cmi.core.score.max"),
        (core(score={"raw": "50", "min": "60"}), "cmi.core.score.raw"),
        (core(score={"raw": "95", "max": "90"}), "cmi.core.score.raw"),
        (core(score={"min": "70", "max": "60"}), "cmi.core.score.min"),
        (core(session_time="1:00:00"), "cmi.core.session_time"),
        (core(session_time="00:60:00"), "cmi.core.session_time"),
        (core(session_time="00:00:00.123"), "cmi.core.session_time"),
        (core(session_time="PT10M"), "cmi.core.session_time"),
        ({"cmi": {"suspend_data": "s" * 4097}}, "cmi.suspend_data"),
        ({"cmi": {"suspend_data": ["not", "a", "string"]}}, "cmi.suspend_data"),
    ],
)
def test_a_bad_value_is_refused_and_changes_nothing(committed, element):
    # arrange: the bad value comes with a good one
    state = new_state()
    before = copy.deepcopy(state)
    committed = copy.deepcopy(committed)
    committed["cmi"].setdefault("core", {}).setdefault("lesson_location", "page-2")

    # act
    with pytest.raises(RuntimeDataError) as caught:
        runtime.commit(state, committed, finishing=True)

    # assert
    assert caught.value.element == element
    assert state == before


def test_not_attempted_is_accepted_only_while_it_is_the_status():
    # arrange: scorm-again sends the status it holds, "not attempted" until the SCO sets one
    state = new_state()
    started = runtime.commit(state, core(lesson_status="incomplete"))

    # act
    unchanged = runtime.commit(state, core(lesson_status="not attempted"))
    with pytest.raises(RuntimeDataError):
        runtime.commit(started, core(lesson_status="not attempted"))

    # assert
    assert unchanged["cmi.core.lesson_status"] == "not attempted"


def test_read_only_elements_are_ignored():
    # arrange
    state = new_state()

    # act
    new = runtime.commit(state, SCORM_AGAIN_FINISH, finishing=False)

    # assert: the body's total_time, student and mastery values are not taken
    read_only = (
        "cmi.core.student_id",
        "cmi.core.student_name",
        "cmi.core.credit",
        "cmi.core.lesson_mode",
        "cmi.core.total_time",
        "cmi.launch_data",
        "cmi.student_data.mastery_score",
    )
    assert {e: new[e] for e in read_only} == {e: state[e] for e in read_only}
    forged = copy.deepcopy(SCORM_AGAIN_FINISH)
    forged["cmi"]["core"].update(student_id="99", total_time="9999:00:00")
    forged["cmi"]["student_data"]["mastery_score"] = "0"
    assert runtime.commit(state, forged) == new


def test_scorm_agains_finishing_commit_is_applied():
    # arrange
    state = new_state()

    # act
    new = runtime.commit(state, SCORM_AGAIN_FINISH, finishing=SCORM_AGAIN_FINISH["finish"])

    # assert
    assert {
        "cmi.core.lesson_status": new["cmi.core.lesson_status"],
        "cmi.core.lesson_location": new["cmi.core.lesson_location"],
        "cmi.core.score.raw": new["cmi.core.score.raw"],
        "cmi.core.score.max": new["cmi.core.score.max"],
        "cmi.suspend_data": new["cmi.suspend_data"],
        "cmi.core.total_time": new["cmi.core.total_time"],
    } == {
        "cmi.core.lesson_status": "passed",
        "cmi.core.lesson_location": "page-quiz",
        "cmi.core.score.raw": "90",
        "cmi.core.score.max": "100",
        "cmi.suspend_data": '{"answers":{"q1":"b"}}',
        "cmi.core.total_time": "0000:10:00.75",
    }
    assert runtime.outcome(new) == ("passed", 90.0)


@pytest.mark.parametrize(
    ("total", "session", "expected"),
    [
        ("0000:00:00.00", "00:00:00", "0000:00:00.00"),
        ("0000:59:59.50", "00:00:00.75", "0001:00:00.25"),
        ("0001:30:00", "0002:45:30.5", "0004:15:30.50"),
        ("23:59:59.99", "00:00:00.01", "0024:00:00.00"),
        ("0999:59:59.9", "0000:00:00.1", "1000:00:00.00"),
        ("9999:59:59.00", "01:00:00", "9999:59:59.99"),
    ],
)
def test_the_session_time_is_added_to_the_total_time_when_finishing(total, session, expected):
    # arrange
    state = {**new_state(), "cmi.core.total_time": total}

    # act
    new = runtime.commit(state, core(session_time=session), finishing=True)

    # assert
    assert new["cmi.core.total_time"] == expected


def test_the_session_time_of_a_commit_that_does_not_finish_is_not_added():
    # arrange
    state = {**new_state(), "cmi.core.total_time": "0001:00:00.00"}

    # act
    new = runtime.commit(state, core(session_time="00:10:00"))
    again = runtime.commit(new, core(session_time="00:20:00"))

    # assert
    assert again["cmi.core.total_time"] == "0001:00:00.00"
    assert runtime.launch_values(again)["core"]["total_time"] == "0001:00:00.00"


@pytest.mark.parametrize(
    ("status", "raw", "mastery", "expected"),
    [
        ("not attempted", "", 80.0, ("not attempted", None)),
        ("incomplete", "", 80.0, ("incomplete", None)),
        ("browsed", "", None, ("browsed", None)),
        ("completed", "", None, ("completed", None)),
        ("completed", "40", None, ("completed", 40.0)),
        ("failed", "40", None, ("failed", 40.0)),
        ("passed", "95", None, ("passed", 95.0)),
        ("completed", "80", 80.0, ("passed", 80.0)),
        ("completed", "79.5", 80.0, ("failed", 79.5)),
        ("passed", "70", 80.0, ("failed", 70.0)),
        ("failed", "90", 80.0, ("passed", 90.0)),
        ("passed", "", 80.0, ("passed", None)),
        ("incomplete", "90", 80.0, ("incomplete", 90.0)),
    ],
)
def test_the_outcome_follows_the_mastery_score_when_there_is_one(status, raw, mastery, expected):
    # arrange
    state = {
        **new_state(mastery_score=mastery),
        "cmi.core.lesson_status": status,
        "cmi.core.score.raw": raw,
    }

    # act
    result = runtime.outcome(state)

    # assert
    assert result == expected
    assert runtime.is_complete(state) is (expected[0] in ("completed", "passed"))
