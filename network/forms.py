from django import forms
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image

from .models import AgentProfile

MAX_PHOTO_BYTES = 2 * 1024 * 1024
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}


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
