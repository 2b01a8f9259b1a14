import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache, caches
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.fields import StreamField
from wagtail.models import Locale, Page

from directory.models import (
    Department,
    GuidePage,
    GuideTheme,
    MaisonPage,
    Partner,
    PartnerIndexPage,
)
from directory.names import Name, names_by_slug
from portal.content_version import content_version
from portal.models.pages import any_view_restriction

from .analysis import terms, words
from .backends import fallback_answers
from .coverage import VARIANT_WEIGHT, Coverage, coverages, with_index_text
from .query import ANY_WORD_FROM, analyse
from .snippets import excerpt

GUIDES, MAISONS, PARTNERS, PAGES = "demarches", "france-services", "organismes", "pages"
KIND_LABELS = {
    GUIDES: _("Procedure guides"),
    MAISONS: _("France Services"),
    PARTNERS: _("Partners"),
    PAGES: _("Other pages"),
}
# Partners the query does not name come after this many pages (those a synonym names,
# after the first).
PARTNERS_AFTER = 4
# Guides whose themes are counted, best first: enough for any real query.
THEME_FACET_GUIDES = 500
POPULAR_GUIDES = 6
POPULAR_SINCE_DAYS = 90
POPULAR_CACHE_SECONDS = 60 * 60


@dataclass(frozen=True)
class SearchFilters:
    kind: str = ""
    theme: str = ""  # a guide theme's slug: guides only
    department: str = ""  # a department's code: maisons only

    @property
    def narrowed_kind(self) -> str:
        if self.theme:
            return GUIDES
        if self.department:
            return MAISONS
        return self.kind


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


class Segments:
    """One ranked sequence of lists and windows of lazy backend results, sliced by a
    paginator without evaluating more of the results than the page shows."""

    def __init__(self, *parts):
        self.parts = [part for part in parts if part[2] is None or part[2] > part[1]]
        self._count = None

    def count(self) -> int:
        if self._count is None:
            self._count = sum(self._size(part) for part in self.parts)
        return self._count

    def __len__(self) -> int:
        return self.count()

    @staticmethod
    def _size(part) -> int:
        items, start, stop = part
        total = len(items) if isinstance(items, list) else items.count()
        return max(0, min(total, stop if stop is not None else total) - start)

    def __getitem__(self, key: slice) -> list:
        wanted_start, wanted_stop = key.start or 0, key.stop
        windows, offset = [], 0  # (items, first, last) of each part shown
        for part in self.parts:
            size = self._size(part)
            low = max(0, wanted_start - offset)
            high = size if wanted_stop is None else min(size, wanted_stop - offset)
            if high > low:
                items, start, _stop = part
                windows.append((items, start + low, start + high))
            offset += size
        # One fetch per source, however many of its windows the page shows.
        spans = {}
        for items, first, last in windows:
            known = spans.get(id(items), (items, first, last))
            spans[id(items)] = (items, min(first, known[1]), max(last, known[2]))
        fetched = {
            key: (first, list(items[first:last])) for key, (items, first, last) in spans.items()
        }
        found = []
        for items, first, last in windows:
            origin, rows = fetched[id(items)]
            found.extend(rows[first - origin : last - origin])
        return found


