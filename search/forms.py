from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the site"), required=False, strip=True)

    def clean_q(self) -> str:
        # Over-long queries are cut rather than refused: a search box never errors.
        return " ".join(self.cleaned_data["q"].split())[:MAX_QUERY_LENGTH]
