"""The dashboards' filters: region, department, format and partner, their choices limited to
the member's territory. A value outside it (a forged URL) is refused with a message, never
silently widened or narrowed."""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from directory.models import Department, MaisonPage, Partner, PartnerPresence, Region

from ..models import AgentProfile, Role

OUTSIDE = _("This choice does not exist or lies outside your territory.")


class SteeringFilters(forms.Form):
    region = forms.ModelChoiceField(
        Region.objects.none(),
        required=False,
        to_field_name="code",
        label=_("Region"),
        empty_label=_("All regions"),
    )
    department = forms.ModelChoiceField(
        Department.objects.none(),
        required=False,
        to_field_name="code",
        label=_("Department"),
        empty_label=_("All departments"),
    )
    # Not "format": ``?format=csv`` asks for the table as CSV.
    format_fs = forms.ChoiceField(
        choices=[("", _("All formats")), *MaisonPage.Format.choices],
        required=False,
        label=_("Format"),
    )
    partner = forms.ModelChoiceField(
        Partner.objects.none(),
        required=False,
        to_field_name="slug",
        label=_("Partner"),
        empty_label=_("All partners"),
    )

    def __init__(self, data, *, profile: AgentProfile, maisons):
        super().__init__(data)
        departments = Department.objects.select_related("region").order_by("code")
        if profile.role == Role.NATIONAL_CELL:
            self.fields["region"].queryset = Region.objects.order_by("name")
        else:
            # A coordinator's territory is one department or one region: no region to choose.
            del self.fields["region"]
            departments = (
                departments.filter(pk=profile.department_id)
                if profile.department_id is not None
                else departments.filter(region_id=profile.region_id)
            )
        self.fields["department"].queryset = departments
        present = PartnerPresence.objects.filter(maison__in=maisons).values("partner")
        self.fields["partner"].queryset = Partner.objects.filter(
            Q(national=True) | Q(pk__in=present), locale__language_code=settings.LANGUAGE_CODE
        ).order_by("-national", "name")
        for field in self.fields.values():
            field.widget.attrs["class"] = "fr-select"
            field.error_messages["invalid_choice"] = OUTSIDE

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"class": "fr-select fr-select--error", "aria-describedby": f"id_{name}-error"}
                )

    def clean(self):
        cleaned = super().clean()
        if "region" not in self.fields and self.data.get("region"):
            raise forms.ValidationError(
                _("Your dashboards cover your own territory only: choose a department of it."),
                code="outside_territory",
            )
        region, department = cleaned.get("region"), cleaned.get("department")
        if region and department and department.region_id != region.pk:
            self.add_error("department", _("This department is not in the region chosen."))
        return cleaned
