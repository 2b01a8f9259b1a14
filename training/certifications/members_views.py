"""The certifications in the members' area: "Mes certifications" (each credential, its PDF
certificate, the files for a wallet, the name shown), and the partner trainers' pages
(the credentials they issued, issuance by hand, revocation, suspension)."""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import npgettext, pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from network.permissions import Action, can, profile_of
from portal.csv_tables import csv_response, wants_csv

from . import keys, links, pdf, services
from .forms import CredentialFilter, HolderNameForm, IssueForm, StatusForm
from .models import CertificationDefinition, Credential, CredentialStatus

EXPIRING_DAYS = 60
PAGE_SIZE = 50


@dataclass
class Standing:
    """A credential as its holder sees it today."""

    credential: Credential
    state: str  # "valid", "expiring", "expired", "suspended", "revoked"
    days_left: int | None

    @property
    def label(self) -> str:
        if self.state == "expiring":
            return npgettext(
                "certification",
                "Expires in %(days)s day",
                "Expires in %(days)s days",
                self.days_left,
            ) % {"days": self.days_left}
        return {
            "valid": pgettext("certification", "Valid"),
            "expired": pgettext("certification", "Expired"),
            "suspended": pgettext("certification", "Suspended"),
            "revoked": pgettext("certification", "Revoked"),
        }[self.state]

    @property
    def badge(self) -> str:
        return {
            "valid": "success",
            "expiring": "warning",
            "expired": "error",
            "suspended": "warning",
            "revoked": "error",
        }[self.state]


def standing(credential: Credential, *, today: datetime.date) -> Standing:
    if credential.status == CredentialStatus.REVOKED:
        return Standing(credential, "revoked", None)
    if credential.status == CredentialStatus.SUSPENDED:
        return Standing(credential, "suspended", None)
    if credential.valid_until is None:
        return Standing(credential, "valid", None)
    days_left = (timezone.localdate(credential.valid_until) - today).days
    if days_left < 0:
        return Standing(credential, "expired", None)
    return Standing(credential, "expiring" if days_left <= EXPIRING_DAYS else "valid", days_left)


def public_url(credential: Credential, name: str = "verify") -> str:
    """The absolute address of a credential's public page (``verify``) or files."""
    return links.absolute(name, pk=credential.pk)


def _own_credential(request, pk) -> Credential:
    """The member's own credential; a 404 for anyone else's, or for none."""
    if profile_of(request.user) is None:
        raise Http404
    return get_object_or_404(
        Credential.objects.select_related("definition", "partner", "definition__image"),
        pk=pk,
        user=request.user,
    )


@login_required
@require_GET
def my_certifications(request):
    if not can(request.user, Action.TAKE_TRAINING):
        raise Http404
    today = timezone.localdate()
    credentials = Credential.objects.filter(user=request.user).select_related(
        "definition", "definition__refresher_module", "partner"
    )
    rows = [
        {
            "standing": standing(credential, today=today),
            "verify_url": public_url(credential),
            "json_url": public_url(credential, "credential_json"),
            "jwt_url": public_url(credential, "credential_jwt"),
            "form": HolderNameForm(credential=credential, auto_id=f"id_{credential.pk}_%s"),
        }
        for credential in credentials
    ]
    return TemplateResponse(request, "training/certifications/members/mine.html", {"rows": rows})


@login_required
@require_POST
def holder_name(request, pk):
    credential = _own_credential(request, pk)
    form = HolderNameForm(request.POST, credential=credential)
    if form.is_valid():
        form.save()
        messages.success(request, _("The name shown on the verification page is changed."))
    else:
        messages.error(request, _("Choose one of the names offered."))
    return redirect("training:my_certifications")


@login_required
@require_GET
def certificate_pdf(request, pk):
    credential = _own_credential(request, pk)
    response = HttpResponse(
        pdf.certificate_pdf(credential, verify_url=public_url(credential)),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="certification-{credential.definition.code}.pdf"'
    )
    return response


# The partner trainers' pages -------------------------------------------------------------


def _issuable(request):
    """The definitions the member may issue; a 403 to whoever manages no partner's
    certifications."""
    if not can(request.user, Action.MANAGE_CERTIFICATIONS):
        raise PermissionDenied
    return [
        definition
        for definition in CertificationDefinition.objects.select_related("partner")
        if can(request.user, Action.ISSUE_CERTIFICATION, definition)
    ]


CSV_HEADER = ["certification", "titulaire", "statut", "delivree_le", "valide_jusqu_au", "motif"]


@login_required
@require_GET
def issued(request):
    definitions = _issuable(request)
    queryset = CertificationDefinition.objects.filter(pk__in=[d.pk for d in definitions])
    form = CredentialFilter(request.GET or None, definitions=queryset)
    credentials = form.apply(
        Credential.objects.filter(definition__in=queryset)
        .select_related("definition", "user")
        .order_by("-issued_at")
    )
    if wants_csv(request):
        return csv_response(
            "certifications-delivrees.csv",
            CSV_HEADER,
            [
                (
                    c.definition.code,
                    c.holder_name,
                    c.get_status_display(),
                    timezone.localdate(c.issued_at),
                    timezone.localdate(c.valid_until) if c.valid_until else None,
                    c.status_reason or c.reason,
                )
                for c in credentials
            ],
        )
    page = Paginator(credentials, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return TemplateResponse(
        request,
        "training/certifications/members/issued.html",
        {
            "definitions": definitions,
            "form": form,
            "page_obj": page,
            "rows": [standing(credential, today=today) for credential in page],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue(request, code: str):
    definition = get_object_or_404(
        CertificationDefinition.objects.select_related("partner"), code=code
    )
    if not can(request.user, Action.ISSUE_CERTIFICATION, definition):
        raise PermissionDenied
    form = IssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            credential = services.issue(
                definition=definition,
                user=form.member,
                issued_by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except keys.SigningKeyUnavailable:
            form.add_error(
                None,
                _("This partner cannot sign yet: its signing key is missing. Tell the operators."),
            )
        else:
            messages.success(
                request,
                _("%(title)s issued to %(name)s.")
                % {"title": definition.title, "name": credential.holder_name},
            )
            return redirect("training:certifications_issued")
    return TemplateResponse(
        request,
        "training/certifications/members/issue.html",
        {"definition": definition, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def change_status(request, pk):
    credential = get_object_or_404(
        Credential.objects.select_related("definition", "partner", "user"), pk=pk
    )
    if not can(request.user, Action.REVOKE_CERTIFICATION, credential):
        raise PermissionDenied
    form = StatusForm(request.POST or None, credential=credential)
    if request.method == "POST" and form.is_valid():
        change = {
            StatusForm.REVOKE: services.revoke,
            StatusForm.SUSPEND: services.suspend,
            StatusForm.REINSTATE: services.reinstate,
        }[form.cleaned_data["action"]]
        try:
            change(credential, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The credential's status is changed."))
            return redirect("training:certifications_issued")
    return TemplateResponse(
        request,
        "training/certifications/members/status.html",
        {
            "standing": standing(credential, today=timezone.localdate()),
            "form": form,
            "verify_url": public_url(credential),
        },
    )
