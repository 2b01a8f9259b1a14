"""Moodle's GIFT question format, read and written.

Supported as Moodle's ``qformat_gift`` reads them: ``::title::``, whole-line ``//``
comments, ``$CATEGORY: path`` (the rest of its block, if any, is a question), the
``[html]``/``[markdown]``/``[plain]``/``[moodle]`` markers, single and multiple choice
(``=``, ``~``, ``~%50%``, ``~%-33.33333%``), ``#feedback``, ``####general feedback``,
true/false (``{T}``, ``{FALSE#feedback when wrong#feedback when right}``), short answer
(``=`` answers only), numerical (``{#3.14:0.01}``, ``{#1..2}``, ``{#=3.14:0.01 =%50%3:1}``),
matching (``{=a -> 1 =b -> 2}``, ``= -> x`` a distractor), missing word (text after the
braces: the question reads ``… _____ …``), escapes ``\\~ \\= \\# \\{ \\} \\: \\\\`` and
``\\n``, a BOM, Windows line ends.

Descriptions (a block without braces) are skipped: nothing to answer. Essays (``{}``)
are refused: not auto-gradable.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from django.utils.translation import gettext as _

from training.questions import (
    BLANK,
    Choice,
    InvalidQuestion,
    Kind,
    Numeric,
    Pair,
    Question,
)

_ESCAPABLE = "\\~=#{}:"
# Escaped characters stand as private-use characters while the structure is read.
_PLACEHOLDERS = {char: chr(0xE000 + index) for index, char in enumerate(_ESCAPABLE)}
_NEWLINE = chr(0xE000 + len(_ESCAPABLE))
_RESTORE = str.maketrans({v: k for k, v in _PLACEHOLDERS.items()} | {_NEWLINE: "\n"})
_MARKERS = ("html", "markdown", "plain", "moodle")
_TRUE = ("T", "TRUE")
_FALSE = ("F", "FALSE")
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"


class GiftError(ValueError):
    """A GIFT file that cannot be imported: ``line`` (1-based) of the faulty question,
    ``code`` naming the fault (for a translated message), ``message`` in English."""

    def __init__(self, message: str, line: int, code: str):
        super().__init__(f"line {line}: {message}")
        self.message = message
        self.line = line
        self.code = code


def _protect(text: str) -> str:
    def replace(match: re.Match) -> str:
        char = match.group(1)
        if char == "n":
            return _NEWLINE
        return _PLACEHOLDERS.get(char, match.group(0))

    return re.sub(r"\\(.)", replace, text)


def _restore(text: str) -> str:
    return text.translate(_RESTORE).strip()


def _blocks(text: str) -> Iterable[list[tuple[int, str]]]:
    """Questions' lines (number, stripped text) split at blank lines, comments dropped."""
    block: list[tuple[int, str]] = []
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if stripped:
            block.append((number, stripped))
        elif block:
            yield block
            block = []
    if block:
        yield block


def parse(text: str) -> list[Question]:
    """Every question of a GIFT file; ``GiftError`` on the first faulty one."""
    questions = []
    category = ""
    for block in _blocks(text):
        if block[0][1].startswith("$CATEGORY:"):
            category = _restore(_protect(block[0][1][len("$CATEGORY:") :]))
            block = block[1:]
            if not block:
                continue
        line = block[0][0]
        question = _question("\n".join(part for _, part in block), line, category)
        if question is not None:
            questions.append(question)
    return questions


def _question(raw: str, line: int, category: str) -> Question | None:
    rest = _protect(raw)
    title = ""
    if rest.startswith("::"):
        end = rest.find("::", 2)
        if end == -1:
            raise GiftError("the title's closing '::' is missing", line, "unclosed_title")
        title = _restore(rest[2:end])
        rest = rest[end + 2 :].lstrip()
    text_format = "plain"
    marker = re.match(rf"\[({'|'.join(_MARKERS)})\]", rest)
    if marker:
        text_format = marker.group(1)
        rest = rest[marker.end() :]
    opening = rest.find("{")
    if opening == -1:
        if "}" in rest:
            raise GiftError("a '}' closes no '{'", line, "unexpected_brace")
        return None
    closing = rest.find("}", opening)
    if closing == -1 or "{" in rest[opening + 1 : closing]:
        raise GiftError("a '{' is never closed", line, "unclosed_brace")
    before, answers, after = rest[:opening], rest[opening + 1 : closing], rest[closing + 1 :]
    if "{" in after or "}" in after:
        raise GiftError(
            "a question takes one set of answers in braces", line, "several_answer_sets"
        )
    after_text = _restore(after)
    parts = (_restore(before), BLANK, after_text) if after_text else (_restore(before),)
    text = " ".join(part for part in parts if part)
    if not text:
        raise GiftError("the question has no text", line, "empty_question")
    fields = {"title": title, "text": text, "category": category, "text_format": text_format}
    fields.update(_answers(answers, line))
    question = Question(**fields)
    try:
        question.validate()
    except InvalidQuestion as error:
        raise GiftError(error.message, line, error.code) from error
    return question


