"""The management forms of the référents directory: a back office, a référent to add, a
référent's absence, a motive. Each says in words what is wrong."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from directory.models import Department, Partner, Region
from network.models import AgentProfile, Role

from ..models import BackOffice, Motive, Referent


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class BackOfficeForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.none())
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.order_by("code"),
        required=False,
        empty_label=_("None: a regional back office"),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("name"),
        required=False,
        empty_label=_("None: a departmental back office"),
    )
    name = forms.CharField(label=_("Name"), max_length=150)
    mailbox = forms.EmailField(label=_("Team mailbox"))
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    opening_days = forms.MultipleChoiceField(
        label=_("Opening days"),
        choices=[(str(number), name) for number, name in WEEKDAYS.items()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one opening day.")},
    )
    opening_hours = forms.CharField(
        label=_("Opening hours"),
        max_length=100,
        required=False,
        help_text=_("For example 9:00–17:00."),
    )
    coordinator_email = forms.EmailField(
        label=_("Coordinator's e-mail"),
        required=False,
        help_text=_("The partner's coordinator, told of overdue escalations."),
    )

    def __init__(
        self, *args, profile: AgentProfile, back_office: BackOffice | None = None, **kwargs
    ):
        if back_office is not None:
            kwargs.setdefault(
                "initial",
                {
                    "partner": back_office.partner_id,
                    "department": back_office.department_id,
                    "region": back_office.region_id,
                    "name": back_office.name,
                    "mailbox": back_office.mailbox,
                    "phone": back_office.phone,
                    "opening_days": list(back_office.opening_days),
                    "opening_hours": back_office.opening_hours,
                    "coordinator_email": back_office.coordinator_email,
                },
            )
        super().__init__(*args, **kwargs)
        self.back_office = back_office
        partners = Partner.objects.filter(locale=Locale.get_default()).order_by("name")
        if profile.role != Role.NATIONAL_CELL:
            partners = partners.filter(pk=profile.partner_id)
        self.fields["partner"].queryset = partners
        if profile.role != Role.NATIONAL_CELL:
            self.fields["partner"].empty_label = None

    def clean_opening_days(self) -> str:
        return "".join(sorted(self.cleaned_data["opening_days"]))

    def clean(self):
        data = super().clean()
        department, region = data.get("department"), data.get("region")
        if department is None and region is None:
            raise forms.ValidationError(
                _("Choose the department this back office serves, or else its region.")
            )
        if department is not None and region is not None:
            raise forms.ValidationError(
                _("Choose a department or a region, not both: a back office serves one territory.")
            )
        partner = data.get("partner")
        if partner is not None:
            others = BackOffice.objects.filter(partner=partner)
            if self.back_office is not None:
                others = others.exclude(pk=self.back_office.pk)
            if department is not None and others.filter(department=department).exists():
                self.add_error(
                    "department", _("This partner already has a back office for this department.")
                )
            if region is not None and others.filter(region=region).exists():
                self.add_error(
                    "region", _("This partner already has a back office for this region.")
                )
        return data


class ReferentForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the member"),
        help_text=_("The referent must already be a member of the members area."),
    )

    def __init__(self, *args, back_office: BackOffice, **kwargs):
        super().__init__(*args, **kwargs)
        self.back_office = back_office

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        user = (
            get_user_model()
            .objects.filter(email__iexact=email, is_active=True, profile__isnull=False)
            .first()
        )
        if user is None:
            raise forms.ValidationError(
                _("No member has this e-mail address: invite them to the members area first.")
            )
        if Referent.objects.filter(back_office=self.back_office, user=user).exists():
            raise forms.ValidationError(
                _("This member is already a referent of this back office.")
            )
        self.cleaned_data["user"] = user
        return email


class AwayForm(forms.Form):
    away_from = forms.DateField(
        label=_("Away from"), widget=DateInput(), help_text=_("The first day away.")
    )
    away_until = forms.DateField(
        label=_("Away until"), widget=DateInput(), help_text=_("The last day away, included.")
    )
    deputy = forms.ModelChoiceField(
        label=_("Deputy"),
        queryset=Referent.objects.none(),
        required=False,
        empty_label=_("No deputy"),
        help_text=_("Another referent of the back office, who handles the escalations meanwhile."),
    )

    def __init__(self, *args, referent: Referent, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "away_from": referent.away_from,
                "away_until": referent.away_until,
                "deputy": referent.deputy_id,
            },
        )
        super().__init__(*args, **kwargs)
        self.referent = referent
        self.fields["deputy"].queryset = (
            Referent.objects.filter(back_office_id=referent.back_office_id)
            .exclude(pk=referent.pk)
            .select_related("user")
        )

    def clean(self):
        data = super().clean()
        start, end, deputy = data.get("away_from"), data.get("away_until"), data.get("deputy")
        if start is None or end is None:
            return data
        if end < start:
            self.add_error("away_until", _("The last day away cannot come before the first."))
            return data
        if (
            deputy is not None
            and deputy.away_from is not None
            and deputy.away_until is not None
            and deputy.away_from <= end
            and start <= deputy.away_until
        ):
            self.add_error(
                "deputy",
                _("%(name)s is away on some of these days: choose another deputy.")
                % {"name": deputy},
            )
        return data


class MotiveForm(forms.Form):
    label = forms.CharField(label=_("Motive"), max_length=120)

    def __init__(self, *args, partner: Partner, motive: Motive | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner = partner
        self.motive = motive

    def clean_label(self) -> str:
        label = " ".join(self.cleaned_data["label"].split())
        # Compared in Python: SQLite ignores the case of ASCII letters only ("É", "Ç").
        others = Motive.objects.filter(partner=self.partner)
        if self.motive is not None:
            others = others.exclude(pk=self.motive.pk)
        if any(
            other.casefold() == label.casefold()
            for other in others.values_list("label", flat=True)
        ):
            raise forms.ValidationError(_("This partner already has this motive."))
        return label
