"""What a visitor typed, as words any search backend takes."""

import re

# The longest query kept: longer ones are cut (forms) or refused (API, autocomplete).
MAX_QUERY_LENGTH = 200
# Quotes, brackets, colons and other operators are syntax to the search backends
# (SQLite FTS, PostgreSQL tsquery, Lucene): a user's words are searched as plain terms.
_NOT_A_WORD = re.compile(r"[^\w]+")


def plain_terms(query: str) -> str:
    return " ".join(_NOT_A_WORD.sub(" ", query).split())
