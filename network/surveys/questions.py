"""The kinds of question a survey asks, and the form fields that ask them."""

import django.forms
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import FormBuilder

QUESTION_KINDS = [
    ("singleline", _("Single line text")),
    ("multiline", _("Multi-line text")),
    ("number", _("Number")),
    ("dropdown", _("Drop down")),
    ("radio", _("Radio buttons")),
    ("checkboxes", _("Checkboxes")),
    ("date", _("Date")),
    ("yesno", _("Yes/no")),
]
CHOICE_KINDS = {"dropdown", "radio", "checkboxes"}
TEXT_KINDS = {"singleline", "multiline", "date"}
YES, NO = "yes", "no"


def yes_no_choices():
    return [(YES, _("Yes")), (NO, _("No"))]


class SurveyFormBuilder(FormBuilder):
    """Wagtail's form builder, with a yes/no question (two radio buttons, so "no" differs
    from no answer)."""

    def create_yesno_field(self, field, options):
        options["choices"] = yes_no_choices()
        options.setdefault("widget", django.forms.RadioSelect)
        return django.forms.ChoiceField(**options)

    def create_number_field(self, field, options):
        # Numbers are counted in surveys (visits, agents…): whole and never negative.
        return django.forms.IntegerField(min_value=0, **options)
