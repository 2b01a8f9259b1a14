"""The surveys in the members area: the list of those addressed to the member, answering
one, and for the national cell each survey's follow-up (with its reminder) and results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.csv_tables import CsvTable, csv_streaming_response, wants_csv

from ..permissions import Action, can, profile_of
from . import results as survey_results
from . import selectors, services
from .models import SurveyPage

NON_RESPONDENTS_PER_PAGE = 100


def _profile(request):
    profile = profile_of(request.user)
    if profile is None:
        raise Http404
    return profile


def _managed(request, pk: int) -> SurveyPage:
    """A survey the national cell follows; 404 for everyone else."""
    if not can(request.user, Action.MANAGE_SURVEYS):
        raise Http404
    return get_object_or_404(SurveyPage.objects.select_related("region", "department"), pk=pk)


@login_required
@require_GET
def index(request):
    surveys = selectors.surveys_for(_profile(request))
    return TemplateResponse(
        request,
        "network/surveys/index.html",
        {"surveys": surveys, "manages": can(request.user, Action.MANAGE_SURVEYS)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, pk: int):
    profile = _profile(request)
    survey = get_object_or_404(selectors.surveys_for(profile), pk=pk)
    current = selectors.answer_of(survey, profile)
    may_answer = can(request.user, Action.ANSWER_SURVEY, survey)
    initial = current.form_data if current else None
    if request.method == "POST":
        if not may_answer:
            raise PermissionDenied
        form = survey.get_form(request.POST, page=survey, user=request.user)
        if form.is_valid():
            try:
                services.save_answer(survey, profile, form.cleaned_data)
            except services.SurveyError as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(
                    request, _("Your answer is saved. You may change it until the survey closes.")
                )
                return redirect("surveys:answer", pk=survey.pk)
    else:
        form = survey.get_form(initial=initial, page=survey, user=request.user)
    if not may_answer:
        for field in form.fields.values():
            field.disabled = True
    return TemplateResponse(
        request,
        "network/surveys/answer.html",
        {"survey": survey, "form": form, "answer": current, "may_answer": may_answer},
    )


@login_required
@require_GET
def follow_up(request, pk: int):
    survey = _managed(request, pk)
    if wants_csv(request):
        return csv_streaming_response(
            CsvTable(
                f"enquete-{survey.pk}-sans-reponse.csv",
                survey_results.non_respondents_header(survey),
                selectors.non_respondents(survey).iterator(),
            )
        )
    waiting = Paginator(selectors.non_respondents(survey), NON_RESPONDENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request,
        "network/surveys/follow_up.html",
        {
            "survey": survey,
            "totals": selectors.totals(survey),
            "by_region": survey_results.rates_chart(survey, "region"),
            "by_department": survey_results.rates_chart(survey, "department"),
            "header": survey_results.non_respondents_header(survey),
            "waiting": waiting,
            "reminders": survey.reminders.select_related("sent_by")[:10],
        },
    )


@login_required
@require_POST
def remind(request, pk: int):
    survey = _managed(request, pk)
    try:
        reminder = services.remind(survey, request.user)
    except services.SurveyError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("A reminder is being sent to %(count)s addresses.") % {"count": reminder.recipients},
        )
    return redirect("surveys:follow_up", pk=survey.pk)


@login_required
@require_GET
def results(request, pk: int):
    survey = _managed(request, pk)
    if wants_csv(request):
        return csv_streaming_response(survey_results.answers_table(survey))
    return TemplateResponse(
        request,
        "network/surveys/results.html",
        {
            "survey": survey,
            "totals": selectors.totals(survey),
            "questions": survey_results.question_charts(survey),
        },
    )
