"""The quiz engine's neutral question model and its scoring (pure: no Django model, no DB).

Imports (GIFT, Moodle XML) produce ``Question`` objects; the database stores
``Question.to_dict()``; the browser sees ``public_view()`` only; ``score()`` and
``feedback_for()`` run after submission.

Keys are opaque strings that tell nothing the visible texts do not: ``"c0"``, ``"c1"``…
for choices, numbered in the order of their texts (true/false: ``c0`` is true, ``c1``
false), ``"p0"``… for matching prompts in their order, ``"a0"``… for the distinct
matching answers in the order of their texts. Numbering choices as written would leak
(authors often write the right answer first; ``a<n>`` would be ``p<n>``'s answer).
``public_view`` shuffles the order, never the keys; ``choice_keys`` gives them.

Response shapes accepted by ``score`` and ``feedback_for`` (anything else scores 0 and
never raises):

- ``SINGLE`` and ``TRUE_FALSE``: the chosen key, a ``str``.
- ``MULTIPLE``: a list (or tuple) of keys; a key given twice counts once.
- ``SHORT_ANSWER``: a ``str`` (at most 255 characters once normalised), compared
  case-insensitively with whitespace collapsed and Unicode normalised (NFC); accents
  kept ("Carte grise" matches "carte  GRISE" but not "carte grisé"). ``*`` in an
  accepted answer matches any run of characters, as in Moodle (``\\*``: a literal star).
- ``NUMERICAL``: a number or a ``str``; the French decimal comma ("3,14") and spaces as
  thousands separators ("1 000") are accepted.
- ``MATCHING``: a dict of prompt key -> answer key.

Question text and answers keep their markup as written (``text_format`` says which:
``plain``, ``html``, ``markdown`` or ``moodle``); rendering and sanitising belong to the
templates. True/false choice texts are the tokens ``"true"`` and ``"false"``: templates
label them.
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

TEXT_FORMATS = ("plain", "html", "markdown", "moodle")
BLANK = "_____"
# Longer short answers are not compared (a short answer, not an essay).
SHORT_ANSWER_MAX_LENGTH = 255
_EPSILON = 1e-9


class Kind(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    SHORT_ANSWER = "short_answer"
    NUMERICAL = "numerical"
    MATCHING = "matching"


class InvalidQuestion(ValueError):
    """A question that cannot be taken as it stands; ``code`` names the rule broken."""

    def __init__(self, message: str, code: str = "invalid_question"):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Choice:
    text: str
    fraction: float
    feedback: str = ""


@dataclass(frozen=True)
class Numeric:
    value: float
    tolerance: float = 0.0
    fraction: float = 1.0
    feedback: str = ""


@dataclass(frozen=True)
class Pair:
    """A matching prompt and its answer; an empty prompt makes the answer a distractor."""

    prompt: str
    answer: str


@dataclass(frozen=True)
class Question:
    kind: Kind
    text: str
    title: str = ""
    choices: tuple[Choice, ...] = ()
    numerics: tuple[Numeric, ...] = ()
    pairs: tuple[Pair, ...] = ()
    feedback: str = ""
    category: str = ""
    text_format: str = "plain"

    def validate(self) -> None:
        """Raise ``InvalidQuestion`` when the question cannot be taken or scored."""
        if not self.text.strip():
            raise InvalidQuestion("the question has no text", "empty_question")
        if self.text_format not in TEXT_FORMATS:
            raise InvalidQuestion(f"unknown text format {self.text_format!r}", "bad_format")
        for choice in self.choices:
            if not -1.0 <= choice.fraction <= 1.0:
                raise InvalidQuestion(
                    f"fraction {choice.fraction} out of the range -1..1", "fraction_out_of_range"
                )
        _KIND_RULES[self.kind](self)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict that ``from_dict`` turns back into an equal question."""
        return {
            "kind": str(self.kind),
            "text": self.text,
            "title": self.title,
            "choices": [
                {"text": c.text, "fraction": c.fraction, "feedback": c.feedback}
                for c in self.choices
            ],
            "numerics": [
                {
                    "value": n.value,
                    "tolerance": n.tolerance,
                    "fraction": n.fraction,
                    "feedback": n.feedback,
                }
                for n in self.numerics
            ],
            "pairs": [{"prompt": p.prompt, "answer": p.answer} for p in self.pairs],
            "feedback": self.feedback,
            "category": self.category,
            "text_format": self.text_format,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Question:
        """The question ``to_dict`` described; ``ValueError`` on malformed or invalid data."""
        if not isinstance(data, dict):
            raise ValueError("question data must be a dict")
        try:
            kind = Kind(data["kind"])
        except KeyError as error:
            raise ValueError("question data has no 'kind'") from error
        question = cls(
            kind=kind,
            text=_string(data, "text", required=True),
            title=_string(data, "title"),
            choices=tuple(
                Choice(
                    text=_string(item, "text", required=True),
                    fraction=_number(item, "fraction", required=True),
                    feedback=_string(item, "feedback"),
                )
                for item in _items(data, "choices")
            ),
            numerics=tuple(
                Numeric(
                    value=_number(item, "value", required=True),
                    tolerance=_number(item, "tolerance", default=0.0),
                    fraction=_number(item, "fraction", default=1.0),
                    feedback=_string(item, "feedback"),
                )
                for item in _items(data, "numerics")
            ),
            pairs=tuple(
                Pair(
                    prompt=_string(item, "prompt", required=True),
                    answer=_string(item, "answer", required=True),
                )
                for item in _items(data, "pairs")
            ),
            feedback=_string(data, "feedback"),
            category=_string(data, "category"),
            text_format=_string(data, "text_format") or "plain",
        )
        question.validate()
        return question


def _string(data: Any, name: str, *, required: bool = False) -> str:
    if not isinstance(data, dict):
        raise ValueError(f"expected a dict holding {name!r}")
    if name not in data:
        if required:
            raise ValueError(f"missing {name!r}")
        return ""
    value = data[name]
    if not isinstance(value, str):
        raise ValueError(f"{name!r} must be a string")
    return value


def _number(data: Any, name: str, *, required: bool = False, default: float = 0.0) -> float:
    if not isinstance(data, dict):
        raise ValueError(f"expected a dict holding {name!r}")
    if name not in data:
        if required:
            raise ValueError(f"missing {name!r}")
        return default
    value = data[name]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name!r} must be a finite number")
    return float(value)


