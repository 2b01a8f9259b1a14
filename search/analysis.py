"""French text analysis for the site search, the same whatever the backend: case and
accents folded, elisions and hyphens split, stop words dropped, light stemming."""

import re
import unicodedata

# Elided articles and pronouns before an apostrophe: "l'APL", "d’identité", "qu'est-ce".
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
_NOT_A_WORD = re.compile(r"[^\w]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "Œ": "oe", "Æ": "ae", "ß": "ss"})
_ACCENTS = re.compile("[\u0300-\u036f]")  # the combining marks of Latin letters

# Words that say nothing about what is searched ("comment refaire ma carte vitale",
# "quand dois-je faire ma demande").
STOP_WORDS = frozenset(
    [
        "a",
        "ai",
        "as",
        "au",
        "aux",
        "avec",
        "ca",
        "ce",
        "cela",
        "ces",
        "comment",
        "dans",
        "de",
        "des",
        "dois",
        "doit",
        "donc",
        "du",
        "elle",
        "en",
        "est",
        "et",
        "faire",
        "faut",
        "il",
        "je",
        "la",
        "le",
        "les",
        "leur",
        "ma",
        "mais",
        "mes",
        "mon",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "peux",
        "pour",
        "pourquoi",
        "puis",
        "qu",
        "quand",
        "que",
        "quel",
        "quelle",
        "quelles",
        "quels",
        "qui",
        "quoi",
        "sa",
        "se",
        "serai",
        "ses",
        "si",
        "son",
        "suis",
        "sur",
        "ta",
        "te",
        "tes",
        "ton",
        "un",
        "une",
        "veux",
        "vos",
        "votre",
        "voudrais",
        "vous",
        "y",
    ]
)


def fold(text: str) -> str:
    """Lower case, without accents or ligatures: "Sécurité" → "securite"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """The folded words of ``text``, elisions and hyphens split: "l'APL, carte-grise" →
    ["apl", "carte", "grise"]. Stop words are kept (see ``terms``)."""
    return [word for word in _NOT_A_WORD.split(fold(_ELISION.sub(" ", text))) if word]


def written_words(text: str) -> list[tuple[str, str]]:
    """(folded, as written in lower case) of each word of ``text``: a backend that keeps
    accents (PostgreSQL's "simple" configuration) indexes the latter."""
    written = _NOT_A_WORD.split(_ELISION.sub(" ", text.translate(_LIGATURES)).casefold())
    return [(fold(word), word) for word in written if word]


def stem(word: str) -> str:
    """A light French stem, enough to match singular and plural, masculine and feminine
    ("allocations" → "allocation", "familiales" and "familiaux" → "familial")."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("aux") and len(word) > 4:
        return word[:-3] + "al"
    if word[-1] in "sx":
        word = word[:-1]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def terms(text: str) -> list[str]:
    """The stems of the words of ``text`` that carry meaning, in order, without repeats."""
    return list(stemmed_words(text))


def stemmed_words(text: str) -> dict[str, str]:
    """{stem: the first word of ``text`` with it} of the words that carry meaning."""
    seen: dict[str, str] = {}
    for word in words(text):
        if word not in STOP_WORDS:
            seen.setdefault(stem(word), word)
    return seen


def term_set(text: str) -> set[str]:
    """The stems of ``text`` that carry meaning, as a set: ``terms`` for a whole page,
    faster (accents dropped by one regular expression, each word stemmed once)."""
    decomposed = unicodedata.normalize("NFKD", _ELISION.sub(" ", text).translate(_LIGATURES))
    folded = _ACCENTS.sub("", decomposed.casefold())
    return {stem(word) for word in set(_NOT_A_WORD.split(folded)) - STOP_WORDS if word}
