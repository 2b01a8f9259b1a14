"""The dashboards: the overview of every panel the member may see, and each panel's page
(``?format=csv``: its table)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from portal.csv_tables import csv_streaming_response, wants_csv

from ..permissions import Action, can, profile_of
from ..registry import steering_panels
from ..selectors import maisons_covered
from .scope import SteeringScope


def _scope(request) -> SteeringScope:
    if not can(request.user, Action.VIEW_STEERING):
        raise Http404
    profile = profile_of(request.user)
    return SteeringScope(profile=profile, maisons=maisons_covered(profile))


@login_required
@require_GET
def overview(request):
    scope = _scope(request)
    cards = [(panel, panel.card(scope)) for panel in steering_panels(request.user)]
    return TemplateResponse(
        request, "network/steering/overview.html", {"scope": scope, "cards": cards}
    )


@login_required
@require_GET
def panel(request, slug: str):
    scope = _scope(request)
    shown = next((p for p in steering_panels(request.user) if p.slug == slug), None)
    if shown is None:
        raise Http404
    if wants_csv(request):
        return csv_streaming_response(shown.csv(request, scope))
    context = {"scope": scope, "panel": shown, **shown.page(request, scope)}
    return TemplateResponse(request, shown.page_template, context)
