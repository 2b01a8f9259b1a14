from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from portal.locales import active_locale

from .forms import SearchForm
from .places import place_block
from .selectors import promoted_results, search_pages
from .services import record_search

PAGE_SIZE = 10


@require_GET
def search(request):
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    found = search_pages(query=query, locale=active_locale(request))
    results = Paginator(found.results, PAGE_SIZE).get_page(request.GET.get("page"))
    promotions = []
    if query and request.GET.get("page", "1") == "1":  # a search, not a turn of its pages
        recorded = record_search(query, found=bool(results.paginator.count))
        promotions = promoted_results(recorded) if recorded else []
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "form": form,
            "query": query,
            "place": place_block(query, request=request),
            "suggestion": found.suggestion,
            "suggestion_url": f"?{urlencode({'q': found.suggestion})}",
            "promotions": promotions,
            "results": results,
        },
    )
