"""The référents directory (``/espace-agents/referents/``) and its management by the
partners' trainers and the national cell. A back office a member may not see answers 404
(its existence stays unsaid); one they see but may not manage answers 403 with the
reason."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Locale

from directory.models import Partner
from network.models import Role
from network.permissions import Action, can, profile_of
from portal.csv_tables import csv_response, wants_csv

from ..models import BackOffice, Motive, Referent
from . import rules, selectors, services
from .forms import AwayForm, BackOfficeForm, MotiveForm, ReferentForm


class Refused(Exception):
    """A member sees the back office or partner, but may not manage it."""


def _refusals_as_403(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Refused as refusal:
            return TemplateResponse(
                request,
                "network/escalations/referents/refused.html",
                {"reason": str(refusal)},
                status=403,
            )

    return wrapped


def _managed_office(request, pk: int) -> BackOffice:
    office = get_object_or_404(
        BackOffice.objects.select_related("partner", "department", "region"), pk=pk
    )
    if not can(request.user, Action.VIEW_BACK_OFFICE, office):
        raise Http404
    if not can(request.user, Action.MANAGE_BACK_OFFICE, office):
        raise Refused(
            _("Only the partner's trainers and the national cell manage its back offices.")
        )
    return office


def _managed_referent(request, pk: int) -> Referent:
    referent = get_object_or_404(
        Referent.objects.select_related("user", "back_office__partner"), pk=pk
    )
    _managed_office(request, referent.back_office_id)
    return referent


def _managed_partner(request, pk: int) -> Partner:
    partner = get_object_or_404(Partner, pk=pk)
    if not can(request.user, Action.MANAGE_MOTIVES, partner):
        profile = profile_of(request.user)
        if profile is None or profile.role == Role.PARTNER_TRAINER:
            raise Http404  # another partner's
        raise Refused(_("Only the partner's trainers and the national cell manage its motives."))
    return partner


def _managed_motive(request, pk: int) -> Motive:
    motive = get_object_or_404(Motive.objects.select_related("partner"), pk=pk)
    _managed_partner(request, motive.partner_id)
    return motive


@login_required
@require_GET
def directory(request):
    profile = profile_of(request.user)
    if profile is None or not can(request.user, Action.VIEW_REFERENTS):
        raise Http404
    visible = selectors.back_offices_visible_to(request.user)
    many = profile.role != Role.AGENT
    filters = selectors.DirectoryFilter(request.GET or None, offices=visible) if many else None
    offices = list(selectors.with_referents(filters.apply(visible) if filters else visible))
    today = timezone.localdate()
    for office in offices:
        office.territory = selectors.territory_label(office)
        office.days = selectors.opening_days_label(office.opening_days)
        office.manageable = rules.speaks_for(profile, office.partner_id)
        for referent in office.referents.all():
            referent.status = selectors.referent_status(referent, today)
    if wants_csv(request):
        return csv_response(
            "referents.csv",
            [
                _("Partner"),
                _("Territory"),
                _("Back office"),
                _("Team mailbox"),
                _("Phone"),
                _("Opening days"),
                _("Referents"),
            ],
            (
                [
                    office.partner.name,
                    office.territory,
                    office.name,
                    office.mailbox,
                    office.phone,
                    office.days,
                    "; ".join(
                        f"{referent} ({referent.status})" if referent.status else str(referent)
                        for referent in office.referents.all()
                    ),
                ]
                for office in offices
            ),
        )
    managed_partners = []
    if rules.manages_some(profile):
        managed_partners = Partner.objects.filter(locale=Locale.get_default()).order_by("name")
        if profile.role != Role.NATIONAL_CELL:
            managed_partners = managed_partners.filter(pk=profile.partner_id)
    return TemplateResponse(
        request,
        "network/escalations/referents/index.html",
        {
            "groups": selectors.grouped_by_partner(offices),
            "filters": filters,
            "managed_partners": list(managed_partners),
            "csv_query": _csv_query(request),
        },
    )


def _csv_query(request) -> str:
    query = request.GET.copy()
    query["format"] = "csv"
    return query.urlencode()


@login_required
@require_http_methods(["GET", "POST"])
@_refusals_as_403
def back_office_create(request):
    if profile_of(request.user) is None:
        raise Http404
    if not can(request.user, Action.MANAGE_BACK_OFFICE):
        raise Refused(_("Only the partners' trainers and the national cell create back offices."))
    return _back_office_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
@_refusals_as_403
def back_office_edit(request, pk: int):
    return _back_office_form(request, _managed_office(request, pk))


def _back_office_form(request, office: BackOffice | None):
    form = BackOfficeForm(
        request.POST or None, profile=profile_of(request.user), back_office=office
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not can(request.user, Action.MANAGE_BACK_OFFICE, data["partner"]):
            raise Refused(_("You may not manage this partner's back offices."))
        office = services.save_back_office(
            actor=request.user,
            back_office=office,
            **{name: data[name] for name in form.fields},
        )
        messages.success(request, _("The back office is saved."))
        return redirect("referents:back_office", pk=office.pk)
    return TemplateResponse(
        request,
        "network/escalations/referents/back_office_form.html",
        {"form": form, "office": office},
        status=400 if form.errors else 200,
    )


def _office_page(request, office: BackOffice, *, referent_form=None, status=200):
    today = timezone.localdate()
    referents = list(office.referents.select_related("user", "deputy__user"))
    for referent in referents:
        referent.status = selectors.referent_status(referent, today)
    return TemplateResponse(
        request,
        "network/escalations/referents/back_office.html",
        {
            "office": office,
            "territory": selectors.territory_label(office),
            "days": selectors.opening_days_label(office.opening_days),
            "referents": referents,
            "referent_form": referent_form or ReferentForm(back_office=office),
        },
        status=status,
    )


@login_required
@require_GET
@_refusals_as_403
def back_office(request, pk: int):
    return _office_page(request, _managed_office(request, pk))


@login_required
@require_POST
@_refusals_as_403
def referent_add(request, pk: int):
    office = _managed_office(request, pk)
    form = ReferentForm(request.POST, back_office=office)
    if not form.is_valid():
        return _office_page(request, office, referent_form=form, status=400)
    referent = services.add_referent(
        actor=request.user, back_office=office, user=form.cleaned_data["user"]
    )
    messages.success(
        request, _("%(name)s is now a referent of this back office.") % {"name": referent}
    )
    return redirect("referents:back_office", pk=office.pk)


@login_required
@require_POST
@_refusals_as_403
def referent_remove(request, pk: int):
    referent = _managed_referent(request, pk)
    services.remove_referent(actor=request.user, referent=referent)
    messages.success(
        request, _("%(name)s is no longer a referent of this back office.") % {"name": referent}
    )
    return redirect("referents:back_office", pk=referent.back_office_id)


@login_required
@require_http_methods(["GET", "POST"])
@_refusals_as_403
def referent_away(request, pk: int):
    referent = _managed_referent(request, pk)
    form = AwayForm(request.POST or None, referent=referent)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.set_away(
            actor=request.user,
            referent=referent,
            away_from=data["away_from"],
            away_until=data["away_until"],
            deputy=data["deputy"],
        )
        messages.success(request, _("The absence of %(name)s is saved.") % {"name": referent})
        return redirect("referents:back_office", pk=referent.back_office_id)
    return TemplateResponse(
        request,
        "network/escalations/referents/away.html",
        {"referent": referent, "office": referent.back_office, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
@_refusals_as_403
def referent_back(request, pk: int):
    referent = _managed_referent(request, pk)
    services.set_away(
        actor=request.user, referent=referent, away_from=None, away_until=None, deputy=None
    )
    messages.success(request, _("%(name)s is back.") % {"name": referent})
    return redirect("referents:back_office", pk=referent.back_office_id)


@login_required
@require_http_methods(["GET", "POST"])
@_refusals_as_403
def motives(request, pk: int):
    partner = _managed_partner(request, pk)
    form = MotiveForm(request.POST or None, partner=partner)
    if request.method == "POST" and form.is_valid():
        services.add_motive(actor=request.user, partner=partner, label=form.cleaned_data["label"])
        messages.success(request, _("The motive is added."))
        return redirect("referents:motives", pk=partner.pk)
    return _motives_page(request, partner, form=form, status=400 if form.errors else 200)


def _motives_page(request, partner, *, form=None, rename=None, status=200):
    items = list(selectors.motives_of(partner))
    return TemplateResponse(
        request,
        "network/escalations/referents/motives.html",
        {
            "partner": partner,
            "motives": items,
            "last": items[-1] if items else None,
            "form": form or MotiveForm(partner=partner),
            "rename": rename,
        },
        status=status,
    )


@login_required
@require_POST
@_refusals_as_403
def motive_rename(request, pk: int):
    motive = _managed_motive(request, pk)
    form = MotiveForm(request.POST, partner=motive.partner, motive=motive, prefix=f"motive-{pk}")
    if not form.is_valid():
        return _motives_page(request, motive.partner, rename=(motive.pk, form), status=400)
    services.rename_motive(actor=request.user, motive=motive, label=form.cleaned_data["label"])
    messages.success(request, _("The motive is renamed."))
    return redirect("referents:motives", pk=motive.partner_id)


@login_required
@require_POST
@_refusals_as_403
def motive_move(request, pk: int):
    motive = _managed_motive(request, pk)
    services.move_motive(
        actor=request.user, motive=motive, up=request.POST.get("direction") == "up"
    )
    return redirect(reverse("referents:motives", args=[motive.partner_id]) + f"#motive-{pk}")


@login_required
@require_POST
@_refusals_as_403
def motive_switch(request, pk: int):
    motive = _managed_motive(request, pk)
    services.switch_motive(actor=request.user, motive=motive, active=not motive.active)
    if motive.active:
        messages.success(request, _("The motive is offered again."))
    else:
        messages.success(request, _("The motive is no longer offered."))
    return redirect("referents:motives", pk=motive.partner_id)


@login_required
@require_POST
@_refusals_as_403
def motive_remove(request, pk: int):
    motive = _managed_motive(request, pk)
    if services.remove_motive(actor=request.user, motive=motive):
        messages.success(request, _("The motive is deleted."))
    else:
        messages.warning(
            request,
            _("Escalations use this motive: it is no longer offered, but not deleted."),
        )
    return redirect("referents:motives", pk=motive.partner_id)
