"""A guide's "Was this page useful?": the form, and recording an answer."""

from django import forms
from django.conf import settings
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from directory.guides.models import GuideFeedback, GuidePage
from portal.throttling import allow

FEEDBACK_WINDOW_SECONDS = 60 * 60
# ``?avis=merci``: the guide thanks the visitor who just answered.
FEEDBACK_SENT = "merci"


class GuideFeedbackForm(forms.Form):
    """ "Was this page useful?": yes or no, and an optional comment."""

    useful = forms.TypedChoiceField(
        label=_("Was this page useful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    comment = forms.CharField(
        label=_("What could we improve? (optional)"),
        help_text=_(
            "Do not write any personal information: this comment goes to the editors of "
            "the guide, who cannot answer it."
        ),
        required=False,
        max_length=GuideFeedback.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def feedback_allowed(request) -> bool:
    """Whether the client may send one more answer (``GUIDE_FEEDBACK_PER_HOUR``)."""
    return allow(
        request,
        scope="guide-feedback",
        limit=settings.GUIDE_FEEDBACK_PER_HOUR,
        seconds=FEEDBACK_WINDOW_SECONDS,
    )


def record_feedback(*, guide: GuidePage, useful: bool, comment: str) -> GuideFeedback:
    return GuideFeedback.objects.create(
        guide=guide, useful=useful, comment=comment.strip(), language=get_language() or ""
    )


def answer_feedback(guide: GuidePage, request, *args, **kwargs):
    """Record a valid answer and go back to the guide (which then thanks the visitor);
    otherwise show the guide again with the form, what was typed and why it was refused
    (400 for an invalid answer, 429 over the rate limit)."""
    form = GuideFeedbackForm(request.POST)
    if form.is_valid():
        if feedback_allowed(request):
            record_feedback(guide=guide, **form.cleaned_data)
            return HttpResponseRedirect(f"{request.path}?avis={FEEDBACK_SENT}#avis")
        form.add_error(
            None, _("You have sent many answers in the last hour. Please try again later.")
        )
        status = 429
    else:
        status = 400
    context = guide.get_context(request, *args, feedback_form=form, **kwargs)
    return TemplateResponse(request, guide.get_template(request), context, status=status)
