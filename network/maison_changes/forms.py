"""The agent's proposal, one form per section: the contact and the services as fields, the
hours, closures, permanences and stops as rows (a few empty rows to fill, more on request:
no JavaScript needed). The rows are validated by their models' own rules (a closing time
after the opening, a closure's end not before its start, a recurrence complete)."""

import re
from itertools import pairwise

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from directory.models import (
    Closure,
    ItineraryStop,
    MaisonPage,
    OpeningInterval,
    Partner,
    PartnerPresence,
)

from . import proposal

EMPTY_ROWS = 2  # empty rows under each list section's current ones
MORE_ROWS = 3  # added by "Add rows"
PHONE = re.compile(r"^(?:0[1-9]\d{8}|\+\d{9,14})$")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _phone(value: str) -> None:
    if value and not PHONE.match(re.sub(r"[\s.\-]", "", value)):
        raise ValidationError(
            _("Enter a phone number of 10 digits (04 67 00 00 00) or an international one.")
        )


class ContactForm(forms.Form):
    prefix = "contact"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].validators.append(_phone)

    def value(self) -> dict:
        return {name: self.cleaned_data[name] for name in proposal.CONTACT_FIELDS}

    def clean(self):
        data = super().clean()
        if data.get("booking_url") and not data.get("booking"):
            self.add_error("booking", _("Tick this box to give a booking address."))
        return data


class ServicesForm(forms.Form):
    prefix = "services"

    def value(self) -> dict:
        return {name: self.cleaned_data[name] for name in proposal.SERVICES_FIELDS}


def _formfield(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


for form_class, names in (
    (ContactForm, proposal.CONTACT_FIELDS),
    (ServicesForm, proposal.SERVICES_FIELDS),
):
    form_class.base_fields.update(
        fields_for_model(MaisonPage, fields=names, formfield_callback=_formfield)
    )


class RowForm(forms.ModelForm):
    """A row of a list section, checked by its model's ``clean``; never saved itself."""

    section = ""

    def row(self) -> dict:
        return {
            name: proposal.to_json(self.cleaned_data.get(name))
            for name in proposal.ROW_FIELDS[self.section]
        }


RECURRENCE_WIDGETS = {
    "starts": TIME,
    "ends": TIME,
    "reference_date": DATE,
    "dates": forms.Textarea(attrs={"rows": 2}),
}


class HoursRowForm(RowForm):
    section = "hours"

    class Meta:
        model = OpeningInterval
        fields = proposal.ROW_FIELDS["hours"]
        widgets = {"opens": TIME, "closes": TIME}


class ClosureRowForm(RowForm):
    section = "closures"

    class Meta:
        model = Closure
        fields = proposal.ROW_FIELDS["closures"]
        widgets = {"start_date": DATE, "end_date": DATE}


class PermanenceRowForm(RowForm):
    section = "permanences"

    class Meta:
        model = PartnerPresence
        fields = proposal.ROW_FIELDS["permanences"]
        widgets = RECURRENCE_WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        ).order_by("name")


class StopRowForm(RowForm):
    section = "stops"

    class Meta:
        model = ItineraryStop
        fields = proposal.ROW_FIELDS["stops"]
        widgets = RECURRENCE_WIDGETS


class RowFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        return proposal.sorted_rows(
            [
                form.row()
                for form in self.forms
                if form.has_changed() or form.initial
                if not (self.can_delete and self._should_delete_form(form))
            ]
        )


class HoursFormSet(RowFormSet):
    def clean(self):
        """No two intervals of a day overlap."""
        if any(self.errors):
            return
        by_day = {}
        for row in self.rows():
            by_day.setdefault(row["weekday"], []).append((row["opens"], row["closes"]))
        for intervals in by_day.values():
            intervals.sort()
            for (_opens, closes), (next_opens, _closes) in pairwise(intervals):
                if next_opens < closes:
                    raise ValidationError(_("Two opening intervals of the same day overlap."))


def _formset(form, base=RowFormSet):
    return forms.formset_factory(form, formset=base, extra=EMPTY_ROWS, can_delete=True)


FORMSETS = {
    "hours": _formset(HoursRowForm, HoursFormSet),
    "closures": _formset(ClosureRowForm),
    "permanences": _formset(PermanenceRowForm),
    "stops": _formset(StopRowForm),
}


class ProposalForms:
    """Every section's form, filled with ``state`` (the maison's information, or the open
    change's proposal over it); bound to ``data`` when posted."""

    def __init__(self, state: dict, data=None):
        self.contact = ContactForm(data, initial=state["contact"])
        self.services = ServicesForm(data, initial=state["services"])
        self.formsets = {
            section: formset(data, initial=state[section], prefix=section)
            for section, formset in FORMSETS.items()
        }

    def sections(self) -> list[tuple[str, str, object]]:
        """(key, title, form or formset) in the order of the page."""
        forms_by_key = {"contact": self.contact, "services": self.services, **self.formsets}
        return [(key, str(title), forms_by_key[key]) for key, title in proposal.SECTIONS.items()]

    def is_valid(self) -> bool:
        # Every form validated (a list, not a generator), so that each shows its errors.
        return all([form.is_valid() for _key, _title, form in self.sections()])  # noqa: C419

    def value(self) -> dict:
        """Every section's proposed value (after ``is_valid``)."""
        return {
            "contact": self.contact.value(),
            "services": self.services.value(),
            **{section: formset.rows() for section, formset in self.formsets.items()},
        }


def with_more_rows(data, section: str):
    """``data`` posted with ``MORE_ROWS`` more empty rows in ``section``."""
    data = data.copy()
    key = f"{section}-TOTAL_FORMS"
    try:
        data[key] = str(int(data.get(key, 0)) + MORE_ROWS)
    except ValueError:
        data[key] = str(MORE_ROWS)
    return data


class DecisionForm(forms.Form):
    APPROVE = "approve"
    SEND_BACK = "send_back"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve and publish")), (SEND_BACK, _("Send back to the maison"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the maison"),
        help_text=_("Required to send the change back: say what to correct."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.SEND_BACK and not data.get("comment", "").strip():
            self.add_error("comment", _("Say what the maison should correct."))
        return data
