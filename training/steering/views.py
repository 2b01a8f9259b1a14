"""The coordinators' steering pages, under the training follow-up: each maison's trained
agents and the agents-by-modules matrix of their territory (the national cell: all)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from network.permissions import Action
from network.selectors import maisons_covered
from portal.csv_tables import csv_response, wants_csv

from ..views import _member
from . import selectors, services

SHORT_TABLE = 50


@login_required
@require_GET
def maisons(request):
    profile = _member(request, Action.VIEW_TRAINING_STEERING)
    today = timezone.localdate()
    covered = maisons_covered(profile)
    form = selectors.MaisonsFilter(request.GET or None, maisons=covered)
    overview = selectors.maisons_overview(form.apply(covered), today=today)
    if wants_csv(request):
        selectors.with_agents(overview.below_two, overview, today=today)
        return csv_response(
            "maisons-moins-de-deux-agents-formes.csv",
            ["france_services", "departement", "agents_formes", "agent", "modules_manquants"],
            [
                (row.title, row.department, row.trained, agent.name, " ".join(agent.lacks))
                for row in overview.below_two
                for agent in row.agents or [selectors.AgentLack("", [])]
            ],
        )
    page = Paginator(overview.below_two, selectors.MAISONS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    selectors.with_agents(list(page), overview, today=today)
    return TemplateResponse(
        request,
        "training/steering/maisons.html",
        {"form": form, "overview": overview, "page_obj": page},
    )


def _matrix_csv(table: str, steer: selectors.Steering):
    if table == "modules":
        return csv_response(
            "taux-par-module.csv",
            ["code", "module", "obligatoire", "agents", "termines", "taux", "en_retard"],
            [
                (
                    r.entry.code,
                    r.entry.title,
                    r.entry.mandatory,
                    r.agents,
                    r.done,
                    r.percent,
                    r.overdue,
                )
                for r in steer.module_rates()
            ],
        )
    if table == "maisons":
        return csv_response(
            "taux-par-maison.csv",
            ["france_services", "agents", "obligatoires_termines", "obligatoires", "taux"],
            [
                (r.title, r.agents, r.mandatory_done, r.mandatory_total, r.percent)
                for r in steer.maison_rates()
            ],
        )
    if table == "retards":
        late = steer.overdue_by_user()
        return csv_response(
            "modules-obligatoires-en-retard.csv",
            ["nom", "prenom", "france_services", "code", "module"],
            [
                (p.user.last_name, p.user.first_name, p.maison.title, entry.code, entry.title)
                for p in steer.agents
                for entry in late.get(p.user_id, [])
            ],
        )
    if table == "recyclages":
        return csv_response(
            "recyclages-a-90-jours.csv",
            ["nom", "prenom", "france_services", "code", "module", "valide_jusqu_au"],
            [
                (
                    c.user.last_name,
                    c.user.first_name,
                    _maison_title(c.user),
                    c.module_code,
                    c.module_title,
                    c.valid_until.isoformat(),
                )
                for c in steer.refreshers_due()
            ],
        )
    return csv_response(
        "matrice-agents-modules.csv",
        ["nom", "prenom", "france_services"] + [entry.code for entry in steer.entries],
        [
            (
                row.profile.user.last_name,
                row.profile.user.first_name,
                row.profile.maison.title,
                *(str(label) for _status, label in row.cells),
            )
            for row in steer.rows(steer.agents)
        ],
    )


def _maison_title(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.maison.title if profile is not None and profile.maison else ""


@login_required
@require_GET
def matrix(request):
    profile = _member(request, Action.VIEW_TRAINING_STEERING)
    steer = selectors.steering(profile, today=timezone.localdate())
    form = selectors.MatrixFilter(
        request.GET or None, maisons=maisons_covered(profile), entries=steer.entries
    )
    steer.agents = selectors.filtered(steer, form)
    if wants_csv(request):
        return _matrix_csv(request.GET.get("table", ""), steer)
    page = Paginator(steer.agents, selectors.MATRIX_PAGE_SIZE).get_page(request.GET.get("page"))
    maison_rates = steer.maison_rates()
    refreshers = steer.refreshers_due()
    return TemplateResponse(
        request,
        "training/steering/matrix.html",
        {
            "form": form,
            "steer": steer,
            "page_obj": page,
            "rows": steer.rows(page),
            "module_rates": steer.module_rates(),
            "maison_rates": maison_rates[:SHORT_TABLE],
            "maison_count": len(maison_rates),
            "refreshers": refreshers[:SHORT_TABLE],
            "refresher_days": selectors.REFRESHER_DAYS,
            "query": _without(request.GET, "page", "format", "table"),
        },
    )


def _without(query, *names) -> str:
    query = query.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@login_required
@require_POST
def remind(request):
    profile = _member(request, Action.REMIND_LATE_AGENTS)
    reminded = services.remind_late_agents(profile=profile, now=timezone.now())
    messages.success(
        request,
        ngettext(
            "%(count)d late agent was reminded by e-mail.",
            "%(count)d late agents were reminded by e-mail.",
            reminded,
        )
        % {"count": reminded},
    )
    return redirect("training:steering_matrix")
