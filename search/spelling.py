"""Typo tolerance on every backend: words of the query that the site never uses are
replaced by the nearest words it uses ("retraitte" → "retraite", "pasport" →
"passeport"), found through an index of deletions (as SymSpell does) and checked with the
edit distance."""

from collections import defaultdict
from collections.abc import Iterable


def max_distance(word: str) -> int:
    """How many edits a word of this length may hold: none for short words (too many
    neighbours: "pole" is not a typo of "role"), one up to six letters, two beyond."""
    if len(word) < 5 or word.isdigit():
        return 0
    return 1 if len(word) <= 6 else 2


def _deletions(word: str, depth: int) -> set[str]:
    found, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {item[:i] + item[i + 1 :] for item in frontier for i in range(len(item))}
        found |= frontier
    return found


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and
    transpositions of two neighbours each count one."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]


class Vocabulary:
    """The words the site uses, with how often, and their deletion neighbourhoods."""

    def __init__(self, counts: dict[str, int]):
        self.counts = counts
        by_deletion: dict[str, set[str]] = defaultdict(set)
        for word in counts:
            for deleted in _deletions(word, max_distance(word)):
                by_deletion[deleted].add(word)
        # Tuples of strings, which the garbage collector stops tracking: tens of thousands
        # of sets would lengthen every full collection of the process.
        self._by_deletion = {deleted: tuple(words) for deleted, words in by_deletion.items()}

    @classmethod
    def from_texts(cls, texts: Iterable[list[str]]) -> "Vocabulary":
        counts: dict[str, int] = defaultdict(int)
        for text_words in texts:
            for word in text_words:
                counts[word] += 1
        return cls(dict(counts))

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def correct(self, word: str, *, typed: str = "") -> str | None:
        """The nearest known word (fewest edits, then most used), or None when ``word``
        is known or nothing is near enough. How far to look depends on the ``typed``
        word when ``word`` is its stem ("imots" is "imot": one edit from "impot")."""
        limit = max_distance(typed or word)
        if word in self.counts or not limit:
            return None
        candidates = set()
        for deleted in _deletions(word, limit):
            candidates.update(self._by_deletion.get(deleted, ()))
        scored = [
            (distance, -self.counts[candidate], candidate)
            for candidate in candidates
            if (distance := edit_distance(word, candidate)) <= min(limit, max_distance(candidate))
        ]
        return min(scored)[2] if scored else None
