"""The members' agenda (``/espace-agents/agenda/``): sessions and meetings, registration,
the waiting list, attendance and signature sheets, and the private calendar feed. Every
view asks the permission module first and answers 404 for what the member may not see."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from network.permissions import Action, can
from portal.csv_tables import csv_response, wants_csv

from ..records.pdf import local_only
from . import ical, selectors, services
from .forms import AgendaFilter, FeedbackForm
from .models import Event, Registration, RegistrationStatus


def _allowed(request, action: Action, target=None) -> None:
    if not can(request.user, action, target):
        raise Http404


def _event(pk: int) -> Event:
    return get_object_or_404(
        Event.objects.select_related("module", "region", "department", "maison__department"),
        pk=pk,
    )


@login_required
@require_GET
def agenda(request):
    _allowed(request, Action.VIEW_AGENDA)
    form = AgendaFilter(request.GET or None)
    events = selectors.agenda(**form.filters())
    if wants_csv(request):
        return csv_response(
            "agenda.csv",
            ["type", "titre", "module", "debut", "fin", "lieu", "places", "inscrits"],
            [
                (
                    event.get_kind_display(),
                    event.title,
                    event.module.code if event.module else "",
                    timezone.localtime(event.starts_at).strftime("%Y-%m-%d %H:%M"),
                    timezone.localtime(event.ends_at).strftime("%Y-%m-%d %H:%M"),
                    event.place,
                    event.capacity,
                    event.taken,
                )
                for event in events
            ],
        )
    return TemplateResponse(
        request, "training/events/agenda.html", {"form": form, "events": events}
    )


@login_required
@require_GET
def detail(request, pk: int):
    _allowed(request, Action.VIEW_AGENDA)
    event = _event(pk)
    registration = selectors.registration_of(event, request.user)
    manages = can(request.user, Action.MANAGE_EVENT, event)
    return TemplateResponse(
        request,
        "training/events/detail.html",
        {
            "event": event,
            "registration": registration,
            "position": registration and selectors.waiting_position(registration),
            "taken": selectors.seats_taken(event),
            "may_register": registration is None
            and services.registration_open(event, timezone.now())
            and can(request.user, Action.REGISTER_EVENT, event),
            "manages": manages,
            "approves": can(request.user, Action.APPROVE_REGISTRATION, event),
            "attendees": selectors.attendees(event) if manages else None,
            "asks_feedback": can(request.user, Action.GIVE_EVENT_FEEDBACK, registration),
        },
    )


@login_required
@require_POST
def register(request, pk: int):
    _allowed(request, Action.VIEW_AGENDA)
    event = _event(pk)
    try:
        registration = services.register(event=event, user=request.user)
    except services.EventRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, registration.get_status_display())
    return redirect("events:detail", pk=event.pk)


@login_required
@require_POST
def cancel(request, pk: int):
    _allowed(request, Action.VIEW_AGENDA)
    event = _event(pk)
    registration = selectors.registration_of(event, request.user)
    if registration is None:
        raise Http404
    try:
        services.cancel_registration(registration=registration)
    except services.EventRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("events:detail", pk=event.pk)


@login_required
@require_POST
def decide(request, pk: int, registration_pk: int):
    event = _event(pk)
    _allowed(request, Action.APPROVE_REGISTRATION, event)
    registration = get_object_or_404(
        Registration, pk=registration_pk, event=event, status=RegistrationStatus.PENDING
    )
    services.decide_registration(
        registration=registration, approve=request.POST.get("decision") == "approve"
    )
    return redirect("events:detail", pk=event.pk)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk: int):
    event = _event(pk)
    _allowed(request, Action.MANAGE_EVENT, event)
    rows = list(selectors.registered(event))
    if request.method == "POST":
        ids = {r.pk for r in rows}
        present = {int(v) for v in request.POST.getlist("present") if v.isdigit()} & ids
        came = services.mark_attendance(event=event, present=present)
        messages.success(request, _("Attendance saved: %(count)d present.") % {"count": came})
        return redirect("events:attendance", pk=event.pk)
    return TemplateResponse(
        request,
        "training/events/attendance.html",
        {"event": event, "rows": rows, "feedback": selectors.feedback_summary(event)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def feedback(request, pk: int):
    """The member's opinion of an event they had a seat at, once it is over."""
    event = _event(pk)
    seat = selectors.own_seat(event, request.user)
    _allowed(request, Action.GIVE_EVENT_FEEDBACK, seat)
    given = getattr(seat, "feedback", None)  # None: not given yet
    initial = {"rating": given.rating, "comment": given.comment} if given else None
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.give_feedback(registration=seat, **form.cleaned_data)
        messages.success(request, _("Thank you: your opinion is saved."))
        return redirect("events:detail", pk=event.pk)
    return TemplateResponse(
        request,
        "training/events/feedback.html",
        {"event": event, "form": form, "given": given},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_GET
def signature_sheet(request, pk: int):
    """The signature sheet as PDF (weasyprint, local resources only)."""
    event = _event(pk)
    _allowed(request, Action.MANAGE_EVENT, event)
    html = render_to_string(
        "training/events/signature_sheet.html",
        {"event": event, "rows": selectors.registered(event)},
        request=request,
    )
    from weasyprint import HTML  # heavy: loaded when a sheet is asked for

    pdf = HTML(string=html, url_fetcher=local_only()).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="emargement-{event.pk}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def calendar(request):
    """Create, renew or revoke my private calendar address; the address is shown once."""
    _allowed(request, Action.VIEW_AGENDA)
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.revoke_feed(user=request.user)
            messages.success(request, _("Your calendar address no longer works."))
            return redirect("events:calendar")
        token = services.create_feed(user=request.user)
    feed_url = (
        request.build_absolute_uri(reverse("events:feed", kwargs={"token": token}))
        if token is not None
        else None
    )
    return TemplateResponse(
        request,
        "training/events/calendar.html",
        {"feed_url": feed_url, "has_feed": hasattr(request.user, "calendar_feed") or token},
    )


@require_GET
def feed(request, token: str):
    user = services.feed_owner(token)
    if user is None:
        raise Http404
    payload = ical.feed(selectors.my_events(user), timezone.now())
    return HttpResponse(payload, content_type="text/calendar; charset=utf-8")