def _items(data: dict, name: str) -> list:
    value = data.get(name, [])
    if not isinstance(value, list | tuple):
        raise ValueError(f"{name!r} must be a list")
    return list(value)


# Validation, one rule set per kind.


def _right_count(question: Question) -> int:
    return sum(1 for c in question.choices if math.isclose(c.fraction, 1.0))


def _no_numerics_or_pairs(question: Question) -> None:
    if question.numerics or question.pairs:
        raise InvalidQuestion(
            f"a {question.kind} question takes choices only", "unexpected_answers"
        )


def _validate_single(question: Question) -> None:
    _no_numerics_or_pairs(question)
    if len(question.choices) < 2:
        raise InvalidQuestion("a single choice question needs two choices", "too_few_choices")
    count = _right_count(question)
    if count != 1:
        raise InvalidQuestion(
            f"a single choice question needs exactly one right answer (100 %), found {count}",
            "no_right_answer" if count == 0 else "several_right_answers",
        )


def _validate_multiple(question: Question) -> None:
    _no_numerics_or_pairs(question)
    if len(question.choices) < 2:
        raise InvalidQuestion("a multiple choice question needs two choices", "too_few_choices")
    if not any(c.fraction > 0 for c in question.choices):
        raise InvalidQuestion(
            "a multiple choice question needs a choice with a positive fraction",
            "no_right_answer",
        )


def _validate_true_false(question: Question) -> None:
    _no_numerics_or_pairs(question)
    texts = tuple(c.text for c in question.choices)
    fractions = sorted(c.fraction for c in question.choices)
    if texts != ("true", "false") or fractions != [0.0, 1.0]:
        raise InvalidQuestion(
            "a true/false question has the choices 'true' then 'false', one of them right",
            "bad_true_false",
        )