class TitleRanked:
    """The backend's results with the first ``WINDOW`` reordered: when results may hold
    only part of the query, those covering more of it first (``search.coverage``); then
    titles holding the words searched, then those holding a synonym, each in the
    backend's order. Wagtail's database backends rank on the whole query, ignoring
    boosts, so a page citing many synonyms would otherwise outrank the one named after
    the search."""

    WINDOW = 30

    def __init__(
        self, results, *, searched: tuple[str, ...], variants, count=None, window=None, cover=None
    ):
        self.results = results
        self._count = count  # when known already
        self.searched = set(searched)
        self.variants = [set(variant) for variant in variants]
        self._window = window  # ranked already
        self.cover = cover  # pages -> their ``Coverage``, when ranked by it
        self.coverages: list[Coverage] = []  # of the window, once ranked by coverage

    def count(self) -> int:
        if self._count is None:
            self._count = self.results.count()
        return self._count

    def _score(self, title: str) -> float:
        title_terms = set(terms(title))
        score = len(self.searched & title_terms) / len(self.searched)
        for variant in self.variants:
            score = max(score, VARIANT_WEIGHT * len(variant & title_terms) / len(variant))
        return score

    def _ranked_window(self) -> list:
        if self._window is None:
            window = list(self.results[: self.WINDOW])
            scores = [self._score(page.title) for page in window]
            covered = self.cover(window) if self.cover and window else []
            order = sorted(
                range(len(window)),
                key=lambda index: (
                    *(tuple(-value for value in covered[index].rank) if covered else ()),
                    -scores[index],
                    index,
                ),
            )
            self._window = [window[index] for index in order]
            self.coverages = [covered[index] for index in order] if covered else []
        return self._window

    def __getitem__(self, key: slice) -> list:
        start, stop = key.start or 0, key.stop
        if stop is not None and stop <= self.WINDOW:
            return self._ranked_window()[start:stop]
        if start >= self.WINDOW:
            return list(self.results[start:stop])
        return self._ranked_window()[start:] + list(self.results[self.WINDOW : stop])


@dataclass
class SiteSearch:
    results: object  # ``Segments``: partners and pages, best first
    # The query with its misspelt words corrected ("did you mean").
    suggestion: str = ""
    stems: frozenset[str] = frozenset()
    kinds: list[FacetOption] = field(default_factory=list)
    themes: list[FacetOption] = field(default_factory=list)
    departments: list[FacetOption] = field(default_factory=list)
    # The words of the query the first result holds, when it lacks some (as shown).
    partial: tuple[str, ...] = ()
    # The words each result of the first ones lacks, by page id, when it lacks any.
    missing: dict[int, tuple[str, ...]] = field(default_factory=dict)


def _content_types() -> dict[str, ContentType]:
    return {
        GUIDES: ContentType.objects.get_for_model(GuidePage),
        MAISONS: ContentType.objects.get_for_model(MaisonPage),
    }


def _kind_of(content_type_id: int, types: dict[str, ContentType]) -> str:
    return next((kind for kind, ct in types.items() if ct.pk == content_type_id), PAGES)


@dataclass
class _Scope:
    """Live public pages of a language; what is private is read once per search."""

    locale: Locale
    private: Q = field(
        default_factory=lambda: Page.objects.private_q() if any_view_restriction() else Q()
    )

    def pages(self, model=Page):
        return model.objects.live().filter(locale=self.locale).exclude(self.private)


def _pages(scope: _Scope, filters: SearchFilters, types: dict[str, ContentType]):
    locale = scope.locale
    # What ranks a result (its title) and finds its specific page: the rest is read for
    # the results shown only (``result_hits``).
    pages = scope.pages().only(*_WINDOW_FIELDS)
    kind = filters.narrowed_kind
    if kind in types:
        pages = pages.filter(content_type=types[kind])
    elif kind == PAGES:
        pages = pages.exclude(content_type__in=list(types.values()))
    if filters.theme:
        guides = GuidePage.objects.filter(locale=locale, themes__slug=filters.theme)
        pages = pages.filter(id__in=list(guides.values_list("id", flat=True)))
    if filters.department:
        maisons = MaisonPage.objects.filter(locale=locale, department__code=filters.department)
        pages = pages.filter(id__in=list(maisons.values_list("id", flat=True)))
    return pages


def _partners(scope: _Scope, filters: SearchFilters, analysed) -> tuple[list, list, list]:
    """The partners whose name or short name holds the words searched, or one of their
    other phrasings (synonyms, as typed; any word of a sentence): (those named by the
    words searched, those named by a synonym, others). A partner is named when the
    words cover its name ("caf", "assurance maladie"); "retraite" alone does not name
    "Assurance retraite". Matched here rather than by the backend: they are few and
    only their names are searched."""
    if filters.narrowed_kind not in ("", PARTNERS):
        return [], [], []
    searched = set(analysed.searched)
    phrasings = [searched, *(set(variant) for variant in analysed.variants)]
    if len(searched) >= ANY_WORD_FROM:
        phrasings += [{term} for term in searched]
    named, named_otherwise, others = [], [], []
    for partner, names in _partner_names(scope.locale):
        words = set().union(*names)
        if not any(phrasing <= words for phrasing in phrasings):
            continue
        if any(name <= searched for name in names):
            named.append(partner)
        elif any(name <= phrasing for name in names for phrasing in phrasings[1:]):
            named_otherwise.append(partner)
        else:
            others.append(partner)
    return named, named_otherwise, others


