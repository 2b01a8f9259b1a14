"""The month's form (a grid of visits, a partner per row and a theme per column; blank is
0) and the CSV import's."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Partner

from .models import VISITS_MAX, ActivityTheme
from .selectors import OTHER_PARTNER, Figures

MAX_IMPORT_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class GridRow:
    label: str
    cells: list  # bound fields, one per theme
    total: int  # of the saved figures


class ReportForm(forms.Form):
    """One integer field per partner and theme (``visits_<partner pk or autre>_<theme>``);
    a correction also asks why."""

    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=500,
        help_text=_("For example: visits of a permanence forgotten in the first report."),
    )

    def __init__(self, *args, partners: list[Partner], saved: Figures, correcting: bool, **kw):
        super().__init__(*args, **kw)
        self.partners = partners
        self.saved = saved
        self.fields["reason"].required = correcting
        if not correcting:
            del self.fields["reason"]
        for key, label in self._partner_keys():
            for theme in ActivityTheme:
                self.fields[self._name(key, theme)] = forms.IntegerField(
                    label=_("%(partner)s, %(theme)s") % {"partner": label, "theme": theme.label},
                    min_value=0,
                    max_value=VISITS_MAX,
                    required=False,
                    initial=saved.get((key, theme.value)),
                )

    def _partner_keys(self) -> list[tuple[int | None, str]]:
        return [(p.pk, p.short_name or p.name) for p in self.partners] + [
            (None, _("Other partners"))
        ]

    @staticmethod
    def _name(partner_key: int | None, theme: str) -> str:
        return f"visits_{partner_key or OTHER_PARTNER}_{theme}"

    def figures(self) -> Figures:
        return {
            (key, theme.value): self.cleaned_data[self._name(key, theme)] or 0
            for key, _label in self._partner_keys()
            for theme in ActivityTheme
        }

    def grid(self) -> list[GridRow]:
        return [
            GridRow(
                label,
                [self[self._name(key, theme)] for theme in ActivityTheme],
                sum(self.saved.get((key, theme.value), 0) for theme in ActivityTheme),
            )
            for key, label in self._partner_keys()
        ]

    def theme_totals(self) -> list[int]:
        return [
            sum(visits for (_key, code), visits in self.saved.items() if code == theme.value)
            for theme in ActivityTheme
        ]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return file
