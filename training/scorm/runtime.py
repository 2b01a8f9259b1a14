"""The server's side of the SCORM 1.2 run-time data: a learner's ``cmi`` state for one SCO.

The state is a flat dict of cmi element names to strings (JSON-ready), made by
``initial_state``; ``launch_values`` turns it into what the player gives scorm-again at
launch; ``commit`` applies what the package committed; ``outcome`` reads the result.

What the commit endpoint receives: ``training/static/training/scorm-player.js`` runs
scorm-again's ``Scorm12API`` (``dataCommitFormat: "json"``, asynchronous commits with
``fetch``), which POSTs ``Content-Type: application/json`` with an ``X-CSRFToken`` header
and this body (every element, each value a string)::

    {"cmi": {"suspend_data": "…", "launch_data": "…", "comments": "",
             "comments_from_lms": "",
             "core": {"student_id": "…", "student_name": "…", "lesson_location": "…",
                      "credit": "credit", "lesson_status": "incomplete", "entry": "…",
                      "lesson_mode": "normal", "exit": "", "session_time": "00:10:00.75",
                      "score": {"raw": "90", "min": "", "max": "100"}},
             "objectives": {}, "student_data": {"mastery_score": "80", …},
             "student_preference": {…}, "interactions": {}}}

on every commit (``LMSCommit``, the auto-commit) and once more on ``LMSFinish``, where
``cmi.core`` also carries ``total_time`` (scorm-again's own sum, ignored here) and the body
a top-level ``"finish": true``. The view calls
``commit(state, body, finishing=body.get("finish") is True)``.
"""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

LESSON_STATUSES = ("passed", "completed", "failed", "incomplete", "browsed", "not attempted")
EXITS = ("time-out", "suspend", "logout", "")
SUSPEND_DATA_MAX = 4096
LESSON_LOCATION_MAX = 255
SCORE_MIN = Decimal(0)
SCORE_MAX = Decimal(100)

TIMESPAN = re.compile(r"^(\d{2,4}):([0-5]\d):([0-5]\d)(?:\.(\d{1,2}))?$")
DECIMAL = re.compile(r"^-?\d+(?:\.\d+)?$")
# 9999:59:59.99, the longest CMITimespan, in hundredths of a second.
TIMESPAN_MAX = ((9999 * 60 + 59) * 60 + 59) * 100 + 99

SCORE_ELEMENTS = ("cmi.core.score.raw", "cmi.core.score.min", "cmi.core.score.max")


class RuntimeDataError(ValueError):
    """A value the package committed that SCORM 1.2 does not allow."""

    def __init__(self, element: str, message: str):
        super().__init__(f"{element}: {message}")
        self.element = element
        self.message = message


def initial_state(
    *, student_id: str, student_name: str, mastery_score: float | None, launch_data: str = ""
) -> dict:
    """A learner's state before the first launch; ``student_name`` reads "Last, First"."""
    return {
        "cmi.core.student_id": student_id,
        "cmi.core.student_name": student_name,
        "cmi.core.lesson_location": "",
        "cmi.core.credit": "credit",
        "cmi.core.lesson_status": "not attempted",
        "cmi.core.entry": "ab-initio",
        "cmi.core.score.raw": "",
        "cmi.core.score.min": "",
        "cmi.core.score.max": "",
        "cmi.core.total_time": "0000:00:00.00",
        "cmi.core.lesson_mode": "normal",
        "cmi.core.exit": "",
        "cmi.suspend_data": "",
        "cmi.launch_data": launch_data,
        "cmi.student_data.mastery_score": "" if mastery_score is None else f"{mastery_score:g}",
    }


def launch_values(state: dict) -> dict:
    """The cmi object for scorm-again's ``loadFromJSON`` at launch."""
    entry = "resume" if state["cmi.core.exit"] == "suspend" else state["cmi.core.entry"]
    return {
        "core": {
            "student_id": state["cmi.core.student_id"],
            "student_name": state["cmi.core.student_name"],
            "lesson_location": state["cmi.core.lesson_location"],
            "credit": state["cmi.core.credit"],
            "lesson_status": state["cmi.core.lesson_status"],
            "entry": entry,
            "lesson_mode": state["cmi.core.lesson_mode"],
            "total_time": state["cmi.core.total_time"],
            "score": {
                "raw": state["cmi.core.score.raw"],
                "min": state["cmi.core.score.min"],
                "max": state["cmi.core.score.max"],
            },
        },
        "suspend_data": state["cmi.suspend_data"],
        "launch_data": state["cmi.launch_data"],
        "student_data": {"mastery_score": state["cmi.student_data.mastery_score"]},
    }