def _partner_names(locale: Locale) -> list[tuple[Partner, list[set[str]]]]:
    """Each partner of ``locale`` with the stems of its name and of its short name."""
    key = f"search:partners:{content_version()}:{locale.pk}"
    partners = cache.get(key)
    if partners is None:
        partners = [
            (partner, [set(terms(text)) for text in (partner.name, partner.short_name) if text])
            for partner in Partner.objects.filter(locale=locale).order_by("name")
        ]
        cache.set(key, partners, POPULAR_CACHE_SECONDS)
    return partners


# What the results read of a page before the page shown is loaded (``result_hits``), in
# the model's order (``Model.from_db``).
_WINDOW_FIELDS = [
    field.attname
    for field in Page._meta.concrete_fields
    if field.attname in ("id", "title", "content_type_id")
]


# Part of the answers' cache key: a release that changes ``_Answer`` changes it.
ANSWER_FORMAT = 2


@dataclass(frozen=True)
class _Answer:
    """What a search found, for the results cache: counts and facets, the partners (by
    id, in each group) and the first ``TitleRanked.WINDOW`` pages (``_WINDOW_FIELDS``)."""

    counts: dict[str, int]
    themes: list[FacetOption]
    departments: list[FacetOption]
    partner_ids: tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]
    page_count: int
    window: tuple[tuple, ...]
    # The words each page of the window lacks (as shown), when ranked by coverage.
    missing: tuple[tuple[str, ...], ...] = ()


def search_site(*, query: str, locale: Locale, filters: SearchFilters = SearchFilters()):
    """Live public pages and partners of ``locale`` matching ``query``, tolerant of word
    forms, typos and synonyms (``search.query``), best first, with facet counts: the
    partners the query names first, other partners after the first few pages.

    What the first pages of results show is cached until the content changes (or for
    ``SEARCH_RESULTS_CACHE_SECONDS``): a search asked again reads no index. An answer the
    fallback backend gave while Elasticsearch failed is not kept."""
    analysed = analyse(query, language=locale.language_code)
    if analysed.backend_query is None:
        return SiteSearch(Segments())
    types = _content_types()
    scope = _Scope(locale)
    key = _answer_key(query, locale, filters)
    answers = caches["search"]
    answer = answers.get(key) if key else None
    if answer is None:
        stand_ins = fallback_answers()
        answer = _answer(scope, filters, analysed, types)
        if key and fallback_answers() == stand_ins:  # never keep the fallback's answer
            answers.set(key, answer, settings.SEARCH_RESULTS_CACHE_SECONDS)
    kind = filters.narrowed_kind
    pages = []
    if kind != PARTNERS:
        pages = _ranked_pages(
            scope,
            filters,
            types,
            analysed,
            count=answer.page_count,
            window=[Page.from_db(None, _WINDOW_FIELDS, row) for row in answer.window],
        )
    partners = {}
    if any(answer.partner_ids):
        partners = {partner.pk: partner for partner, _names in _partner_names(locale)}
    named, named_otherwise, others = (
        [partners[pk] for pk in group if pk in partners] for group in answer.partner_ids
    )
    results = Segments(
        (named, 0, None),
        (pages, 0, 1),
        (named_otherwise, 0, None),
        (pages, 1, PARTNERS_AFTER),
        (others, 0, None),
        (pages, PARTNERS_AFTER, None),
    )
    counts = answer.counts
    return SiteSearch(
        results,
        analysed.suggestion,
        analysed.stems,
        kinds=[
            FacetOption(value, str(label), counts[value], value == kind)
            for value, label in KIND_LABELS.items()
            if counts[value] or value == kind
        ],
        themes=answer.themes,
        departments=answer.departments,
        partial=_partial(analysed, answer),
        missing={
            row[_WINDOW_FIELDS.index("id")]: lacking
            for row, lacking in zip(answer.window, answer.missing, strict=False)
            if lacking
        },
    )


