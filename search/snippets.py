"""A result's excerpt: the part of its text about the query, the words searched marked."""

from __future__ import annotations

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from .analysis import STOP_WORDS, stem, words

EXCERPT_LENGTH = 240
_TOKENS = re.compile(r"(\w+)")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def _searched(token: str, stems: frozenset[str]) -> bool:
    return any(word not in STOP_WORDS and stem(word) in stems for word in words(token))


def highlight(text: str, stems: frozenset[str]) -> SafeString:
    """``text`` escaped, with the words sharing a stem of ``stems`` in ``<mark>``."""
    parts = []
    for index, part in enumerate(_TOKENS.split(text)):
        # Odd parts are the words, even ones what lies between.
        if index % 2 and _searched(part, stems):
            parts.append(f"<mark>{escape(part)}</mark>")
        else:
            parts.append(escape(part))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


def excerpt(text: str, stems: frozenset[str], *, length: int = EXCERPT_LENGTH) -> SafeString:
    """From plain or HTML ``text``: its first sentence using a searched word (else its
    beginning) and what follows, cut at ``length`` characters on a word, highlighted."""
    plain = " ".join(strip_tags(text or "").split())
    sentences = _SENTENCE_END.split(plain)
    start = next(
        (
            index
            for index, sentence in enumerate(sentences)
            if any(_searched(token, stems) for token in _TOKENS.findall(sentence))
        ),
        0,
    )
    shown = " ".join(sentences[start:])
    prefix = "… " if start else ""
    return highlight(prefix + Truncator(shown).chars(length), stems)
