"""The members area ("Espace agents"): every view asks ``permissions.can`` first."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.throttling import allow

from . import services, two_factor
from .audit import record
from .forms import (
    AcceptInvitationForm,
    DeleteAccountForm,
    InvitationForm,
    JoinRequestForm,
    ProfileForm,
    ResetForm,
)
from .models import AgentProfile, JoinRequest, News, SecurityEvent
from .permissions import Action, can, profile_of
from .selectors import (
    DIRECTORY_PAGE_SIZE,
    NEWS_PAGE_SIZE,
    MemberCard,
    MemberFilter,
    invitations_sent_by,
    join_requests_to_decide,
    listed_members,
    maisons_covered,
    news_for,
)

DASHBOARD_NEWS = 3


def _member_or_404(request, action: Action, target=None):
    """The member asking, when they may; a 404 otherwise, which says nothing of why."""
    if not can(request.user, action, target):
        raise Http404
    return profile_of(request.user)


@login_required
def dashboard(request):
    profile = _member_or_404(request, Action.VIEW_DASHBOARD)
    return TemplateResponse(
        request,
        "network/dashboard.html",
        {"profile": profile, "news": news_for(profile)[:DASHBOARD_NEWS]},
    )


@login_required
def news_list(request):
    profile = _member_or_404(request, Action.VIEW_DASHBOARD)
    page = Paginator(news_for(profile), NEWS_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "network/news_list.html", {"page_obj": page})


@login_required
def news_detail(request, pk: int):
    news = get_object_or_404(News.objects.select_related("region"), pk=pk)
    _member_or_404(request, Action.VIEW_NEWS, news)
    return TemplateResponse(request, "network/news_detail.html", {"news": news})


@login_required
def member_directory(request):
    _member_or_404(request, Action.VIEW_DIRECTORY)
    members = MemberFilter(request.GET or None, queryset=listed_members())
    page = Paginator(members.qs, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "network/directory.html",
        {
            "filter": members,
            "page_obj": page,
            "cards": [MemberCard.of(profile) for profile in page],
        },
    )


@login_required
def member_photo(request, pk: int):
    member = get_object_or_404(AgentProfile.objects.select_related("user"), pk=pk)
    _member_or_404(request, Action.VIEW_MEMBER, member)
    if not member.photo or not (member.shares_photo or member.user_id == request.user.pk):
        raise Http404
    return FileResponse(member.photo.open("rb"))


@login_required
@require_http_methods(["GET", "POST"])
def edit_profile(request):
    profile = profile_of(request.user)
    _member_or_404(request, Action.EDIT_PROFILE, profile)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.update_profile(form=form)
        messages.success(request, _("Your profile has been saved."))
        return redirect("network:profile")
    return TemplateResponse(request, "network/profile.html", {"form": form, "profile": profile})


PASSWORD_RESETS_PER_HOUR = 5


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, a few per hour per client. The e-mail goes after the response
    (``network.tasks``, itself limited per account): the answer and the work done are the
    same whether the address is known or not."""

    template_name = "network/password_reset.html"
    form_class = ResetForm
    success_url = reverse_lazy("network:password_reset_done")

    def form_valid(self, form):
        if not allow(
            self.request, scope="password-reset", limit=PASSWORD_RESETS_PER_HOUR, seconds=3600
        ):
            return TemplateResponse(
                self.request,
                "network/password_reset.html",
                {"form": form, "throttled": True},
                status=429,
            )
        services.request_password_reset(email=form.cleaned_data["email"], request=self.request)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "network/password_reset_confirm.html"
    success_url = reverse_lazy("network:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        record(
            SecurityEvent.Kind.PASSWORD_RESET,
            request=self.request,
            user=form.user,
            actor=form.user,
        )
        return response


