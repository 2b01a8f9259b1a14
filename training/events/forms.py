"""The agenda's filters, and a member's opinion of an event they came to."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Region
from training.models import ModulePage

from .models import EventKind


class MonthInput(forms.TextInput):
    input_type = "month"


class AgendaFilter(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("All regions"),
    )
    month = forms.CharField(label=_("Month (YYYY-MM)"), required=False, widget=MonthInput)
    module = forms.ModelChoiceField(
        label=_("Module"),
        queryset=ModulePage.objects.filter(events__isnull=False).distinct().order_by("code"),
        required=False,
        empty_label=_("All modules"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices]
    )

    def clean_month(self) -> date | None:
        value = self.cleaned_data["month"]
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-"))
            return date(year, month, 1)
        except ValueError as error:
            raise forms.ValidationError(_("Give a month as YYYY-MM.")) from error

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating, from 1 (poor) to 5 (excellent)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        help_text=_("What was useful, what was missing: the trainer and the organisers read it."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
