from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordResetForm,
    SetPasswordForm,
    UsernameField,
)
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image

from directory.models import Department, MaisonPage, Partner, Region
from portal.fields import PageChoiceField
from portal.sensitive_data import PersonalDataFound

from .models import AgentProfile, JoinRequest, Role

MAX_PHOTO_BYTES = 2 * 1024 * 1024
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


class GuardedFormMixin:
    """A form whose free text (``text_field``) passes the personal-data guard
    (``portal.sensitive_data.guard``): forum posts and escalations. Once the guard has
    warned (``warned``), the form shows its ``confirm`` box."""

    text_field = "body"
    warned = False

    def refuse(self, refusal: PersonalDataFound) -> None:
        """The guard's findings as the text's errors; the text stays in the form."""
        self.warned = not refusal.blocking
        for finding in refusal.findings:
            self.add_error(self.text_field, finding.message)


class ProfileForm(forms.ModelForm):
    """What a member edits of themselves: names, job, phone, photo and what they share."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    class Meta:
        model = AgentProfile
        fields = [
            "job_title",
            "phone",
            "photo",
            "listed",
            "shares_email",
            "shares_phone",
            "shares_photo",
        ]
        widgets = {
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].initial = self.instance.user.first_name
        self.fields["last_name"].initial = self.instance.user.last_name
        self.order_fields(["first_name", "last_name"])

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo or photo == self.initial.get("photo"):
            return photo
        if photo.size > MAX_PHOTO_BYTES:
            raise ValidationError(_("The photo must weigh 2 MB at most."), code="too_big")
        # ImageField has already checked that Pillow reads an image; it must also be one
        # of the formats every browser shows.
        photo.seek(0)
        with Image.open(photo) as image:
            image_format = image.format
        photo.seek(0)
        if image_format not in PHOTO_FORMATS:
            raise ValidationError(_("The photo must be a JPEG, PNG or WebP image."), code="format")
        # Named after what it is, not what it was called: served with the right type.
        photo.name = f"photo.{PHOTO_FORMATS[image_format]}"
        return photo

    def save(self, commit=True):
        user = self.instance.user
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        if commit:
            user.save(update_fields=["first_name", "last_name"])
        return super().save(commit)


class LoginForm(AuthenticationForm):
    """Django's login form, its fields labelled for people: an e-mail address and a
    password. Its one error message is the same for an unknown address and a wrong
    password."""

    username = UsernameField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True}),
    )


class ResetForm(PasswordResetForm):
    """Django's reset form, its field labelled as on the login form."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254)


class InvitationForm(forms.Form):
    """Whom to invite, as what, where: the roles and maisons offered are those the
    inviter may invite (``network.permissions``), checked again when sent."""

    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"))
    maison = PageChoiceField(
        label=_("France Services (for an agent)"),
        queryset=MaisonPage.objects.none(),
        required=False,
    )
    department = forms.ModelChoiceField(
        label=_("Department (for a coordinator)"),
        queryset=Department.objects.order_by("code"),
        to_field_name="code",
        required=False,
    )
    region = forms.ModelChoiceField(
        label=_("Region (for a coordinator of a region)"),
        queryset=Region.objects.order_by("name"),
        to_field_name="code",
        required=False,
    )
    partner = forms.ModelChoiceField(
        label=_("Partner (for a partner trainer)"),
        queryset=Partner.objects.none(),
        to_field_name="slug",
        required=False,
    )

    def __init__(self, *args, inviter_profile: AgentProfile, maisons, **kwargs):
        super().__init__(*args, **kwargs)
        national = inviter_profile.role == Role.NATIONAL_CELL
        self.fields["role"].choices = (
            Role.choices if national else [(Role.AGENT, Role.AGENT.label)]
        )
        self.fields["maison"].queryset = maisons
        if national:
            self.fields["partner"].queryset = Partner.objects.filter(
                locale__language_code=settings.LANGUAGE_CODE
            ).order_by("name")
        else:
            for name in ("department", "region", "partner"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        if "role" in cleaned:
            try:
                AgentProfile(role=cleaned["role"], **self.workplace()).clean()
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages)
        return cleaned

    def workplace(self) -> dict:
        """The workplace fields the role uses; the others are ignored."""
        data = self.cleaned_data
        role = data["role"]
        return {
            Role.AGENT: {"maison": data.get("maison")},
            Role.COORDINATOR: {"department": data.get("department"), "region": data.get("region")},
            Role.PARTNER_TRAINER: {"partner": data.get("partner")},
            Role.NATIONAL_CELL: {},
        }[role]


class AcceptInvitationForm(SetPasswordForm):
    """Names and a new password (Django's validators), for the invitation's account."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    field_order = ["first_name", "last_name", "new_password1", "new_password2"]


class JoinRequestForm(forms.ModelForm):
    class Meta:
        model = JoinRequest
        fields = ["first_name", "last_name", "email", "maison", "message"]
        field_classes = {"maison": PageChoiceField}
        widgets = {"message": forms.Textarea(attrs={"rows": 4, "maxlength": 1000})}

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["maison"].queryset = MaisonPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, live=True
        ).order_by("title")


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput)
    confirm = forms.BooleanField(
        label=_("I understand that my account and profile will be deleted for good.")
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        # Through authenticate(): a wrong password counts towards the lockout as at login.
        user = authenticate(self.request, username=self.request.user.email, password=password)
        if user is None or user.pk != self.request.user.pk:
            raise ValidationError(_("This is not your password."), code="wrong_password")
        return password