def _validate_short_answer(question: Question) -> None:
    _no_numerics_or_pairs(question)
    if not question.choices:
        raise InvalidQuestion("a short answer question needs an answer", "no_right_answer")
    if any(not c.text.strip() for c in question.choices):
        raise InvalidQuestion("an accepted answer is empty", "empty_answer")
    if any(c.fraction < 0 for c in question.choices):
        raise InvalidQuestion(
            "a short answer cannot have a negative fraction", "fraction_out_of_range"
        )
    if _right_count(question) == 0:
        raise InvalidQuestion(
            "a short answer question needs an answer worth 100 %", "no_right_answer"
        )


def _validate_numerical(question: Question) -> None:
    if question.choices or question.pairs:
        raise InvalidQuestion(
            "a numerical question takes numeric answers only", "unexpected_answers"
        )
    if not question.numerics:
        raise InvalidQuestion("a numerical question needs an answer", "no_right_answer")
    for numeric in question.numerics:
        if not (math.isfinite(numeric.value) and math.isfinite(numeric.tolerance)):
            raise InvalidQuestion("a numeric answer must be a finite number", "invalid_number")
        if numeric.tolerance < 0:
            raise InvalidQuestion("a tolerance cannot be negative", "negative_tolerance")
        if not 0.0 <= numeric.fraction <= 1.0:
            raise InvalidQuestion(
                f"fraction {numeric.fraction} out of the range 0..1", "fraction_out_of_range"
            )
    if not any(math.isclose(n.fraction, 1.0) for n in question.numerics):
        raise InvalidQuestion(
            "a numerical question needs an answer worth 100 %", "no_right_answer"
        )


def _validate_matching(question: Question) -> None:
    if question.choices or question.numerics:
        raise InvalidQuestion("a matching question takes pairs only", "unexpected_answers")
    prompts = [p for p in question.pairs if p.prompt.strip()]
    if len(prompts) < 2:
        raise InvalidQuestion("a matching question needs at least two pairs", "too_few_pairs")
    if any(not p.answer.strip() for p in question.pairs):
        raise InvalidQuestion("a matching pair has no answer", "empty_answer")


_KIND_RULES = {
    Kind.SINGLE: _validate_single,
    Kind.MULTIPLE: _validate_multiple,
    Kind.TRUE_FALSE: _validate_true_false,
    Kind.SHORT_ANSWER: _validate_short_answer,
    Kind.NUMERICAL: _validate_numerical,
    Kind.MATCHING: _validate_matching,
}


# Responses.


def choice_keys(question: Question) -> list[str]:
    """Each choice's key, in the question's order.

    True/false: ``c0`` true, ``c1`` false. Otherwise ``c<n>`` numbers the choices in the
    order of their texts, not the order written: authors often write the right answer
    first, and a key must tell nothing the text does not.
    """
    if question.kind == Kind.TRUE_FALSE:
        return [f"c{i}" for i in range(len(question.choices))]
    ranked = sorted(range(len(question.choices)), key=lambda i: (question.choices[i].text, i))
    keys = [""] * len(ranked)
    for rank, index in enumerate(ranked):
        keys[index] = f"c{rank}"
    return keys


def _choice_index(question: Question, key: Any) -> int | None:
    if not isinstance(key, str):
        return None
    keys = choice_keys(question)
    return keys.index(key) if key in keys else None


def _chosen_indexes(question: Question, response: Any) -> set[int] | None:
    """The distinct choices a MULTIPLE response names; None when a key is not a choice."""
    if not isinstance(response, list | tuple):
        return None
    indexes = {_choice_index(question, key) for key in response}
    return None if None in indexes else indexes


def normalise_text(value: str) -> str:
    """Case-folded, whitespace-collapsed, NFC-normalised text (accents kept)."""
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())


def _wildcard_segments(answer: str) -> list[str]:
    """The literal runs between an answer's ``*`` wildcards (``\\*`` is a literal star)."""
    segments = [""]
    for part in re.split(r"(\\\*|\*)", normalise_text(answer)):
        if part == "*":
            segments.append("")
        else:
            segments[-1] += "*" if part == "\\*" else part
    return segments


