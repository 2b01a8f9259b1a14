import re

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.search_terms import MAX_QUERY_LENGTH

from .selectors import KIND_LABELS, SearchFilters

_SLUG = re.compile(r"^[-a-z0-9]{1,60}$")
_DEPARTMENT = re.compile(r"^(?:\d{2,3}|2[AB])$")


class SearchForm(forms.Form):
    """The words and the facets chosen. A search box never errors: over-long words are
    cut, and a facet value that cannot exist is dropped."""

    q = forms.CharField(label=_("Search the site"), required=False, strip=True)
    type = forms.CharField(required=False)
    theme = forms.CharField(required=False)
    department = forms.CharField(required=False)

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())[:MAX_QUERY_LENGTH]

    def clean_type(self) -> str:
        return self.cleaned_data["type"] if self.cleaned_data["type"] in KIND_LABELS else ""

    def clean_theme(self) -> str:
        return self.cleaned_data["theme"] if _SLUG.match(self.cleaned_data["theme"]) else ""

    def clean_department(self) -> str:
        department = self.cleaned_data["department"].upper()
        return department if _DEPARTMENT.match(department) else ""

    def filters(self) -> SearchFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return SearchFilters(
            kind=data.get("type", ""),
            theme=data.get("theme", ""),
            department=data.get("department", ""),
        )