def commit(state: dict, values: dict, *, finishing: bool = False) -> dict:
    """The state after a commit: writable elements validated and applied (read-only and
    unsupported ones ignored), the session time added to the total when ``finishing``.
    Raise ``RuntimeDataError`` on a bad value; ``state`` itself is never changed."""
    committed = _flatten(values)
    new = dict(state)
    for element, check in _WRITABLE.items():
        if element in committed:
            new[element] = check(element, committed[element], state)
    _check_score_bounds(new)
    session_time = committed.get("cmi.core.session_time", "")
    session = _timespan("cmi.core.session_time", session_time) if session_time else 0
    if finishing:
        total = _timespan("cmi.core.total_time", state["cmi.core.total_time"]) + session
        new["cmi.core.total_time"] = _format_timespan(min(total, TIMESPAN_MAX))
    new["cmi.core.entry"] = ""
    return new


def outcome(state: dict) -> tuple[str, float | None]:
    """The lesson status and the raw score; with a mastery score and a raw score, a
    finished lesson is passed or failed by the mastery score (RTE 1.2, 3.4.4)."""
    status = state["cmi.core.lesson_status"]
    raw = state["cmi.core.score.raw"]
    mastery = state["cmi.student_data.mastery_score"]
    if raw and mastery and status in ("completed", "passed", "failed"):
        status = "passed" if Decimal(raw) >= Decimal(mastery) else "failed"
    return status, float(raw) if raw else None


def is_complete(state: dict) -> bool:
    """Whether the SCO is completed or passed."""
    return outcome(state)[0] in ("completed", "passed")


def _flatten(values: dict, prefix: str = "") -> dict:
    """Dotted cmi element names to values, from scorm-again's nested or flattened JSON."""
    flat = {}
    for key, value in values.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if not (name == "cmi" or name.startswith("cmi.")):
            continue
        if isinstance(value, dict):
            flat.update(_flatten(value, name))
        else:
            flat[name] = value
    return flat


def _string(element: str, value) -> str:
    if not isinstance(value, str):
        raise RuntimeDataError(element, _("A character string is expected."))
    return value


def _lesson_status(element: str, value, state: dict) -> str:
    value = _string(element, value)
    unchanged = value == state["cmi.core.lesson_status"]
    if value not in LESSON_STATUSES or (value == "not attempted" and not unchanged):
        raise RuntimeDataError(element, _("“%s” is not a lesson status.") % value)
    return value


def _exit(element: str, value, state: dict) -> str:
    value = _string(element, value)
    if value not in EXITS:
        raise RuntimeDataError(element, _("“%s” is not an exit value.") % value)
    return value


def _limited(limit: int):
    def check(element: str, value, state: dict) -> str:
        value = _string(element, value)
        if len(value) > limit:
            raise RuntimeDataError(
                element,
                _("At most %(limit)d characters, not %(length)d.")
                % {"limit": limit, "length": len(value)},
            )
        return value

    return check


def _score(element: str, value, state: dict) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    value = _string(element, value).strip()
    if not value:
        return ""
    if not DECIMAL.match(value) or not SCORE_MIN <= Decimal(value) <= SCORE_MAX:
        raise RuntimeDataError(element, _("“%s” is not a number from 0 to 100.") % value)
    return value


def _check_score_bounds(state: dict) -> None:
    raw, low, high = (state[element] for element in SCORE_ELEMENTS)
    low_value = Decimal(low) if low else SCORE_MIN
    high_value = Decimal(high) if high else SCORE_MAX
    if low_value > high_value:
        raise RuntimeDataError("cmi.core.score.min", _("The minimum exceeds the maximum."))
    if raw and not low_value <= Decimal(raw) <= high_value:
        raise RuntimeDataError(
            "cmi.core.score.raw", _("The score is outside its minimum and maximum.")
        )


def _timespan(element: str, value) -> int:
    """A CMITimespan (HHHH:MM:SS.SS) in hundredths of a second."""
    match = TIMESPAN.match(_string(element, value))
    if match is None:
        raise RuntimeDataError(element, _("“%s” is not a HHHH:MM:SS.SS duration.") % value)
    hours, minutes, seconds, fraction = match.groups()
    hundredths = int((fraction or "0").ljust(2, "0"))
    return ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 100 + hundredths


def _format_timespan(hundredths: int) -> str:
    seconds, hundredths = divmod(hundredths, 100)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:04d}:{minutes:02d}:{seconds:02d}.{hundredths:02d}"


_WRITABLE = {
    "cmi.core.lesson_status": _lesson_status,
    "cmi.core.lesson_location": _limited(LESSON_LOCATION_MAX),
    "cmi.core.exit": _exit,
    "cmi.core.score.raw": _score,
    "cmi.core.score.min": _score,
    "cmi.core.score.max": _score,
    "cmi.suspend_data": _limited(SUSPEND_DATA_MAX),
}
