"""Moodle XML question banks, read and written.

Read: ``<quiz>`` holding ``<question type="…">`` of the types ``multichoice``
(``<single>`` true: single choice, false: multiple), ``truefalse``, ``shortanswer``,
``numerical`` (``<tolerance>``; a ``*`` answer worth 0 %, Moodle's catch-all feedback,
is skipped), ``matching`` (an empty ``<subquestion>`` is a distractor), ``category``
(its path kept as written, e.g. ``$course$/top/ANTS``) and ``description`` (skipped:
nothing to answer). Any other type is refused with its line. Malformed XML is reported
with expat's line and column (the column counted from 0, as ``ElementTree`` does).
Parsed with ``defusedxml``: a DOCTYPE, hence any entity declaration, is refused.
Not read: embedded files (``<file>``), tags, ``<usecase>`` (short answers are always
compared case-insensitively), ``<shuffleanswers>`` (the quiz decides), penalties, units.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from xml.sax import InputSource, SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.saxutils import quoteattr

import defusedxml
import defusedxml.sax

from training.questions import (
    Choice,
    InvalidQuestion,
    Kind,
    Numeric,
    Pair,
    Question,
)

_FORMATS = {
    "html": "html",
    "plain_text": "plain",
    "markdown": "markdown",
    "moodle_auto_format": "moodle",
}
_FORMAT_NAMES = {value: key for key, value in _FORMATS.items()}
_SKIPPED_TYPES = ("description",)


class MoodleXmlError(ValueError):
    """A Moodle XML file that cannot be imported: ``line`` (1-based) of the faulty
    element, ``code`` naming the fault, ``message`` in English."""

    def __init__(self, message: str, line: int, code: str):
        super().__init__(f"line {line}: {message}")
        self.message = message
        self.line = line
        self.code = code


@dataclass
class _Node:
    tag: str
    attrib: dict[str, str]
    line: int
    children: list[_Node] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    def child(self, tag: str) -> _Node | None:
        return next((c for c in self.children if c.tag == tag), None)

    def all(self, tag: str) -> list[_Node]:
        return [c for c in self.children if c.tag == tag]

    def value(self, tag: str, default: str = "") -> str:
        """The stripped text of the child ``tag`` itself; ``default`` when absent."""
        node = self.child(tag)
        return "".join(node.parts).strip() if node else default

    def text(self, *path: str) -> str:
        """The stripped text under ``path`` then ``<text>``; empty when absent."""
        node: _Node | None = self
        for tag in (*path, "text"):
            node = node.child(tag) if node else None
        return "".join(node.parts).strip() if node else ""


class _TreeBuilder(ContentHandler):
    """A small element tree whose nodes know their line."""

    def __init__(self):
        super().__init__()
        self.root: _Node | None = None
        self.stack: list[_Node] = []
        self.locator = None

    def setDocumentLocator(self, locator):
        self.locator = locator

    def line(self) -> int:
        return self.locator.getLineNumber() if self.locator else 1

    def startElement(self, name, attrs):
        node = _Node(name, dict(attrs), self.line())
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)

    def endElement(self, name):
        self.stack.pop()

    def characters(self, content):
        if self.stack:
            self.stack[-1].parts.append(content)


def _tree(data: bytes | str) -> _Node:
    builder = _TreeBuilder()
    source = InputSource()
    if isinstance(data, str):
        source.setByteStream(io.BytesIO(data.encode("utf-8")))
        source.setEncoding("utf-8")
    else:
        source.setByteStream(io.BytesIO(data))
    try:
        defusedxml.sax.parse(source, builder, forbid_dtd=True)
    except SAXParseException as error:
        line, column = error.getLineNumber(), error.getColumnNumber()
        raise MoodleXmlError(
            f"malformed XML at line {line}, column {column}: {error.getMessage()}",
            line,
            "malformed_xml",
        ) from error
    except defusedxml.DefusedXmlException as error:
        raise MoodleXmlError(
            "document type and entity declarations are refused", builder.line(), "forbidden_dtd"
        ) from error
    if builder.root is None or builder.root.tag != "quiz":
        line = builder.root.line if builder.root else 1
        raise MoodleXmlError("the root element must be <quiz>", line, "not_a_quiz")
    return builder.root


def parse(data: bytes | str) -> list[Question]:
    """Every question of a Moodle XML file; ``MoodleXmlError`` on the first faulty one."""
    questions = []
    category = ""
    for node in _tree(data).all("question"):
        kind = node.attrib.get("type", "")
        if kind == "category":
            category = node.text("category")
        elif kind not in _SKIPPED_TYPES:
            questions.append(_question(node, kind, category))
    return questions


def _question(node: _Node, kind: str, category: str) -> Question:
    reader = _READERS.get(kind)
    if reader is None:
        raise MoodleXmlError(
            f"question type {kind!r} is not supported", node.line, "unsupported_type"
        )
    text_node = node.child("questiontext")
    format_name = text_node.attrib.get("format", "html") if text_node else "html"
    if format_name not in _FORMATS:
        raise MoodleXmlError(f"unknown text format {format_name!r}", node.line, "bad_format")
    fields = {
        "title": node.text("name"),
        "text": node.text("questiontext"),
        "feedback": node.text("generalfeedback"),
        "category": category,
        "text_format": _FORMATS[format_name],
    }
    fields.update(reader(node))
    question = Question(**fields)
    try:
        question.validate()
    except InvalidQuestion as error:
        raise MoodleXmlError(error.message, node.line, error.code) from error
    return question


def _fraction(answer: _Node) -> float:
    value = answer.attrib.get("fraction", "0")
    try:
        fraction = float(value)
    except ValueError:
        fraction = float("nan")
    if not -100 <= fraction <= 100:
        raise MoodleXmlError(
            f"fraction {value!r} is not a percentage", answer.line, "invalid_fraction"
        )
    return round(fraction / 100, 7)


def _choices(node: _Node) -> tuple[Choice, ...]:
    return tuple(
        Choice(answer.text(), _fraction(answer), answer.text("feedback"))
        for answer in node.all("answer")
    )


def _multichoice(node: _Node) -> dict:
    single = node.value("single", "true").lower()
    kind = Kind.MULTIPLE if single in ("false", "0") else Kind.SINGLE
    return {"kind": kind, "choices": _choices(node)}


def _truefalse(node: _Node) -> dict:
    choices = {choice.text.lower(): choice for choice in _choices(node)}
    ordered = (choices.get("true"), choices.get("false"))
    if None in ordered or len(choices) != 2:
        raise MoodleXmlError(
            "a true/false question has the answers 'true' and 'false'", node.line, "bad_true_false"
        )
    return {
        "kind": Kind.TRUE_FALSE,
        "choices": tuple(Choice(c.text.lower(), c.fraction, c.feedback) for c in ordered),
    }


def _shortanswer(node: _Node) -> dict:
    return {"kind": Kind.SHORT_ANSWER, "choices": _choices(node)}


def _float(text: str, line: int) -> float:
    try:
        return float(text)
    except ValueError as error:
        raise MoodleXmlError(f"{text!r} is not a number", line, "invalid_number") from error


def _numerical(node: _Node) -> dict:
    numerics = []
    for answer in node.all("answer"):
        fraction = _fraction(answer)
        if answer.text() == "*" and fraction == 0:
            continue
        numerics.append(
            Numeric(
                _float(answer.text(), answer.line),
                _float(answer.value("tolerance") or "0", answer.line),
                fraction,
                answer.text("feedback"),
            )
        )
    return {"kind": Kind.NUMERICAL, "numerics": tuple(numerics)}


def _matching(node: _Node) -> dict:
    return {
        "kind": Kind.MATCHING,
        "pairs": tuple(Pair(sub.text(), sub.text("answer")) for sub in node.all("subquestion")),
    }


_READERS = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "shortanswer": _shortanswer,
    "numerical": _numerical,
    "matching": _matching,
}


# Writing.


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _text(tag: str, text: str, indent: str, text_format: str | None = None) -> list[str]:
    attribute = f" format={quoteattr(text_format)}" if text_format else ""
    return [
        f"{indent}<{tag}{attribute}>",
        f"{indent}  <text>{_cdata(text)}</text>",
        f"{indent}</{tag}>",
    ]


def _percent(fraction: float) -> str:
    return f"{round(fraction * 100, 5):.5f}".rstrip("0").rstrip(".")


def _answer(text: str, fraction: float, feedback: str, fmt: str, extra=()) -> list[str]:
    lines = [f"    <answer fraction={quoteattr(_percent(fraction))} format={quoteattr(fmt)}>"]
    lines.append(f"      <text>{_cdata(text)}</text>")
    lines.extend(extra)
    lines.extend(_text("feedback", feedback, "      ", fmt))
    lines.append("    </answer>")
    return lines


def _question_lines(question: Question) -> list[str]:
    fmt = _FORMAT_NAMES[question.text_format]
    kind = question.kind
    moodle_type = {
        Kind.SINGLE: "multichoice",
        Kind.MULTIPLE: "multichoice",
        Kind.TRUE_FALSE: "truefalse",
        Kind.SHORT_ANSWER: "shortanswer",
        Kind.NUMERICAL: "numerical",
        Kind.MATCHING: "matching",
    }[kind]
    lines = [f"  <question type={quoteattr(moodle_type)}>"]
    lines.extend(_text("name", question.title, "    "))
    lines.extend(_text("questiontext", question.text, "    ", fmt))
    lines.extend(_text("generalfeedback", question.feedback, "    ", fmt))
    lines.extend(["    <defaultgrade>1.0000000</defaultgrade>", "    <hidden>0</hidden>"])
    if kind in (Kind.SINGLE, Kind.MULTIPLE):
        single = "true" if kind == Kind.SINGLE else "false"
        lines.extend(
            [
                f"    <single>{single}</single>",
                "    <shuffleanswers>true</shuffleanswers>",
                "    <answernumbering>abc</answernumbering>",
            ]
        )
    if kind == Kind.SHORT_ANSWER:
        lines.append("    <usecase>0</usecase>")
    if kind == Kind.MATCHING:
        lines.append("    <shuffleanswers>true</shuffleanswers>")
        for pair in question.pairs:
            lines.append(f"    <subquestion format={quoteattr(fmt)}>")
            lines.append(f"      <text>{_cdata(pair.prompt)}</text>")
            lines.append(
                f"      <answer>\n        <text>{_cdata(pair.answer)}</text>\n      </answer>"
            )
            lines.append("    </subquestion>")
    for choice in question.choices:
        lines.extend(_answer(choice.text, choice.fraction, choice.feedback, fmt))
    for numeric in question.numerics:
        tolerance = [f"      <tolerance>{numeric.tolerance!r}</tolerance>"]
        lines.extend(
            _answer(repr(numeric.value), numeric.fraction, numeric.feedback, fmt, tolerance)
        )
    lines.append("  </question>")
    return lines


def dump(questions: Iterable[Question]) -> bytes:
    """A UTF-8 Moodle XML file of the questions, a category question where it changes."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    category = ""
    for question in questions:
        if question.category != category:
            category = question.category
            lines.append('  <question type="category">')
            lines.extend(_text("category", category, "    "))
            lines.append("  </question>")
        lines.extend(_question_lines(question))
    lines.append("</quiz>")
    return ("\n".join(lines) + "\n").encode("utf-8")
