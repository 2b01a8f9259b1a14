"""The maisons' changes in the members area: the agent's page of their maison
(``/espace-agents/ma-maison/``: its information, "confirm without change", the proposal's
forms, the open change), and the coordinators' queue
(``/espace-agents/pilotage/modifications/``, also as CSV) with each change's before/after
and decision. A change outside the member's territory answers 404; the agent's pages
answer 403 to a member without a maison of their own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.csv_tables import CsvTable, csv_streaming_response, wants_csv

from ..permissions import Action, can, profile_of
from . import proposal, selectors, services
from .forms import DecisionForm, ProposalForms, with_more_rows

QUEUE_PAGE_SIZE = 50


def _own_maison(request):
    """The maison of the agent asking, when they may propose changes to it."""
    profile = profile_of(request.user)
    maison = profile.maison if profile is not None and profile.maison_id else None
    if maison is None or not can(request.user, Action.PROPOSE_MAISON_CHANGE, maison):
        raise PermissionDenied(_("Only the agents of a maison update its information."))
    return maison


@login_required
@require_GET
def mine(request):
    maison = _own_maison(request)
    state = proposal.current_state(maison)
    change = selectors.open_change(maison)
    return TemplateResponse(
        request,
        "network/maison_changes/mine.html",
        {
            "maison": maison,
            "summary": proposal.summary(state),
            "change": change,
            "diff": proposal.diff(state, change.proposal) if change else [],
            "decisions": selectors.recent_decisions(maison),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def propose(request):
    maison = _own_maison(request)
    state = proposal.current_state(maison)
    change = selectors.open_change(maison)
    if change is not None:
        state = {**state, **change.proposal}
    data = request.POST if request.method == "POST" else None
    more_rows = data is not None and data.get("more_rows") in proposal.RELATIONS
    if more_rows:
        data = with_more_rows(data, request.POST["more_rows"])
    forms = ProposalForms(state, data)
    if data is not None and not more_rows and forms.is_valid():
        try:
            services.propose(maison=maison, sections=forms.value(), user=request.user)
        except services.NothingChanged:
            messages.info(
                request,
                _("Nothing differs from the published information: confirm it unchanged."),
            )
        except services.NotOpen:
            messages.warning(
                request, _("Another change of your maison was just proposed: read it first.")
            )
        else:
            messages.success(request, _("Your change is sent to your coordinator."))
        return redirect("maison_changes:mine")
    return TemplateResponse(
        request,
        "network/maison_changes/propose.html",
        {"maison": maison, "forms": forms, "change": change, "bound": data is not None},
    )


@login_required
@require_POST
def confirm(request):
    maison = _own_maison(request)
    services.confirm_unchanged(maison=maison, user=request.user)
    messages.success(request, _("Thank you: the information is confirmed as of today."))
    return redirect("maison_changes:mine")


@login_required
@require_POST
def withdraw(request):
    maison = _own_maison(request)
    try:
        services.withdraw(maison=maison, user=request.user)
    except services.NotOpen:
        messages.warning(request, _("This change was already decided or withdrawn."))
    else:
        messages.success(request, _("Your change is withdrawn."))
    return redirect("maison_changes:mine")


def _coordinating(request):
    if not can(request.user, Action.VIEW_STEERING):
        raise Http404
    return profile_of(request.user)


@login_required
@require_GET
def queue(request):
    changes = selectors.queue(_coordinating(request))
    if wants_csv(request):
        return csv_streaming_response(
            CsvTable(
                "modifications-en-attente.csv",
                selectors.QUEUE_CSV_HEADER,
                selectors.queue_csv_rows(changes.iterator()),
            )
        )
    page = Paginator(changes, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "network/maison_changes/queue.html",
        {
            "page_obj": page,
            "rows": [(change, selectors.section_titles(change)) for change in page],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, pk: int):
    change = selectors.change_to_decide(pk)
    if change is None or not can(request.user, Action.DECIDE_MAISON_CHANGE, change.maison):
        raise Http404
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decide = (
            services.approve
            if form.cleaned_data["decision"] == DecisionForm.APPROVE
            else services.send_back
        )
        try:
            decide(change_pk=change.pk, user=request.user, comment=form.cleaned_data["comment"])
        except services.NotOpen:
            messages.warning(request, _("This change is no longer pending: nothing was done."))
            return redirect(change)
        messages.success(
            request,
            _("The change is published.")
            if decide is services.approve
            else _("The change is sent back to the maison."),
        )
        return redirect("maison_changes:queue")
    return TemplateResponse(
        request,
        "network/maison_changes/detail.html",
        {
            "change": change,
            "diff": proposal.diff(proposal.current_state(change.maison), change.proposal),
            "form": form if change.status == change.Status.PENDING else None,
        },
    )
