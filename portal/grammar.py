"""French prepositions before a place name: "près d’Ajaccio", "du Havre", "au Mans",
"aux Abymes". Other languages leave the name as it is."""

from django.utils.translation import get_language

VOWELS = frozenset("AEIOUHÂÀÉÈÊËÎÏÔÛÙÜŒ")
# A name's leading article merges with "de" or "à"; "La" and "L’" never do.
CONTRACTIONS = {
    "de": {"Le ": "du ", "Les ": "des "},
    "à": {"Le ": "au ", "Les ": "aux "},
}


def with_preposition(name: str, preposition: str) -> str:
    """``name`` after the French ``preposition`` ("de" or "à"), elided or contracted."""
    for article, contracted in CONTRACTIONS[preposition].items():
        if name.startswith(article):
            return contracted + name[len(article) :]
    if preposition == "de" and name[:1].upper() in VOWELS:
        return f"d’{name}"
    return f"{preposition} {name}"


def place_after(name: str, preposition: str) -> str:
    """In French, ``name`` with its preposition; in another language, ``name`` alone (its
    message holds the preposition)."""
    if (get_language() or "").split("-")[0] != "fr":
        return name
    return with_preposition(name, preposition)