@login_required
@require_http_methods(["GET", "POST"])
def invitations(request):
    profile = _member_or_404(request, Action.INVITE)
    form = InvitationForm(
        request.POST or None, inviter_profile=profile, maisons=maisons_covered(profile)
    )
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite(
                inviter=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                request=request,
                **form.workplace(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("network:invitations")
    return TemplateResponse(
        request,
        "network/invitations.html",
        {"form": form, "sent": invitations_sent_by(request.user), "now": timezone.now()},
    )


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token: str):
    invitation = services.pending_invitation(token)
    form = AcceptInvitationForm(None, request.POST or None)
    if invitation is not None and request.method == "POST" and form.is_valid():
        user = services.accept_invitation(
            token=token,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            password=form.cleaned_data["new_password1"],
            request=request,
        )
        if user is not None:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to the members area."))
            return redirect("network:profile")
        invitation = None
    status = 200 if invitation is not None else 410
    return TemplateResponse(
        request,
        "network/accept_invitation.html",
        {"form": form, "invitation": invitation},
        status=status,
    )


JOIN_REQUESTS_PER_HOUR = 5


@require_http_methods(["GET", "POST"])
def ask_to_join(request):
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not allow(request, scope="join-request", limit=JOIN_REQUESTS_PER_HOUR, seconds=3600):
            return TemplateResponse(
                request, "network/join.html", {"form": form, "throttled": True}, status=429
            )
        form.save()
        return TemplateResponse(request, "network/join.html", {"sent": True})
    return TemplateResponse(request, "network/join.html", {"form": form})


@login_required
def join_requests(request):
    profile = profile_of(request.user)
    if profile is None or not can(request.user, Action.INVITE):
        raise Http404
    return TemplateResponse(
        request, "network/join_requests.html", {"pending": join_requests_to_decide(profile)}
    )


@login_required
@require_http_methods(["POST"])
def decide_join_request(request, pk: int):
    join_request = get_object_or_404(JoinRequest.objects.select_related("maison"), pk=pk)
    if not can(request.user, Action.APPROVE_JOIN, join_request.maison):
        raise Http404
    decision = request.POST.get("decision")
    if decision not in {"approve", "decline"}:
        return HttpResponseBadRequest(_("Choose to approve or to decline the request."))
    approve = decision == "approve"
    try:
        services.decide_join_request(
            join_request=join_request, approve=approve, decider=request.user, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Request approved: an invitation has been sent.")
            if approve
            else _("Request declined."),
        )
    return redirect("network:join_requests")


@login_required
@require_http_methods(["GET", "POST"])
def my_data(request):
    """ "Mes données": download everything held about me, or delete my account."""
    _member_or_404(request, Action.EXPORT_DATA, request.user)
    form = DeleteAccountForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        services.delete_account(user=request.user, request=request)
        logout(request)
        return TemplateResponse(request, "network/account_deleted.html")
    return TemplateResponse(request, "network/my_data.html", {"form": form})


@login_required
def export_my_data(request):
    _member_or_404(request, Action.EXPORT_DATA, request.user)
    data = services.personal_data(user=request.user, request=request)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-france-services.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Set up an authenticator app: scan the code (or type the key), give the first code."""
    if two_factor.confirmed_device(request.user) is not None:
        return redirect("network:two_factor_verify")
    device = two_factor.pending_device(request.user)
    error = ""
    if request.method == "POST":
        if two_factor.confirm(request, device, request.POST.get("token", "")):
            messages.success(request, _("Two-factor authentication is on."))
            return redirect(two_factor.next_url(request, reverse("network:dashboard")))
        error = _("This code is not the one your application shows. Try the next one.")
    return TemplateResponse(
        request,
        "network/two_factor_setup.html",
        {
            **two_factor.setup_details(device),
            "error": error,
            "required": two_factor.required_for(request.user),
            "next": two_factor.next_url(request, ""),
        },
        status=400 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """The second step of a login: the code of the member's authenticator app."""
    if two_factor.confirmed_device(request.user) is None:
        return redirect("network:two_factor_setup")
    error = ""
    if request.method == "POST":
        if two_factor.verify(request, request.POST.get("token", "")):
            return redirect(two_factor.next_url(request, reverse("network:dashboard")))
        error = _("Wrong or expired code. After several wrong codes, each new try waits longer.")
    return TemplateResponse(
        request,
        "network/two_factor_verify.html",
        {"error": error, "next": two_factor.next_url(request, "")},
        status=400 if error else 200,
    )
