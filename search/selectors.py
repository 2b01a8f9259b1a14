import re

from wagtail.models import Locale, Page

# Quotes, brackets, colons and other operators are syntax to the search backends
# (SQLite FTS, PostgreSQL tsquery, Lucene): a user's words are searched as plain terms.
_NOT_A_WORD = re.compile(r"[^\w]+")


def plain_terms(query: str) -> str:
    return " ".join(_NOT_A_WORD.sub(" ", query).split())


def search_pages(*, query: str, locale: Locale):
    """Live public pages of ``locale`` matching ``query``, best first."""
    terms = plain_terms(query)
    if not terms:
        return Page.objects.none()
    return Page.objects.live().public().filter(locale=locale).search(terms)