def _wildcard_match(segments: list[str], text: str) -> bool:
    """Whether ``text`` matches: first run a prefix, last a suffix, the others in order
    between them, each found leftmost (enough with ``*`` alone, and no backtracking)."""
    if len(segments) == 1:
        return text == segments[0]
    first, *middle, last = segments
    start, end = len(first), len(text) - len(last)
    if end < start or not (text.startswith(first) and text.endswith(last)):
        return False
    for segment in middle:
        found = text.find(segment, start, end)
        if found == -1:
            return False
        start = found + len(segment)
    return True


def _matching_short_answer(question: Question, response: Any) -> int | None:
    if not isinstance(response, str) or not response.strip():
        return None
    given = normalise_text(response)
    if len(given) > SHORT_ANSWER_MAX_LENGTH:
        return None
    best = None
    for index, choice in enumerate(question.choices):
        if _wildcard_match(_wildcard_segments(choice.text), given) and (
            best is None or choice.fraction > question.choices[best].fraction
        ):
            best = index
    return best


def parse_number(value: Any) -> float | None:
    """A finite float from a number or French/English text ("3,14", "1 000.5"), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        text = re.sub(r"[\s\u202f\u00a0]", "", value)
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", text):
            return None
        number = float(text)
    else:
        return None
    return number if math.isfinite(number) else None


def _matching_numeric(question: Question, response: Any) -> int | None:
    number = parse_number(response)
    if number is None:
        return None
    best = None
    for index, numeric in enumerate(question.numerics):
        margin = numeric.tolerance + _EPSILON * max(1.0, abs(numeric.value))
        if abs(number - numeric.value) <= margin and (
            best is None or numeric.fraction > question.numerics[best].fraction
        ):
            best = index
    return best


def _prompt_indexes(question: Question) -> list[int]:
    return [i for i, p in enumerate(question.pairs) if p.prompt.strip()]


def _answer_keys(question: Question) -> dict[str, str]:
    """Answer key -> answer text, one key per distinct answer, numbered in the order of
    the texts: ``a<n>`` never follows the pairs' order, which would give ``p<n>``'s."""
    answers = sorted({pair.answer for pair in question.pairs})
    return {f"a{rank}": text for rank, text in enumerate(answers)}


def _matched_prompts(question: Question, response: Any) -> dict[int, str | None]:
    """Prompt index -> the answer text chosen for it (None when not or wrongly given)."""
    answers = _answer_keys(question)
    chosen: dict[int, str | None] = dict.fromkeys(_prompt_indexes(question))
    if isinstance(response, dict):
        for index in chosen:
            key = response.get(f"p{index}")
            chosen[index] = answers.get(key) if isinstance(key, str) else None
    return chosen


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def score(question: Question, response: Any) -> float:
    """The response's score between 0.0 and 1.0 (0.0 for an empty or invalid response).

    ``question`` is a valid one (``validate``, which ``from_dict`` and the parsers run).
    """
    kind = question.kind
    if kind in (Kind.SINGLE, Kind.TRUE_FALSE):
        index = _choice_index(question, response)
        if index is None:
            return 0.0
        fraction = question.choices[index].fraction
        if kind == Kind.TRUE_FALSE:
            return 1.0 if math.isclose(fraction, 1.0) else 0.0
        return _clamp(fraction)
    if kind == Kind.MULTIPLE:
        indexes = _chosen_indexes(question, response)
        if not indexes:
            return 0.0
        return _clamp(sum(question.choices[i].fraction for i in indexes))
    if kind == Kind.SHORT_ANSWER:
        index = _matching_short_answer(question, response)
        return 0.0 if index is None else _clamp(question.choices[index].fraction)
    if kind == Kind.NUMERICAL:
        index = _matching_numeric(question, response)
        return 0.0 if index is None else _clamp(question.numerics[index].fraction)
    chosen = _matched_prompts(question, response)
    right = sum(1 for i, text in chosen.items() if text == question.pairs[i].answer)
    return right / len(chosen)


def right_response(question: Question) -> Any:
    """A response worth full marks, in the shapes ``score`` takes (for tests and demo data)."""
    kind = question.kind
    keys = choice_keys(question)
    if kind in (Kind.SINGLE, Kind.TRUE_FALSE):
        return next(
            k for k, c in zip(keys, question.choices, strict=True) if math.isclose(c.fraction, 1.0)
        )
    if kind == Kind.MULTIPLE:
        return [k for k, c in zip(keys, question.choices, strict=True) if c.fraction > 0]
    if kind == Kind.SHORT_ANSWER:
        right = next(c for c in question.choices if math.isclose(c.fraction, 1.0))
        return "".join(_wildcard_segments(right.text))
    if kind == Kind.NUMERICAL:
        return repr(next(n.value for n in question.numerics if math.isclose(n.fraction, 1.0)))
    answers = {text: key for key, text in _answer_keys(question).items()}
    return {f"p{i}": answers[question.pairs[i].answer] for i in _prompt_indexes(question)}


def public_view(question: Question, *, seed: int) -> dict[str, Any]:
    """What the browser may see before submission: no fraction, feedback or right answer.

    Choices (except true/false) and matching answers are shuffled by ``seed``: the same
    seed gives the same order; pass a seed per attempt and question.
    """
    rng = random.Random(seed)  # noqa: S311 (an order to display, not a secret)
    view: dict[str, Any] = {
        "kind": str(question.kind),
        "title": question.title,
        "text": question.text,
        "text_format": question.text_format,
    }
    if question.kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE):
        choices = [
            {"key": key, "text": c.text}
            for key, c in zip(choice_keys(question), question.choices, strict=True)
        ]
        if question.kind != Kind.TRUE_FALSE:
            rng.shuffle(choices)
        view["choices"] = choices
    elif question.kind == Kind.MATCHING:
        view["prompts"] = [
            {"key": f"p{i}", "text": question.pairs[i].prompt} for i in _prompt_indexes(question)
        ]
        answers = [{"key": key, "text": text} for key, text in _answer_keys(question).items()]
        rng.shuffle(answers)
        view["answers"] = answers
    return view


def feedback_for(question: Question, response: Any) -> dict[str, Any]:
    """After submission: the score, right answers and the feedback the response earned.

    ``choices`` (choice kinds) list every choice in the question's order with ``selected``,
    ``correct`` (fraction above 0), ``fraction`` and ``feedback`` (of selected choices,
    as Moodle shows it); ``answer_feedback``
    is the feedback of the accepted answer a short or numerical response matched;
    ``right_answers`` the texts (or "value ± tolerance" dicts) worth 100 %; ``pairs``
    (matching) each prompt with the answer given and the right one.
    """
    result: dict[str, Any] = {
        "kind": str(question.kind),
        "score": score(question, response),
        "general_feedback": question.feedback,
    }
    kind = question.kind
    if kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE):
        if kind == Kind.MULTIPLE:
            selected = _chosen_indexes(question, response) or set()
        else:
            index = _choice_index(question, response)
            selected = set() if index is None else {index}
        keys = choice_keys(question)
        result["choices"] = [
            {
                "key": keys[i],
                "text": c.text,
                "selected": i in selected,
                "correct": c.fraction > 0,
                "fraction": c.fraction,
                "feedback": c.feedback if i in selected else "",
            }
            for i, c in enumerate(question.choices)
        ]
        result["right_answers"] = [c.text for c in question.choices if c.fraction > 0]
    elif kind == Kind.SHORT_ANSWER:
        index = _matching_short_answer(question, response)
        result["answer_feedback"] = "" if index is None else question.choices[index].feedback
        result["right_answers"] = [
            c.text for c in question.choices if math.isclose(c.fraction, 1.0)
        ]
    elif kind == Kind.NUMERICAL:
        index = _matching_numeric(question, response)
        result["answer_feedback"] = "" if index is None else question.numerics[index].feedback
        result["right_answers"] = [
            {"value": n.value, "tolerance": n.tolerance}
            for n in question.numerics
            if math.isclose(n.fraction, 1.0)
        ]
    else:
        chosen = _matched_prompts(question, response)
        result["pairs"] = [
            {
                "key": f"p{i}",
                "prompt": question.pairs[i].prompt,
                "given": given or "",
                "right": question.pairs[i].answer,
                "correct": given == question.pairs[i].answer,
            }
            for i, given in chosen.items()
        ]
        result["right_answers"] = [
            {"prompt": question.pairs[i].prompt, "answer": question.pairs[i].answer}
            for i in chosen
        ]
    return result
