from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from directory.models import Department, Partner
from network.forms import GuardedFormMixin
from network.forums.forms import AttachmentsField

from .models import BackOffice, EscalationStatus, Motive

CONSENT_TEXT = _(
    "The person agrees that this France Services sends their request, and the documents "
    "joined to it, to the partner named above, who answers through this France Services."
)


class GuardedForm(GuardedFormMixin, forms.Form):
    """An escalation's free text and, once the guard has warned, the confirmation."""

    confirm = forms.BooleanField(label=_("Send anyway"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "attachments" in self.fields:
            self.fields["attachments"].max_bytes = settings.ESCALATION_ATTACHMENT_MAX_BYTES


class PartnerChoiceForm(forms.Form):
    """The first step of a new escalation, without JavaScript: the partner, whose motives
    the second step offers."""

    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners_with_motives()


def partners_with_motives():
    return Partner.objects.filter(
        pk__in=Motive.objects.filter(active=True).values("partner_id")
    ).order_by("name")


class EscalationForm(GuardedForm):
    text_field = "description"
    motive = forms.ModelChoiceField(label=_("Motive"), queryset=Motive.objects.none())
    description = forms.CharField(
        label=_("Description"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Only what the partner needs to settle the case: no social security or bank "
            "account number, no phone number."
        ),
    )
    file_reference = forms.CharField(
        label=_("Partner's file reference"),
        max_length=40,
        required=False,
        help_text=_("The number the partner gave the person, when they have one."),
    )
    consent = forms.BooleanField(label=CONSENT_TEXT)
    attachments = AttachmentsField(label=_("Attachments"), required=False)
    field_order = ["motive", "description", "file_reference", "attachments", "consent", "confirm"]

    def __init__(self, *args, partner: Partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["motive"].queryset = Motive.objects.filter(partner=partner, active=True)


class StepForm(GuardedForm):
    """A question, a reply or an answer, with its attachments."""

    body = forms.CharField(label=_("Message"), max_length=4000, widget=forms.Textarea)
    attachments = AttachmentsField(label=_("Attachments"), required=False)
    field_order = ["body", "attachments", "confirm"]


class ReassignForm(forms.Form):
    to = forms.ModelChoiceField(label=_("Reassign to"), queryset=None)

    def __init__(self, *args, handlers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = handlers
        self.fields["to"].label_from_instance = lambda user: user.get_full_name() or user.email


class RedirectForm(GuardedForm):
    text_field = "reason"
    back_office = forms.ModelChoiceField(label=_("Redirect to"), queryset=None)
    reason = forms.CharField(label=_("Why"), max_length=4000, widget=forms.Textarea)
    field_order = ["back_office", "reason", "confirm"]

    def __init__(self, *args, escalation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["back_office"].queryset = (
            BackOffice.objects.exclude(pk=escalation.back_office_id)
            .select_related("partner")
            .order_by("partner__name", "name")
        )
        self.fields["back_office"].label_from_instance = lambda office: (
            f"{office.partner} – {office.name}"
        )


ASSIGNEE_CHOICES = [("", _("Anyone")), ("me", _("Me")), ("nobody", _("Nobody"))]
TABS = {"open": _("Open"), "waiting": _("Waiting for me"), "answered": _("Answered")}


class QueueFilterForm(forms.Form):
    """The queue's filters, from the query string; an invalid value is ignored."""

    tab = forms.ChoiceField(label=_("Show"), choices=list(TABS.items()), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Open ones")), *EscalationStatus.choices],
        required=False,
    )
    motive = forms.ModelChoiceField(
        label=_("Motive"), queryset=Motive.objects.none(), required=False, empty_label=_("All")
    )
    department = forms.ModelChoiceField(
        label=_("Department of the maison"),
        queryset=Department.objects.order_by("code"),
        required=False,
        empty_label=_("All"),
    )
    assignee = forms.ChoiceField(label=_("Handled by"), choices=ASSIGNEE_CHOICES, required=False)

    def __init__(self, *args, motives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["motive"].queryset = motives
        self.fields["motive"].label_from_instance = lambda motive: (
            f"{motive.partner} – {motive.label}"
        )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}
