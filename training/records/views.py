"""The training record's pages: the member's own ("mon parcours"), and an agent's as the
coordinators and the national cell who follow them see it. Both answer 404 to whoever may
not see it (``VIEW_LEARNER_PROGRESS``)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from network.models import AgentProfile
from network.permissions import Action, can, profile_of
from portal.csv_tables import csv_response, wants_csv

from . import pdf
from .selectors import TrainingRecord, training_record

CSV_HEADER = [
    "code",
    "module",
    "version",
    "termine_le",
    "score",
    "heures",
    "source",
    "valide_jusqu_au",
]


def _record(request, profile: AgentProfile | None) -> TrainingRecord:
    if profile is None or not can(request.user, Action.VIEW_LEARNER_PROGRESS, profile):
        raise Http404
    return training_record(profile, today=timezone.localdate())


def _own(request) -> TrainingRecord:
    return _record(request, profile_of(request.user))


def _learner(request, pk: int) -> TrainingRecord:
    learner = get_object_or_404(
        AgentProfile.objects.select_related("user", "maison"), pk=pk, user__is_active=True
    )
    return _record(request, learner)


def _csv(record: TrainingRecord) -> HttpResponse:
    return csv_response(
        "parcours-de-formation.csv",
        CSV_HEADER,
        [
            (
                line.completion.module_code,
                line.completion.module_title,
                line.completion.module_version,
                timezone.localtime(line.completion.completed_at).date(),
                line.completion.score,
                line.hours,
                line.completion.source,
                line.completion.valid_until,
            )
            for line in record.lines
        ],
    )


def _page(request, record: TrainingRecord, *, pdf_url: str, own: bool):
    if wants_csv(request):
        return _csv(record)
    return TemplateResponse(
        request,
        "training/records/record.html",
        {"record": record, "pdf_url": pdf_url, "own": own},
    )


def _pdf(record: TrainingRecord) -> HttpResponse:
    response = HttpResponse(
        pdf.attestation_pdf(record, issued_on=timezone.localdate()),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = 'attachment; filename="attestation-de-formation.pdf"'
    return response


@login_required
@require_GET
def my_record(request):
    return _page(request, _own(request), pdf_url=reverse("training:my_record_pdf"), own=True)


@login_required
@require_GET
def my_record_pdf(request):
    return _pdf(_own(request))


@login_required
@require_GET
def learner_record(request, pk: int):
    record = _learner(request, pk)
    return _page(
        request, record, pdf_url=reverse("training:learner_record_pdf", args=[pk]), own=False
    )


@login_required
@require_GET
def learner_record_pdf(request, pk: int):
    return _pdf(_learner(request, pk))
