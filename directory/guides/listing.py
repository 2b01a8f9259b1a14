"""Reads for the guide listings: which guides a language lists (its own, and the default
language's guides not translated yet), their addresses, filters and facet counts."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django_filters import CharFilter, ChoiceFilter, FilterSet
from wagtail.models import Locale

from directory.guides.models import (
    GuideAudience,
    GuideIndexPage,
    GuidePage,
    GuideTheme,
)
from directory.guides.structured_data import guide_json_ld
from directory.names import Name, names_by_slug
from directory.partners.models import Partner, PartnerIndexPage
from portal.content_version import content_version
from portal.locales import default_language, default_locale
from portal.models import public
from portal.search_terms import MAX_QUERY_LENGTH, plain_terms

GUIDE_HEAD_CACHE_SECONDS = 60 * 60
GUIDES_PER_PAGE = 24


def listed_guides(index: GuideIndexPage) -> QuerySet[GuidePage]:
    """The live public guides of ``index`` and, for an index in another language than
    the default, those of its default-language counterpart that have no live public
    translation under it yet (shown in the default language, with a notice)."""
    guides = public(GuidePage.objects.live())
    own = guides.child_of(index)
    default = default_locale()
    source = _translation(index, default) if index.locale_id != default.pk else None
    if source is None:
        return own
    untranslated = guides.child_of(source).exclude(
        translation_key__in=own.values("translation_key")
    )
    return own | untranslated


def in_language(guides, locale: Locale) -> list[GuidePage]:
    """Each guide replaced by its live public translation in ``locale`` when it has one
    (a translated guide's related guides still point to the originals)."""
    guides = list(guides)
    keys = {guide.translation_key for guide in guides if guide.locale_id != locale.pk}
    translations = {}
    if keys:
        translations = {
            guide.translation_key: guide
            for guide in public(GuidePage.objects.live())
            .filter(locale=locale, translation_key__in=keys)
            .defer_streamfields()
        }
    return [translations.get(guide.translation_key, guide) for guide in guides]


@dataclass(frozen=True)
class GuideLink:
    guide: GuidePage
    url: str
    # The guide is in another language than the listing (``lang`` to set on the link).
    language: str | None = None
    themes: tuple[Name, ...] = ()


def _guide_indexes() -> list[GuideIndexPage]:
    """Every guide index, live or not, in tree order; kept until the content changes."""
    key = f"guides:indexes:{content_version()}"
    indexes = cache.get(key)
    if indexes is None:
        indexes = list(GuideIndexPage.objects.order_by("path"))
        cache.set(key, indexes, GUIDE_HEAD_CACHE_SECONDS)
    return indexes


def guide_index(locale: Locale) -> GuideIndexPage | None:
    """``locale``'s first live guide index."""
    return next(
        (index for index in _guide_indexes() if index.live and index.locale_id == locale.pk),
        None,
    )


def _translation(index: GuideIndexPage, locale: Locale) -> GuideIndexPage | None:
    """``index.get_translation_or_none(locale)``, from the cached indexes."""
    return next(
        (
            other
            for other in _guide_indexes()
            if other.translation_key == index.translation_key and other.locale_id == locale.pk
        ),
        None,
    )


def guide_links(guides, *, locale: Locale, request=None) -> list[GuideLink]:
    """Each guide with its address in ``locale``'s site: its own, or for an untranslated
    guide the address under ``locale``'s guide index that shows it with a notice."""
    index = None
    links = []
    for guide in guides:
        if guide.locale_id == locale.pk:
            links.append(GuideLink(guide, guide.get_url(request)))
            continue
        if index is None:
            index = guide_index(locale) or False
        url = f"{index.get_url(request)}{guide.slug}/" if index else guide.get_url(request)
        links.append(GuideLink(guide, url, language=default_language()))
    return links


class GuideFilter(FilterSet):
    """The listing's filters, by slug (the same in every language)."""

    q = CharFilter(label=_("Words"), method="keep_all", max_length=MAX_QUERY_LENGTH)
    theme = ChoiceFilter(label=_("Theme"), empty_label=_("All themes"), method="keep_all")
    partner = ChoiceFilter(label=_("Partner"), empty_label=_("All partners"), method="keep_all")
    audience = ChoiceFilter(label=_("For whom"), empty_label=_("Everyone"), method="keep_all")

    class Meta:
        model = GuidePage
        fields: list[str] = []

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        for name, model in FACETS.items():
            self.filters[name].extra["choices"] = sorted(
                ((slug, label.text) for slug, label in names_by_slug(model, language).items()),
                key=lambda item: item[1],
            )

    def keep_all(self, queryset, name, value):
        """Applied by ``filter_guides`` with the facet counts, not one by one."""
        return queryset


FACETS = {"theme": GuideTheme, "partner": Partner, "audience": GuideAudience}
FACET_RELATIONS = {"theme": "themes", "partner": "partners", "audience": "audiences"}


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    empty_label: str
    # (slug, label, number of guides it would give with the other filters kept)
    options: list[tuple[str, str, int]]
    selected: str
    error: str = ""


@dataclass
class GuideListing:
    filters: GuideFilter
    guides: list[GuideLink]
    facets: list[Facet]
    total: int
    page: Page

    @property
    def filtered(self) -> bool:
        return any(facet.selected for facet in self.facets) or bool(self.words)

    @property
    def words(self) -> str:
        return getattr(self.filters.form, "cleaned_data", {}).get("q") or ""

    @property
    def has_errors(self) -> bool:
        return self.filters.is_bound and bool(self.filters.form.errors)


def filter_guides(params, *, index: GuideIndexPage, request=None) -> GuideListing:
    """The guides listed by ``index`` that match ``params`` and, for each facet, how many
    guides each option would give with the other filters kept; one page of them. A
    constant number of queries, whatever the number of guides."""
    locale = index.locale
    language = locale.language_code
    filters = GuideFilter(params or None, queryset=listed_guides(index), language=language)
    filters.is_valid()  # the valid values are kept, the others reported
    chosen = getattr(filters.form, "cleaned_data", {})
    listed = filters.queryset
    words = plain_terms(chosen.get("q") or "")
    candidate_ids = list(listed.order_by("title").values_list("pk", flat=True))
    rank: dict[int, int] = {}
    if words:
        found = GuidePage.objects.live().search(words)
        rank = {page.pk: position for position, page in enumerate(found)}
        candidate_ids = sorted((pk for pk in candidate_ids if pk in rank), key=rank.get)
    slugs: dict[str, dict[int, set[str]]] = {}
    for name, relation in FACET_RELATIONS.items():
        slugs[name] = defaultdict(set)
        rows = GuidePage.objects.filter(pk__in=candidate_ids).values_list(
            "pk", f"{relation}__slug"
        )
        for pk, slug in rows:
            if slug:
                slugs[name][pk].add(slug)
    selected = {name: chosen.get(name) or "" for name in FACETS}

    def matches(pk: int, *, ignoring: str | None = None) -> bool:
        return all(
            not value or value in slugs[name][pk]
            for name, value in selected.items()
            if name != ignoring
        )

    errors = filters.form.errors if filters.is_bound else {}
    facets = []
    for name in FACETS:
        counts = Counter(
            slug for pk in candidate_ids if matches(pk, ignoring=name) for slug in slugs[name][pk]
        )
        names = names_by_slug(FACETS[name], language)
        options = [
            (slug, names[slug], counts[slug])
            for slug, _label in filters.filters[name].extra["choices"]
            if counts[slug] or slug == selected[name]
        ]
        field = filters.filters[name]
        facets.append(
            Facet(
                name,
                label=field.label,
                empty_label=field.extra["empty_label"],
                options=options,
                selected=selected[name],
                error=" ".join(errors.get(name, [])),
            )
        )
    kept = [pk for pk in candidate_ids if matches(pk)]
    page = Paginator(kept, GUIDES_PER_PAGE).get_page(params.get("page"))
    shown = page.object_list  # by title, or best match first
    by_pk = listed.filter(pk__in=shown).defer_streamfields()
    guides = sorted(by_pk, key=lambda guide: shown.index(guide.pk))
    theme_names = names_by_slug(GuideTheme, language)
    links = [
        replace(
            link,
            themes=tuple(
                sorted((theme_names[slug] for slug in slugs["theme"][link.guide.pk]), key=str)
            ),
        )
        for link in guide_links(guides, locale=locale, request=request)
    ]
    return GuideListing(
        filters=filters,
        guides=links,
        facets=facets,
        total=len(kept),
        page=page,
    )


def guide_trail(guide: GuidePage, *, index: GuideIndexPage, request=None) -> list[tuple[str, str]]:
    """The breadcrumb above a guide, as (label, address): home, the guide index, and the
    listing of the guide's first theme."""
    index_url = index.get_url(request)
    trail = [(gettext("Home"), index.get_parent().get_url(request)), (index.title, index_url)]
    theme = next(iter(guide.themes.all()), None)
    if theme is not None:
        name = names_by_slug(GuideTheme, get_language() or "").get(theme.slug, Name(theme.name))
        trail.append((name.text, f"{index_url}?{urlencode({'theme': theme.slug})}"))
    return trail


def partner_links(guide: GuidePage, *, language: str, request=None) -> list[tuple[Name, str]]:
    """(name, address) of the partner pages of the guide's partners, in ``language``
    when there is a partner index in it (else in the default language's)."""
    base = PartnerIndexPage.url_in(language, request)
    names = names_by_slug(Partner, language)
    return [
        (names.get(partner.slug, Name(partner.name)), f"{base}{partner.slug}/" if base else "")
        for partner in guide.partners.all()
    ]


@dataclass(frozen=True)
class GuideHead:
    trail: list[tuple[str, str]]
    themes: list[Name]
    audiences: list[Name]
    partners: list[tuple[Name, str]]
    related: list[GuideLink]
    json_ld: str


def _related(guide: GuidePage, *, locale: Locale, request=None) -> list[GuideLink]:
    """The guide's live related guides, each in ``locale`` when translated (else at its
    address under ``locale``'s guide index, marked)."""
    related = [other for other in guide.related_guides.all() if other.live]
    return guide_links(in_language(related, locale), locale=locale, request=request)


def guide_head(
    guide: GuidePage, *, index: GuideIndexPage, page_url: str, request, cached: bool = True
) -> GuideHead:
    """A guide's breadcrumb, names of its themes, audiences and partners, related guides
    and JSON-LD, shown under ``index``: cached until the content changes (about ten
    queries saved on every view)."""
    language = get_language() or default_language()
    key = f"directory:guide-head:{content_version()}:{guide.pk}:{index.pk}:{language}"
    head = cache.get(key) if cached else None
    if head is None:
        trail = guide_trail(guide, index=index, request=request)
        fallback = guide.locale_id != index.locale_id
        content_language = default_language() if fallback else language
        themes, audiences = (
            names_by_slug(GuideTheme, language),
            names_by_slug(GuideAudience, language),
        )
        head = GuideHead(
            trail=trail,
            themes=[themes.get(theme.slug, Name(theme.name)) for theme in guide.themes.all()],
            audiences=[
                audiences.get(audience.slug, Name(audience.name))
                for audience in guide.audiences.all()
            ],
            partners=partner_links(guide, language=language, request=request),
            related=_related(guide, locale=index.locale, request=request),
            json_ld=guide_json_ld(
                guide, page_url=page_url, trail=trail, language=content_language
            ),
        )
        if cached:
            cache.set(key, head, GUIDE_HEAD_CACHE_SECONDS)
    return head
