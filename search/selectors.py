import re
from dataclasses import dataclass

from wagtail.models import Locale, Page

from .query import analyse

# Quotes, brackets, colons and other operators are syntax to the search backends
# (SQLite FTS, PostgreSQL tsquery, Lucene): a user's words are searched as plain terms.
_NOT_A_WORD = re.compile(r"[^\w]+")


def plain_terms(query: str) -> str:
    return " ".join(_NOT_A_WORD.sub(" ", query).split())


@dataclass
class SiteSearch:
    results: object  # the backend's search results, best first
    # The query with its misspelt words corrected ("did you mean"), when any was.
    suggestion: str = ""


def search_pages(*, query: str, locale: Locale) -> SiteSearch:
    """Live public pages of ``locale`` matching ``query``, tolerant of word forms, typos
    and synonyms (``search.query``), best first."""
    analysed = analyse(query, language=locale.language_code)
    if analysed.backend_query is None:
        return SiteSearch(Page.objects.none())
    pages = Page.objects.live().public().filter(locale=locale)
    return SiteSearch(pages.search(analysed.backend_query), analysed.suggestion)


def promoted_results(query) -> list:
    """The editors' promoted results for ``query`` (Wagtail search promotions): live
    pages and external links, in the editors' order."""
    promotions = query.editors_picks.select_related("page").order_by("sort_order")
    return [
        promotion
        for promotion in promotions
        if promotion.external_link_url or (promotion.page and promotion.page.live)
    ]
