from django import forms
from django.utils.translation import gettext_lazy as _

# A question bank or a SCORM package, read in memory before anything is written.
MAX_BANK_BYTES = 5 * 1024 * 1024
MAX_PACKAGE_BYTES = 200 * 1024 * 1024


class QuestionBankForm(forms.Form):
    file = forms.FileField(
        label=_("GIFT or Moodle XML file"),
        help_text=_("The questions are added to the bank in a draft of the module, to publish."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BANK_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class ScormPackageForm(forms.Form):
    file = forms.FileField(
        label=_("SCORM 1.2 package (zip)"),
        help_text=_("It replaces the module's package; members keep their progress."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_PACKAGE_BYTES:
            raise forms.ValidationError(_("The package is larger than 200 MB."))
        return upload
