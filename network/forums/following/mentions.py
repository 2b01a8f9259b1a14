"""Mentions ``@Prénom Nom`` in posts: the full names of active members, whatever the case
and the accents, the longest name first (``@Marie Martineau`` is not ``@Marie Martin``).
A name in a quote (a line starting with ``>``, as ``> @Name wrote:``) quotes that member;
a name in a fenced code block mentions nobody."""

import html
import re
import unicodedata
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.html import escape

# An "@" at the start of a word (not in an e-mail address), before a letter.
_CANDIDATE = re.compile(r"(?<![\w.@])@\w")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
# Letters a name goes on with: "@Marie Martin-Dupont" is not "@Marie Martin".
_NAME_GOES_ON = re.compile(r"[\w\-]")
_FENCE = re.compile(r"^\s*(```|~~~)")
# HTML the mentions are not looked for in: links, code.
_SKIPPED_TAGS = {"a", "code", "pre"}
_TAG = re.compile(r"(<[^>]*>)")
_ACCENTED = {
    "a": "aàâäáãå",
    "c": "cç",
    "e": "eéèêë",
    "i": "iîïíì",
    "n": "nñ",
    "o": "oôöóòõ",
    "u": "uùûüú",
    "y": "yÿý",
}


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` in lower case without accents, and for each of its characters the index of
    the character of ``text`` it comes from."""
    folded, origins = [], []
    for index, character in enumerate(text):
        decomposed = unicodedata.normalize("NFKD", character.casefold().translate(_LIGATURES))
        for part in decomposed:
            if not unicodedata.combining(part):
                folded.append(part)
                origins.append(index)
    return "".join(folded), origins


@dataclass(frozen=True)
class Found:
    """A mention in a text: where (``start``, ``end`` in the text) and whom (the ids of the
    members of that name: homonyms are all mentioned)."""

    start: int
    end: int
    user_ids: tuple[int, ...]


class Names:
    """Folded full names of members, each with the ids of the members who bear it."""

    def __init__(self, rows):
        by_name: dict[str, list[int]] = {}
        for pk, first_name, last_name in rows:
            name = " ".join(f"{first_name} {last_name}".split())
            if name:
                by_name.setdefault(fold(name)[0], []).append(pk)
        self.by_name = {name: tuple(ids) for name, ids in by_name.items()}
        self.longest_first = sorted(self.by_name, key=len, reverse=True)

    @classmethod
    def for_text(cls, text: str) -> "Names | None":
        """The active members' names if ``text`` may mention someone, else None (no query)."""
        if not _CANDIDATE.search(text):
            return None
        members = get_user_model().objects.filter(is_active=True, profile__isnull=False)
        return cls(members.values_list("pk", "first_name", "last_name"))

    def find(self, text: str) -> list[Found]:
        folded, origins = fold(text)
        found = []
        for candidate in _CANDIDATE.finditer(text):
            at = origins.index(candidate.start())
            for name in self.longest_first:
                end = at + 1 + len(name)
                if folded.startswith(name, at + 1) and not _NAME_GOES_ON.match(folded, end):
                    stop = origins[end] if end < len(origins) else len(text)
                    found.append(Found(candidate.start(), stop, self.by_name[name]))
                    break
        return found


def mentioned(body: str, names: Names | None) -> tuple[set[int], set[int]]:
    """The ids of the members ``body`` mentions, and of those it quotes (in a quote)."""
    mentions, quotes = set(), set()
    if names is None:
        return mentions, quotes
    in_code = False
    for line in body.splitlines():
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        into = quotes if line.lstrip().startswith(">") else mentions
        for found in names.find(line):
            into.update(found.user_ids)
    return mentions, quotes


def with_mentions(body_html: str, names: Names | None) -> str:
    """The (sanitised) HTML of a post with each mention in bold, outside links and code."""
    if names is None:
        return body_html
    pieces, skipped = _TAG.split(body_html), 0
    for index, piece in enumerate(pieces):
        if piece.startswith("<"):
            tag = piece.strip("</>").split(maxsplit=1)[0].lower() if piece.strip("</>") else ""
            if tag in _SKIPPED_TAGS:
                skipped += -1 if piece.startswith("</") else 1
            continue
        if skipped or "@" not in piece:
            continue
        text = html.unescape(piece)
        found = names.find(text)
        if not found:
            continue
        parts, last = [], 0
        for mention in found:
            parts.append(escape(text[last : mention.start]))
            parts.append(
                f'<strong class="portal-mention">{escape(text[mention.start : mention.end])}'
                "</strong>"
            )
            last = mention.end
        parts.append(escape(text[last:]))
        pieces[index] = "".join(parts)
    return "".join(pieces)


def prefix_pattern(word: str) -> str:
    """A regular expression (for ``__iregex``) matching a name with a word starting with
    ``word``, whatever its accents."""
    folded = fold(word)[0]
    letters = "".join(
        f"[{_ACCENTED[letter]}]" if letter in _ACCENTED else re.escape(letter) for letter in folded
    )
    return rf"(^|[ '’-]){letters}"
