from itertools import pairwise

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


def _kept_rows(formset):
    return [
        form.cleaned_data
        for form in formset.forms
        if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class MaisonPageForm(WagtailAdminPageForm):
    """Checks across opening intervals that a single interval cannot check alone."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("opening_intervals")
        if formset is None:
            return cleaned_data
        by_day: dict[int, list] = {}
        for row in _kept_rows(formset):
            if row.get("opens") and row.get("closes") and row.get("weekday") is not None:
                by_day.setdefault(row["weekday"], []).append((row["opens"], row["closes"]))
        overlaps = []
        for intervals in by_day.values():
            intervals.sort()
            for (opens, closes), (next_opens, next_closes) in pairwise(intervals):
                if next_opens < closes:
                    overlaps.append(
                        _("%(a)s and %(b)s overlap.")
                        % {
                            "a": f"{opens:%H:%M}–{closes:%H:%M}",
                            "b": f"{next_opens:%H:%M}–{next_closes:%H:%M}",
                        }
                    )
        if overlaps:
            raise ValidationError(
                [_("Opening hours: two intervals of the same day overlap."), *overlaps]
            )
        return cleaned_data