def _partial(analysed, answer: _Answer) -> tuple[str, ...]:
    """The words of the query the first page holds, when it lacks some of them: every
    result holds part of the query only (the first covers the most)."""
    if not answer.missing or not answer.missing[0]:
        return ()
    lacking = set(answer.missing[0])
    return tuple(shown for _term, shown in analysed.words if shown not in lacking)


def _answer_key(query: str, locale: Locale, filters: SearchFilters) -> str:
    """The cache key of a search: the words the analysis reads, the language, the
    filters and the backend, under the content version. Empty when the cache is off."""
    if not settings.SEARCH_RESULTS_CACHE_SECONDS:
        return ""
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    asked = json.dumps([words(query), filters.kind, filters.theme, filters.department, backend])
    digest = hashlib.sha256(asked.encode()).hexdigest()
    return f"search:answer:{ANSWER_FORMAT}:{content_version()}:{locale.pk}:{digest}"


def _ranked_pages(scope: _Scope, filters: SearchFilters, types, analysed, **known) -> TitleRanked:
    """The pages matching the search, best first; ``known``: their count, their window.
    Ranked by how much of the query they cover when they may hold part of it, read with
    the pages (``with_index_text``): no query more."""
    pages = _pages(scope, filters, types)
    cover = None
    if analysed.ranks_coverage and known.get("window") is None:  # a window to rank
        pages = with_index_text(pages)
        cover = partial(coverages, analysed=analysed)
    return TitleRanked(
        pages.search(analysed.backend_query),
        searched=analysed.searched,
        variants=analysed.variants,
        cover=cover,
        **known,
    )


def _answer(scope: _Scope, filters: SearchFilters, analysed, types) -> _Answer:
    backend_query = analysed.backend_query
    partners = _partners(scope, filters, analysed)
    counts = _kind_counts(scope, backend_query, types)
    counts[PARTNERS] = sum(len(group) for group in partners)
    kind = filters.narrowed_kind
    page_count, window, missing = 0, [], ()
    if kind != PARTNERS:
        known = None
        if not (filters.theme or filters.department):  # counted by the facet already
            known = counts[kind] if kind else sum(counts.values()) - counts[PARTNERS]
        pages = _ranked_pages(scope, filters, types, analysed, count=known)
        page_count = pages.count()
        window = pages[: TitleRanked.WINDOW] if page_count else []
        missing = tuple(coverage.missing for coverage in pages.coverages)
    return _Answer(
        counts,
        themes=_theme_facet(scope, backend_query, types, filters),
        departments=_department_facet(scope, backend_query, filters),
        partner_ids=tuple(tuple(partner.pk for partner in group) for group in partners),
        page_count=page_count,
        window=tuple(tuple(getattr(page, name) for name in _WINDOW_FIELDS) for page in window),
        missing=missing,
    )


def _kind_counts(scope, backend_query, types) -> dict[str, int]:
    """How many pages of each kind match, whatever the filters (one backend query)."""
    everything = scope.pages().search(backend_query, order_by_relevance=False)
    counts = dict.fromkeys(KIND_LABELS, 0)
    for content_type_id, count in everything.facet("content_type_id").items():
        counts[_kind_of(content_type_id, types)] += count
    return counts


def _theme_facet(scope, backend_query, types, filters) -> list[FacetOption]:
    if filters.narrowed_kind != GUIDES:
        return []
    guides = scope.pages().filter(content_type=types[GUIDES])
    found = [page.pk for page in guides.only("id").search(backend_query)[:THEME_FACET_GUIDES]]
    counts = (
        GuideTheme.objects.filter(guidepage__in=found)
        .values_list("slug")
        .annotate(guides=Count("guidepage", distinct=True))
    )
    names = names_by_slug(GuideTheme, scope.locale.language_code)
    options = [
        FacetOption(slug, names.get(slug, Name(slug)).text, count, slug == filters.theme)
        for slug, count in counts
    ]
    return sorted(options, key=lambda option: (-option.count, option.label))


