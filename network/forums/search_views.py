"""The forums' search page (``/espace-agents/forums/recherche/?q=…&espace=<slug>``): what
the member reads only, in every space they read or in one of them."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from network.permissions import profile_of
from portal.search_terms import MAX_QUERY_LENGTH

from . import search as forum_search
from .models import Space

PAGE_SIZE = 20


class ForumSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Words searched"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.SearchInput,
    )
    espace = forms.ChoiceField(label=_("Space"), required=False)

    def __init__(self, *args, spaces: list[Space], **kwargs):
        super().__init__(*args, **kwargs)
        self.spaces = {space.slug: space for space in spaces}
        self.fields["espace"].choices = [
            ("", _("All the spaces you read")),
            *((space.slug, space.title) for space in spaces),
        ]

    def clean_espace(self) -> Space | None:
        return self.spaces.get(self.cleaned_data["espace"])


@login_required
@require_GET
def search(request):
    profile = profile_of(request.user)
    if profile is None:
        raise Http404
    spaces = forum_search.readable_spaces(profile)
    form = ForumSearchForm(request.GET or None, spaces=spaces)
    query, found, page, hits = "", None, None, []
    if form.is_valid():
        query = form.cleaned_data["q"]
        space = form.cleaned_data["espace"]
        if query:
            found = forum_search.search(query=query, spaces=[space] if space else spaces)
            page = Paginator(found.results, PAGE_SIZE).get_page(request.GET.get("page"))
            hits = forum_search.hits(page.object_list, query=query)
    return TemplateResponse(
        request,
        "network/forums/search.html",
        {
            "form": form,
            "query": query,
            "page_obj": page,
            "hits": hits,
            "capped": found.capped if found else False,
            "max_results": forum_search.MAX_RESULTS,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
