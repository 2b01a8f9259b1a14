from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from network.forms import GuardedFormMixin

from . import services
from .models import Space, TopicKind

MAX_ATTACHMENTS = 5


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to five PDF, PNG or JPEG files, each checked by its content and size."""

    def __init__(self, *args, max_bytes: int | None = None, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}))
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes

    def clean(self, data, initial=None):
        files = [file for file in (data or []) if file]
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(_("Five attachments at most."))
        uploads, errors = [], []
        for file in files:
            try:
                uploads.append(
                    services.checked_upload(super().clean(file, initial), max_bytes=self.max_bytes)
                )
            except services.AttachmentRefused as refusal:
                errors.append(str(refusal))
        if errors:
            raise ValidationError(errors)
        return uploads


class PostForm(GuardedFormMixin, forms.Form):
    """A message; once the guard has warned, the author confirms to publish anyway."""

    body = forms.CharField(label=_("Message"), max_length=20000, widget=forms.Textarea)
    attachments = AttachmentsField(label=_("Attachments"), required=False)
    confirm = forms.BooleanField(label=_("Publish anyway"), required=False)

    def __init__(self, *args, with_attachments: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_attachments:
            del self.fields["attachments"]


class TopicForm(PostForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=TopicKind.choices, initial=TopicKind.DISCUSSION
    )
    field_order = ["title", "kind", "body", "attachments", "confirm"]


class MoveForm(forms.Form):
    space = forms.ModelChoiceField(label=_("Move to"), queryset=Space.objects.none())

    def __init__(self, *args, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = spaces