def _department_facet(scope, backend_query, filters) -> list[FacetOption]:
    if filters.narrowed_kind != MAISONS:
        return []
    maisons = scope.pages(MaisonPage).search(backend_query)
    counts = maisons.facet("department_id")
    departments = Department.objects.filter(pk__in=[pk for pk in counts if pk])
    return [
        FacetOption(
            department.code,
            f"{department.code} – {department.name}",
            counts[department.pk],
            department.code == filters.department,
        )
        for department in departments.order_by("code")
    ]


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    kind: str
    excerpt: SafeString
    detail: str = ""
    missing: tuple[str, ...] = ()  # the words of the query the page lacks


def result_hits(results, *, stems: frozenset[str], request, missing=None) -> list[Hit]:
    """What the results page shows of each result: title, address, kind, excerpt, and
    the words of the query it lacks (``missing``, by page id)."""
    missing = missing or {}
    pages = _specific_pages([result for result in results if isinstance(result, Page)])
    partners_shown = len(pages) < len(results)
    partner_base = PartnerIndexPage.url_in(get_language(), request) if partners_shown else ""
    hits = []
    for result in results:
        if isinstance(result, Partner):
            hits.append(
                Hit(
                    result.display_name,
                    f"{partner_base}{result.slug}/",
                    str(KIND_LABELS[PARTNERS]),
                    excerpt(result.description, stems),
                )
            )
        elif result.pk in pages:
            hit = _page_hit(pages[result.pk], stems=stems, request=request)
            hits.append(replace(hit, missing=missing.get(result.pk, ())))
    return hits


def _specific_pages(pages: list[Page]) -> dict[int, Page]:
    """The specific page of each of ``pages``, by id: one query per page type."""
    ids_by_model = defaultdict(list)
    for page in pages:
        # A page type no longer installed: the generic page.
        ids_by_model[page.specific_class or Page].append(page.pk)
    return {
        page.pk: page
        for model, ids in ids_by_model.items()
        # Live: the ids may come from the results cache (kept no longer than the content
        # version, which an unpublish moves).
        for page in model.objects.live().filter(pk__in=ids).defer(*_stream_fields(model))
    }


def _stream_fields(model) -> list[str]:
    """A page's bodies, which a result never shows: the longest values to read."""
    return [field.name for field in model._meta.concrete_fields if isinstance(field, StreamField)]


def _page_hit(page, *, stems, request) -> Hit:
    if isinstance(page, GuidePage):
        kind, text, detail = GUIDES, page.summary, ""
    elif isinstance(page, MaisonPage):
        address = f"{page.address}, {page.postcode} {page.commune_name}".strip(" ,")
        kind, text, detail = MAISONS, page.intro, address
    else:
        kind, text, detail = PAGES, page.search_description or page.intro, ""
    return Hit(
        page.title, page.get_url(request), str(KIND_LABELS[kind]), excerpt(text, stems), detail
    )


def popular_guides(locale: Locale) -> list[tuple[str, str]]:
    """(title, address) of the guides of ``locale`` most answered "was this useful?"
    lately (the visits' best proxy the site keeps), then the latest published."""
    key = f"search:popular:{content_version()}:{locale.language_code}"
    popular = cache.get(key)
    if popular is None:
        since = timezone.now() - timedelta(days=POPULAR_SINCE_DAYS)
        guides = (
            GuidePage.objects.live()
            .public()
            .filter(locale=locale)
            .annotate(answers=Count("feedback", filter=Q(feedback__created_at__gte=since)))
            .order_by("-answers", "-last_published_at")
            .only("pk", "title", "url_path")
        )
        popular = [(guide.title, guide.get_url()) for guide in guides[:POPULAR_GUIDES]]
        cache.set(key, popular, POPULAR_CACHE_SECONDS)
    return popular


def promoted_results(query_string: str) -> list:
    """The editors' promoted results for ``query_string`` as ``record_search`` keeps it
    (Wagtail search promotions): live pages and external links, in the editors' order."""
    promotions = (
        SearchPromotion.objects.filter(query__query_string=query_string)
        .select_related("page")
        .order_by("sort_order")
    )
    return [
        promotion
        for promotion in promotions
        if promotion.external_link_url or (promotion.page and promotion.page.live)
    ]