def _answers(raw: str, line: int) -> dict:
    """The kind, answers and general feedback read from between the braces."""
    feedback = ""
    separator = raw.rfind("####")
    if separator != -1:
        raw, feedback = raw[:separator], _restore(raw[separator + 4 :])
    body = raw.strip()
    if not body:
        if separator != -1:
            raise GiftError("the braces hold no answer", line, "empty_answer_set")
        raise GiftError("essay questions cannot be marked automatically", line, "essay")
    if body.startswith("#"):
        fields = _numerical(body[1:], line)
    elif "~" in body:
        kind = Kind.SINGLE if "=" in body else Kind.MULTIPLE
        choices = []
        for marker, content in _split(body, "=~", line):
            weight, content = _weight(content, line)
            answer, answer_feedback = _feedback(content, line)
            default = 1.0 if marker == "=" else 0.0
            fraction = default if weight is None else weight
            choices.append(Choice(answer, fraction, answer_feedback))
        fields = {"kind": kind, "choices": tuple(choices)}
    elif "=" in body and "->" in body:
        fields = {"kind": Kind.MATCHING, "pairs": tuple(_pairs(body, line))}
    elif body.partition("#")[0].strip().upper() in _TRUE + _FALSE:
        fields = _true_false(body)
    else:
        choices = []
        for _marker, content in _split(body, "=", line):
            weight, content = _weight(content, line)
            answer, answer_feedback = _feedback(content, line)
            choices.append(Choice(answer, 1.0 if weight is None else weight, answer_feedback))
        fields = {"kind": Kind.SHORT_ANSWER, "choices": tuple(choices)}
    fields["feedback"] = feedback
    return fields


def _split(body: str, markers: str, line: int) -> list[tuple[str, str]]:
    """(marker, content) for each answer; text before the first marker is an error."""
    parts = re.split(f"([{re.escape(markers)}])", body)
    if parts[0].strip():
        raise GiftError(
            f"answers start with one of {' '.join(markers)}, not {_restore(parts[0])!r}",
            line,
            "unknown_answer_marker",
        )
    return list(zip(parts[1::2], parts[2::2], strict=True))


def _weight(content: str, line: int) -> tuple[float | None, str]:
    match = re.match(r"\s*%([^%]*)%", content)
    if not match:
        return None, content
    value = match.group(1).strip()
    if not re.fullmatch(_NUMBER, value) or not -100 <= float(value) <= 100:
        raise GiftError(f"weight %{value}% is not a percentage", line, "invalid_weight")
    return round(float(value) / 100, 7), content[match.end() :]


def _feedback(content: str, line: int) -> tuple[str, str]:
    answer, _, feedback = content.partition("#")
    answer = _restore(answer)
    if not answer:
        raise GiftError("an answer is empty", line, "empty_answer")
    return answer, _restore(feedback)


def _number(value: str, line: int) -> float:
    value = value.strip()
    if not re.fullmatch(_NUMBER, value):
        raise GiftError(f"{_restore(value)!r} is not a number", line, "invalid_number")
    return float(value)


def _numeric(content: str, fraction: float, line: int) -> Numeric:
    value, _, feedback = content.partition("#")
    if ".." in value:
        low, high = (_number(part, line) for part in value.split("..", 1))
        if low > high:
            raise GiftError(f"range {low}..{high} is reversed", line, "invalid_number")
        number, tolerance = (low + high) / 2, (high - low) / 2
    elif ":" in value:
        number, tolerance = (_number(part, line) for part in value.split(":", 1))
    else:
        number, tolerance = _number(value, line), 0.0
    return Numeric(number, tolerance, fraction, _restore(feedback))


def _numerical(body: str, line: int) -> dict:
    if "=" not in body:
        return {"kind": Kind.NUMERICAL, "numerics": (_numeric(body, 1.0, line),)}
    numerics = []
    for marker, content in _split(body, "=~", line):
        if marker != "=":
            raise GiftError("numerical answers start with '='", line, "unknown_answer_marker")
        weight, content = _weight(content, line)
        numerics.append(_numeric(content, 1.0 if weight is None else weight, line))
    return {"kind": Kind.NUMERICAL, "numerics": tuple(numerics)}


