"""Suggestions while a visitor types a search: titles of the live public pages of the
current language and partner names, found by the start of any of their words, case and
accents aside (``suggestions``), and the JSON endpoint the search fields call
(``autocomplete_view``).

Wagtail's ``.autocomplete()`` does not fit: the PostgreSQL database backend keeps accents
("simple" configuration), the database backends take only the last word as a prefix, and
the order wanted is not relevance. The titles (a few thousand) are kept in memory instead,
per process, language and site, and built again from a few queries after any change of
content (``portal.content_version``), as ``search.query.site_words`` is.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from enum import IntEnum

from django.contrib.contenttypes.models import ContentType
from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page, Site

from directory.models import GuidePage, MaisonPage, Partner, PartnerIndexPage
from portal.content_version import content_version
from portal.locales import active_locale, default_language
from portal.search_terms import MAX_QUERY_LENGTH

from .analysis import STOP_WORDS, fold, words

LIMIT = 8
MIN_CHARACTERS = 2
CACHE_SECONDS = 60
_NOT_A_WORD = re.compile(r"\W+")


class Kind(IntEnum):
    """What a suggestion leads to, in the order kinds come when all else is equal."""

    PARTNER = 0  # who is named ("CAF") before the guides that name it
    GUIDE = 1
    PAGE = 2
    MAISON = 3


TYPE_LABELS = {
    Kind.PARTNER: _("Organisation"),
    Kind.GUIDE: _("Procedure guide"),
    Kind.PAGE: _("Page"),
    Kind.MAISON: _("France Services"),
}


@dataclass(frozen=True)
class Suggestion:
    label: str
    url: str
    type: str
    lang: str  # the language of ``label``: a partner's name may not be translated yet


@dataclass(frozen=True)
class _Entry:
    label: str
    url: str
    kind: Kind
    lang: str
    text: str  # the label's folded words, for "starts with"

    @classmethod
    def of(cls, label: str, url: str, kind: Kind, lang: str) -> _Entry:
        return cls(label, url, kind, lang, " ".join(words(label)))


class _Catalogue:
    """Entries and, for each word of their labels in sorted order, the entries using it:
    the words starting with a prefix are next to each other."""

    def __init__(self, entries: list[_Entry]):
        self.entries = entries
        holders: dict[str, set[int]] = defaultdict(set)
        for number, entry in enumerate(entries):
            # "d'identité" is found by "identite" and, while it is being typed, by "d".
            for word in {*entry.text.split(), *_NOT_A_WORD.split(fold(entry.label))}:
                if word:
                    holders[word].add(number)
        self.words = sorted(holders)
        self.holders = [holders[word] for word in self.words]

    def having(self, prefix: str) -> set[int]:
        """The entries with a word starting with ``prefix``."""
        found: set[int] = set()
        position = bisect_left(self.words, prefix)
        while position < len(self.words) and self.words[position].startswith(prefix):
            found |= self.holders[position]
            position += 1
        return found


def _entries(locale: Locale, request) -> list[_Entry]:
    types = ContentType.objects.get_for_models(GuidePage, MaisonPage, PartnerIndexPage)
    kinds = {types[GuidePage].pk: Kind.GUIDE, types[MaisonPage].pk: Kind.MAISON}
    pages = (
        Page.objects.live()
        .public()
        .filter(locale=locale, depth__gt=1)
        .only("title", "url_path", "content_type")
        .order_by("path")
    )
    entries, partners_url = [], None
    for page in pages:
        url = page.get_url(request)
        if not url:
            continue
        if partners_url is None and page.content_type_id == types[PartnerIndexPage].pk:
            partners_url = url
        kind = kinds.get(page.content_type_id, Kind.PAGE)
        entries.append(_Entry.of(page.title, url, kind, locale.language_code))
    if partners_url:
        entries += _partner_entries(locale, partners_url)
    return entries


def _partner_entries(locale: Locale, partners_url: str) -> Iterator[_Entry]:
    """Partners at their page under ``locale``'s partner index, named in its language when
    translated, else in the default language (as the partner page shows them)."""
    languages = {locale.language_code, default_language()}
    chosen: dict[str, Partner] = {}
    partners = (
        Partner.objects.filter(locale__language_code__in=languages)
        .select_related("locale")
        .only("slug", "name", "short_name", "locale__language_code")
    )
    for partner in partners:
        if partner.slug not in chosen or partner.locale_id == locale.pk:
            chosen[partner.slug] = partner
    for slug, partner in chosen.items():
        yield _Entry.of(
            partner.display_name,
            f"{partners_url}{slug}/",
            Kind.PARTNER,
            partner.locale.language_code,
        )


# Per process, by (language, site): (content version, catalogue). Rebuilt after any change.
_catalogues: dict[tuple[str, int | None], tuple[str, _Catalogue]] = {}


def _catalogue(locale: Locale, request) -> _Catalogue:
    # Addresses are relative to the request's site (absolute for pages of another site).
    site = Site.find_for_request(request) if request is not None else None
    key = (locale.language_code, site.pk if site else None)
    version = content_version()
    memo = _catalogues.get(key)
    if memo is not None and memo[0] == version:
        return memo[1]
    catalogue = _Catalogue(_entries(locale, request))
    _catalogues[key] = (version, catalogue)
    return catalogue


def suggestions(
    query: str, *, locale: Locale, limit: int = LIMIT, request=None
) -> list[Suggestion]:
    """What the visitor is probably typing: the pages of ``locale`` and the partners with,
    for each word of ``query``, a word starting with it ("carte g" → "Faire sa carte
    grise…"). Best first: labels starting with the query, then partners, guides, other
    pages and maisons, then the shorter."""
    typed = words(query)
    if sum(map(len, typed)) < MIN_CHARACTERS or limit < 1:
        return []
    # Whole words that say nothing ("de", "la") are left out; the last may be unfinished.
    prefixes = {word for word in typed[:-1] if word not in STOP_WORDS} | {typed[-1]}
    catalogue = _catalogue(locale, request)
    matching: set[int] | None = None
    for prefix in sorted(prefixes, key=len, reverse=True):  # the most selective first
        found = catalogue.having(prefix)
        matching = found if matching is None else matching & found
        if not matching:
            return []
    text = " ".join(typed)
    best = heapq.nsmallest(
        limit,
        (catalogue.entries[number] for number in matching),
        key=lambda entry: (
            not entry.text.startswith(text),
            entry.kind,
            len(entry.label),
            entry.text,
        ),
    )
    return [
        Suggestion(entry.label, entry.url, str(TYPE_LABELS[entry.kind]), entry.lang)
        for entry in best
    ]


@require_GET
def autocomplete_view(request):
    """``/recherche/suggestions/?q=…``: ``{"query": …, "suggestions": [{"label", "url",
    "type", "lang"}]}`` in the language of the address; 400 for an over-long query."""
    query = request.GET.get("q", "")
    if len(query) > MAX_QUERY_LENGTH:
        message = gettext("The search text is too long: %(max)d characters at most.")
        return JsonResponse({"error": message % {"max": MAX_QUERY_LENGTH}}, status=400)
    query = " ".join(query.split())
    found = suggestions(query, locale=active_locale(request), request=request)
    response = JsonResponse({"query": query, "suggestions": [asdict(item) for item in found]})
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response
