"""The escalations in the members area (``/espace-agents/saisines/``): the member's queue
(also as CSV), the form of a new escalation, one escalation with the steps the viewer may
take. An escalation the member may not read answers 404 (its existence stays unsaid);
a step they may not take on one they read answers 403 with the reason; a step its status
no longer allows (another référent was faster) says so on the page."""

import csv
from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from network.permissions import Action, can, profile_of

from . import clock, routing, selectors, services
from .forms import (
    TABS,
    EscalationForm,
    PartnerChoiceForm,
    QueueFilterForm,
    ReassignForm,
    RedirectForm,
    StepForm,
)
from .models import AuditEntry, Escalation, EscalationAttachment, EscalationStatus

Status = EscalationStatus

QUEUE_PAGE_SIZE = 50


def _refusals_as_403(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except services.EscalationRefused as refusal:
            return TemplateResponse(
                request, "network/escalations/refused.html", {"reason": str(refusal)}, status=403
            )

    return wrapped


def _readable(request, pk: int) -> Escalation:
    escalation = selectors.escalation_page(pk)
    if escalation is None or not can(request.user, Action.READ_ESCALATION, escalation):
        raise Http404
    return escalation


@login_required
@require_GET
def queue(request):
    profile = profile_of(request.user)
    if profile is None or not can(request.user, Action.VIEW_ESCALATIONS):
        raise PermissionDenied
    form = QueueFilterForm(request.GET or None, motives=selectors.motives_for(profile))
    escalations = selectors.queue(profile, form.filters())
    if request.GET.get("format") == "csv":
        return _csv(request, escalations)
    page = Paginator(escalations, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    handlers = selectors.reassignable_to(profile, page.object_list)
    return TemplateResponse(
        request,
        "network/escalations/queue.html",
        {
            "form": form,
            "agent_queue": selectors.is_agent_queue(profile),
            "tabs": TABS,
            "tab": form.filters().get("tab", "open"),
            "page_obj": page,
            "rows": [
                (
                    e,
                    clock.clock_status(e, now),
                    handlers.get(e.back_office_id) if e.is_open else None,
                )
                for e in page.object_list
            ],
            "may_create": profile.maison_id is not None
            and can(request.user, Action.CREATE_ESCALATION, profile.maison),
            "csv_query": _with_csv(request),
        },
    )


def _with_csv(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query["format"] = "csv"
    return query.urlencode()


def _csv(request, escalations) -> HttpResponse:
    """The queue's escalations without any free text; one EXPORTED entry in each one's
    audit log."""
    escalations = list(escalations)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="saisines.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow(selectors.CSV_COLUMNS)
    writer.writerows(selectors.csv_rows(escalations))
    AuditEntry.objects.bulk_create(
        AuditEntry(escalation=escalation, user=request.user, action=AuditEntry.Action.EXPORTED)
        for escalation in escalations
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
@_refusals_as_403
def create(request):
    profile = profile_of(request.user)
    maison = profile.maison if profile is not None else None
    if maison is None or not can(request.user, Action.CREATE_ESCALATION, maison):
        raise services.EscalationRefused(_("Only the agents of a maison send escalations."))
    choice = PartnerChoiceForm(request.POST or request.GET or None)
    if not choice.is_valid():
        return TemplateResponse(
            request, "network/escalations/choose_partner.html", {"form": choice}
        )
    partner = choice.cleaned_data["partner"]
    form = EscalationForm(request.POST or None, request.FILES or None, partner=partner)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            escalation = services.create_escalation(
                maison=maison,
                partner=partner,
                motive=data["motive"],
                description=data["description"],
                file_reference=data["file_reference"],
                consent_text=str(form.fields["consent"].label),
                attachments=data.get("attachments") or [],
                user=request.user,
                now=timezone.now(),
                confirmed=data["confirm"],
            )
        except services.PersonalDataFound as refusal:
            form.refuse(refusal)
        except services.WrongStep as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The escalation is sent to the partner's back office."))
            return redirect(escalation)
    return TemplateResponse(
        request,
        "network/escalations/create.html",
        {"form": form, "partner": partner, "maison": maison},
    )


def _forms(request, escalation: Escalation, action: str | None) -> dict:
    """The forms the viewer may use on ``escalation``, by action; the one posted bound."""
    user = request.user

    def data(name):
        return request.POST if name == action else None

    def files(name):
        return request.FILES if name == action else None

    forms = {}
    if can(user, Action.HANDLE_ESCALATION, escalation):
        if escalation.status in {Status.NEW, Status.TAKEN}:
            for name in ("question", "answer"):
                forms[name] = StepForm(data(name), files(name), prefix=name)
            forms["redirect"] = RedirectForm(
                data("redirect"), escalation=escalation, prefix="redirect"
            )
        handlers = routing.handlers_on(escalation.back_office, timezone.localdate())
        forms["reassign"] = ReassignForm(
            data("reassign"),
            handlers=get_user_model().objects.filter(pk__in=[u.pk for u in handlers]),
            prefix="reassign",
        )
    if (
        can(user, Action.REPLY_ESCALATION, escalation)
        and escalation.status == Status.WAITING_AGENT
    ):
        forms["reply"] = StepForm(data("reply"), files("reply"), prefix="reply")
    return forms


STEP_SERVICES = {
    "question": services.ask_question,
    "answer": services.answer,
    "reply": services.reply,
}


def _act(request, escalation: Escalation, action: str, forms: dict):
    """Run the posted step; None when its form is to be shown again with its errors."""
    now, user = timezone.now(), request.user
    if action == "take":
        services.take(escalation=escalation, user=user, now=now)
        return True
    if action == "close":
        services.close(escalation=escalation, user=user, now=now)
        return True
    form = forms.get(action)
    if form is None:
        raise services.EscalationRefused(_("You may not take this step on this escalation."))
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        if action == "reassign":
            services.reassign(escalation=escalation, to=data["to"], user=user, now=now)
        elif action == "redirect":
            services.redirect(
                escalation=escalation,
                to_back_office=data["back_office"],
                reason=data["reason"],
                user=user,
                now=now,
                confirmed=data["confirm"],
            )
        else:
            STEP_SERVICES[action](
                escalation=escalation,
                body=data["body"],
                user=user,
                now=now,
                uploads=data.get("attachments") or [],
                confirmed=data["confirm"],
            )
    except services.PersonalDataFound as refusal:
        form.refuse(refusal)
        return None
    return True


@login_required
@require_http_methods(["GET", "POST"])
@_refusals_as_403
def detail(request, pk: int):
    escalation = _readable(request, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    forms = _forms(request, escalation, action)
    if action is not None:
        try:
            done = _act(request, escalation, action, forms)
        except services.WrongStep as refusal:
            messages.error(request, str(refusal))
            done = True
        if done:
            if request.POST.get("back") == "queue" and can(request.user, Action.VIEW_ESCALATIONS):
                return redirect("escalations:queue")
            return redirect(escalation)
    else:
        AuditEntry.objects.create(
            escalation=escalation, user=request.user, action=AuditEntry.Action.READ
        )
    return TemplateResponse(
        request,
        "network/escalations/detail.html",
        {
            "escalation": escalation,
            "clock": clock.clock_status(escalation, timezone.now()),
            "steps": escalation.steps.all(),
            "forms": forms,
            "may_take": escalation.status == Status.NEW
            and can(request.user, Action.HANDLE_ESCALATION, escalation),
            "may_close": escalation.status == Status.ANSWERED
            and can(request.user, Action.REPLY_ESCALATION, escalation),
        },
    )


@login_required
@require_GET
def attachment(request, escalation_pk: int, pk: int):
    """The file, to members who read its escalation (a forged pair answers 404); never
    sniffed into another type; each download in the audit log."""
    attachment = get_object_or_404(
        EscalationAttachment.objects.select_related("escalation"),
        pk=pk,
        escalation_id=escalation_pk,
    )
    if not attachment.file or not can(request.user, Action.READ_ESCALATION, attachment.escalation):
        raise Http404
    AuditEntry.objects.create(
        escalation=attachment.escalation,
        user=request.user,
        action=AuditEntry.Action.DOWNLOADED,
        detail=str(attachment.pk),
    )
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=True,
        filename=attachment.name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