def _pairs(body: str, line: int) -> Iterable[Pair]:
    for _marker, content in _split(body, "=", line):
        if "->" not in content:
            raise GiftError("a matching pair reads '=prompt -> answer'", line, "bad_pair")
        prompt, answer = content.split("->", 1)
        yield Pair(_restore(prompt), _restore(answer))


def _true_false(body: str) -> dict:
    head, _, comments = body.partition("#")
    wrong, _, right = comments.partition("#")
    is_true = _restore(head).upper() in _TRUE
    wrong, right = _restore(wrong), _restore(right)
    return {
        "kind": Kind.TRUE_FALSE,
        "choices": (
            Choice("true", 1.0 if is_true else 0.0, right if is_true else wrong),
            Choice("false", 0.0 if is_true else 1.0, wrong if is_true else right),
        ),
    }


# Writing.


def _escape(text: str) -> str:
    for char in _ESCAPABLE:
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def _number_text(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _percent(fraction: float) -> str:
    text = f"{round(fraction * 100, 5):.5f}".rstrip("0").rstrip(".")
    return f"%{text}%"


def _answer_line(marker: str, text: str, feedback: str, weight: str = "") -> str:
    line = f"\t{marker}{weight}{_escape(text)}"
    return f"{line}#{_escape(feedback)}" if feedback else line


def _numeric_text(numeric: Numeric) -> str:
    text = _number_text(numeric.value)
    if numeric.tolerance:
        text += ":" + _number_text(numeric.tolerance)
    return text + (f"#{_escape(numeric.feedback)}" if numeric.feedback else "")


def _answer_set(question: Question) -> str:
    kind = question.kind
    lines = []
    if kind == Kind.TRUE_FALSE:
        true, false = question.choices
        right, wrong = (true, false) if math.isclose(true.fraction, 1.0) else (false, true)
        head = "TRUE" if right is true else "FALSE"
        if right.feedback:
            head += f"#{_escape(wrong.feedback)}#{_escape(right.feedback)}"
        elif wrong.feedback:
            head += f"#{_escape(wrong.feedback)}"
        lines.append(head)
    elif (
        kind == Kind.NUMERICAL
        and len(question.numerics) == 1
        and math.isclose(question.numerics[0].fraction, 1.0)
    ):
        lines.append("#" + _numeric_text(question.numerics[0]))
    elif kind == Kind.NUMERICAL:
        lines.append("#")
        for numeric in question.numerics:
            weight = "" if math.isclose(numeric.fraction, 1.0) else _percent(numeric.fraction)
            lines.append(f"\t={weight}{_numeric_text(numeric)}")
    elif kind == Kind.MATCHING:
        lines.append("")
        lines.extend(f"\t={_escape(p.prompt)} -> {_escape(p.answer)}" for p in question.pairs)
    else:
        lines.append("")
        for choice in question.choices:
            right = math.isclose(choice.fraction, 1.0)
            if kind == Kind.SHORT_ANSWER or (kind == Kind.SINGLE and right):
                marker = "="
                weight = "" if right else _percent(choice.fraction)
            else:
                marker = "~"
                weight = _percent(choice.fraction) if choice.fraction else ""
            lines.append(_answer_line(marker, choice.text, choice.feedback, weight))
    if question.feedback:
        lines.append(f"\t####{_escape(question.feedback)}")
    if len(lines) == 1:
        return "{" + lines[0] + "}"
    return "{" + "\n".join(lines) + "\n}"


def _question_text(question: Question) -> str:
    head = f"::{_escape(question.title)}::" if question.title else ""
    if question.text_format != "plain" or question.text.startswith(("[", "//")):
        head += f"[{question.text_format}]"
    before, blank, after = question.text.partition(BLANK)
    answers = _answer_set(question)
    if blank:
        return f"{head}{_escape(before.rstrip())} {answers} {_escape(after.lstrip())}".rstrip()
    return f"{head}{_escape(question.text)} {answers}"


def dump(questions: Iterable[Question]) -> str:
    """A GIFT file of the questions, ``$CATEGORY`` lines where the category changes."""
    blocks = []
    category = ""
    for question in questions:
        if question.category != category:
            category = question.category
            blocks.append(f"$CATEGORY: {_escape(category)}".rstrip())
        blocks.append(_question_text(question))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def parse_one(text: str) -> Question:
    """The one question ``text`` holds, checked (an editor's field): InvalidQuestion with
    the reason otherwise."""
    try:
        questions = parse(text)
    except GiftError as error:
        raise InvalidQuestion(str(error)) from error
    if len(questions) != 1:
        raise InvalidQuestion(_("Write exactly one question here."))
    questions[0].validate()
    return questions[0]
