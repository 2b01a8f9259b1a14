from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import ReportReason
from .services import MUTE_DAYS


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why do you report this message?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Details for the moderators"),
        help_text=_("Required for “Other”. Only the moderators read it."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        data = super().clean()
        if data.get("reason") == ReportReason.OTHER and not data.get("note", "").strip():
            raise ValidationError({"note": _("Say what is wrong with this message.")})
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("keep", _("Keep")), ("delete", _("Delete"))])
    reason = forms.CharField(label=_("Note to the author"), max_length=500, required=False)


class MuteForm(forms.Form):
    days = forms.TypedChoiceField(
        label=_("For"),
        coerce=int,
        choices=[(1, _("1 day")), (7, _("7 days")), (30, _("30 days"))],
    )
    reason = forms.CharField(
        label=_("Reason (the member reads it)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_days(self):
        days = self.cleaned_data["days"]
        if days not in MUTE_DAYS:
            raise ValidationError(_("Choose a duration."))
        return days
