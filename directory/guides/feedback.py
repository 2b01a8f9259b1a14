"""A guide's "Was this page useful?": the form, and recording an answer."""

from django import forms
from django.conf import settings
from django.db import OperationalError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from directory.guides.models import GuideFeedback, GuidePage
from portal.database import RETRY_AFTER_SECONDS, is_locked
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
    (400 for an invalid answer, 429 over the rate limit, 503 while another writer, a long
    import, holds the database past the busy timeout)."""
    form = GuideFeedbackForm(request.POST)
    if not form.is_valid():
        status = 400
    elif not feedback_allowed(request):
        form.add_error(
            None, _("You have sent many answers in the last hour. Please try again later.")
        )
        status = 429
    else:
        try:
            record_feedback(guide=guide, **form.cleaned_data)
        except OperationalError as error:
            if not is_locked(error):
                raise
            form.add_error(
                None,
                _(
                    "The site is being updated and could not save your answer. "
                    "Please send it again in a minute."
                ),
            )
            status = 503
        else:
            return HttpResponseRedirect(f"{request.path}?avis={FEEDBACK_SENT}#avis")
    context = guide.get_context(request, *args, feedback_form=form, **kwargs)
    response = TemplateResponse(request, guide.get_template(request), context, status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
