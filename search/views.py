from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.locales import active_locale

from .forms import SearchForm
from .places import place_block
from .selectors import (
    SearchFilters,
    popular_guides,
    promoted_results,
    result_hits,
    search_site,
)
from .services import record_search

PAGE_SIZE = 10


@require_GET
def search(request):
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    filters = form.filters()
    locale = active_locale(request)
    found = search_site(query=query, locale=locale, filters=filters)
    results = Paginator(found.results, PAGE_SIZE).get_page(request.GET.get("page"))
    promotions = []
    first_page = request.GET.get("page", "1") == "1"
    if query and first_page and filters == SearchFilters():  # a new search, not a turn
        recorded = record_search(query, found=bool(results.paginator.count))
        promotions = promoted_results(recorded) if recorded else []
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "form": form,
            "query": query,
            "filters": filters,
            "found": found,
            "place": place_block(query, request=request) if first_page else None,
            "suggestion_url": f"?{urlencode({'q': found.suggestion})}",
            "promotions": promotions,
            "results": results,
            "hits": result_hits(
                results.object_list, stems=found.stems, request=request, missing=found.missing
            ),
            "partial": ", ".join(found.partial),
            "kind_links": _kind_links(query, found),
            "popular_guides": popular_guides(locale)
            if query and not results.paginator.count
            else [],
        },
    )


def _kind_links(query: str, found) -> list[tuple[str, int, str, bool]]:
    """(label, count, address, current) of each kind of result, "all" first."""
    everything = sum(option.count for option in found.kinds)
    links = [
        (
            _("All"),
            everything,
            f"?{urlencode({'q': query})}",
            not any(option.selected for option in found.kinds),
        )
    ]
    for option in found.kinds:
        address = f"?{urlencode({'q': query, 'type': option.value})}"
        links.append((option.label, option.count, address, option.selected))
    return links
