"""The members' read-only JSON API (``/api/v1/membres/``): the member directory, for a
logged-in member who gave their second factor when they have or need one. Every answer
rests on ``network.permissions.can``, like the pages; none is cached."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from ninja import NinjaAPI, Path, Schema
from ninja.decorators import decorate_view
from ninja.errors import HttpError, ValidationError
from ninja.security import django_auth

from portal.fields import MAX_DB_INTEGER

from .models import AgentProfile
from .permissions import Action, can
from .selectors import DIRECTORY_PAGE_SIZE, MemberCard, MemberFilter, listed_members
from .two_factor import confirmed_device, required_for

api = NinjaAPI(
    title="France Services – espace agents",
    version="1",
    description="The member directory, for members: what each member chose to share.",
    urls_namespace="members-api",
    auth=django_auth,
    docs_url=None,
    openapi_url=None,  # the directory's API publishes its own at the same prefix
)


@api.exception_handler(ValidationError)
def bad_parameters(request, error):
    return api.create_response(request, {"detail": error.errors}, status=400)


def check_member(request, action: Action, target=None) -> None:
    """403 before the second factor, 404 to whoever may not ``action`` (as the pages say
    nothing of why); a session is checked before (401, ``django_auth``)."""
    user = request.user
    if not user.is_verified() and (confirmed_device(user) is not None or required_for(user)):
        raise HttpError(403, "Give your second factor in the members area first.")
    if not can(user, action, target):
        raise HttpError(404, "Not found.")


class MemberOut(Schema):
    id: int
    first_name: str
    last_name: str
    role: str
    role_label: str
    job_title: str
    maison: str | None
    department: str | None
    region: str | None
    partner: str | None
    email: str | None  # None: not shared
    phone: str | None
    photo_url: str | None

    @staticmethod
    def of(card: MemberCard) -> "MemberOut":
        profile = card.profile
        department = profile.department or (profile.maison and profile.maison.department)
        return MemberOut(
            id=profile.pk,
            first_name=profile.user.first_name,
            last_name=profile.user.last_name,
            role=profile.role,
            role_label=str(profile.get_role_display()),
            job_title=profile.job_title,
            maison=profile.maison.title if profile.maison else None,
            department=department.code if department else None,
            region=profile.region.name if profile.region else None,
            partner=profile.partner.name if profile.partner else None,
            email=card.email or None,
            phone=card.phone or None,
            photo_url=card.photo_url or None,
        )


class MemberPageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[MemberOut]


@api.get("/membres/", response=MemberPageOut, url_name="members")
@decorate_view(never_cache)
def members(request):
    """Listed members, filtered as the directory page: ``name``, ``maison``,
    ``department`` (code), ``role``; ``page`` of 20."""
    check_member(request, Action.VIEW_DIRECTORY)
    found = MemberFilter(request.GET or None, queryset=listed_members())
    if found.is_bound and not found.is_valid():
        raise HttpError(400, "; ".join(f"{k}: {' '.join(v)}" for k, v in found.errors.items()))
    page = Paginator(found.qs, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": [MemberOut.of(MemberCard.of(profile)) for profile in page],
    }


@api.get("/membres/{member_id}/", response=MemberOut, url_name="member")
@decorate_view(never_cache)
def member(request, member_id: int = Path(..., ge=1, le=MAX_DB_INTEGER)):
    check_member(request, Action.VIEW_DIRECTORY)
    profile = get_object_or_404(
        AgentProfile.objects.select_related(
            "user", "maison", "maison__department", "department", "region", "partner"
        ),
        pk=member_id,
    )
    check_member(request, Action.VIEW_MEMBER, profile)
    return MemberOut.of(MemberCard.of(profile))
