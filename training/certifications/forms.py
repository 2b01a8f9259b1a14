"""The members' forms of the certifications: the name a holder shows, a trainer's issuance by
hand, a change of status, the filters of a partner's credentials."""

from django import forms
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from network.models import AgentProfile

from .models import CertificationDefinition, Credential, CredentialStatus


def full_name(user) -> str:
    return user.get_full_name().strip() or user.email.split("@")[0]


def short_name(user) -> str:
    """The first name and the last name's initial ("Camille D.")."""
    first, last = user.first_name.strip(), user.last_name.strip()
    if not first:
        return full_name(user)
    return f"{first} {last[0].upper()}." if last else first


class HolderNameForm(forms.Form):
    """Which name the public verification page shows. The signed credential holds no name
    (only a salted hash of the e-mail), so changing it needs no new signature."""

    FULL = "full"
    SHORT = "short"

    shown = forms.ChoiceField(label=_("Name shown on the verification page"), choices=[])

    def __init__(self, *args, credential: Credential, **kwargs):
        super().__init__(*args, **kwargs)
        self.credential = credential
        user = credential.user
        self.fields["shown"].choices = [
            (self.FULL, _("Full name: %(name)s") % {"name": full_name(user)}),
            (self.SHORT, _("First name and initial: %(name)s") % {"name": short_name(user)}),
        ]
        self.fields["shown"].widget = forms.RadioSelect(choices=self.fields["shown"].choices)
        self.initial.setdefault(
            "shown",
            self.SHORT if credential.holder_name == short_name(user) else self.FULL,
        )

    @transaction.atomic
    def save(self) -> Credential:
        user = self.credential.user
        name = full_name(user) if self.cleaned_data["shown"] == self.FULL else short_name(user)
        self.credential.holder_name = name
        self.credential.save(update_fields=["holder_name"])
        return self.credential


class IssueForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the member"),
        help_text=_("The address the member signs in with."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Why you issue it by hand (assessment, session attended…): kept on record."),
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        profile = (
            AgentProfile.objects.select_related("user")
            .filter(user__email__iexact=email, user__is_active=True)
            .first()
        )
        if profile is None:
            raise forms.ValidationError(_("No active member has this e-mail address."))
        self.member = profile.user
        return email

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give a reason."))
        return reason


class StatusForm(forms.Form):
    REVOKE = "revoke"
    SUSPEND = "suspend"
    REINSTATE = "reinstate"

    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            (REVOKE, _("Revoke")),
            (SUSPEND, _("Suspend")),
            (REINSTATE, _("Reinstate")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, credential: Credential, **kwargs):
        super().__init__(*args, **kwargs)
        self.credential = credential

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give a reason."))
        return reason

    def clean(self):
        data = super().clean()
        status = self.credential.status
        allowed = {
            CredentialStatus.ACTIVE: {self.REVOKE, self.SUSPEND},
            CredentialStatus.SUSPENDED: {self.REVOKE, self.REINSTATE},
            CredentialStatus.REVOKED: set(),
        }[status]
        if data.get("action") and data["action"] not in allowed:
            raise forms.ValidationError(_("This credential's status does not allow it."))
        return data


class CredentialFilter(forms.Form):
    definition = forms.ModelChoiceField(
        label=_("Certification"),
        queryset=CertificationDefinition.objects.none(),
        required=False,
        empty_label=_("All certifications"),
        to_field_name="code",
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *CredentialStatus.choices],
    )
    name = forms.CharField(label=_("Holder"), required=False, max_length=100)

    def __init__(self, *args, definitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["definition"].queryset = definitions

    def apply(self, credentials):
        if not self.is_valid():
            return credentials
        data = self.cleaned_data
        if data["definition"] is not None:
            credentials = credentials.filter(definition=data["definition"])
        if data["status"]:
            credentials = credentials.filter(status=data["status"])
        if data["name"]:
            credentials = credentials.filter(
                Q(holder_name__icontains=data["name"]) | Q(user__last_name__icontains=data["name"])
            )
        return credentials
