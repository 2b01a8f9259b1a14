"""Reads of the members area: the member directory and what a member sees of another."""

from dataclasses import dataclass

import django_filters
from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from directory.models import Department, MaisonPage

from .models import AgentProfile, Invitation, JoinRequest, News, Role
from .permissions import region_id_of

DIRECTORY_PAGE_SIZE = 20
NEWS_PAGE_SIZE = 10


def listed_members():
    """Members who chose to appear in the directory, with what their cards show."""
    return (
        AgentProfile.objects.filter(listed=True, user__is_active=True)
        .select_related("user", "maison", "maison__department", "department", "region", "partner")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def members_named(profiles, words: str):
    """The profiles whose first or last name holds each of ``words``."""
    for word in words.split():
        profiles = profiles.filter(
            Q(user__first_name__icontains=word) | Q(user__last_name__icontains=word)
        )
    return profiles


class MemberFilter(django_filters.FilterSet):
    """Search of the member directory: by name, maison, department and role."""

    name = django_filters.CharFilter(label=_("Name"), method="filter_name", max_length=100)
    maison = django_filters.CharFilter(
        label=_("France Services"),
        field_name="maison__title",
        lookup_expr="icontains",
        max_length=100,
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"),
        queryset=Department.objects.order_by("code"),
        to_field_name="code",
        method="filter_department",
        empty_label=_("All departments"),
    )
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=Role.choices, empty_label=_("All roles")
    )

    class Meta:
        model = AgentProfile
        fields = ["name", "maison", "department", "role"]

    def filter_name(self, queryset, name, value):
        return members_named(queryset, value)

    def filter_department(self, queryset, name, department):
        # Agents by their maison's department; coordinators by the department they cover
        # or the region it belongs to.
        return queryset.filter(
            Q(maison__department=department)
            | Q(department=department)
            | Q(region_id=department.region_id)
        )


@dataclass(frozen=True)
class MemberCard:
    """What one member shows another: name, role and workplace always, the rest if shared."""

    profile: AgentProfile
    email: str
    phone: str
    photo_url: str

    @classmethod
    def of(cls, profile: AgentProfile) -> "MemberCard":
        return cls(
            profile,
            email=profile.user.email if profile.shares_email else "",
            phone=profile.phone if profile.shares_phone else "",
            photo_url=reverse("network:member_photo", args=[profile.pk])
            if profile.shares_photo and profile.photo
            else "",
        )


def maisons_covered(profile: AgentProfile):
    """The live French maisons in the territory ``profile`` coordinates (none for others)."""
    maisons = MaisonPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)
    if profile.role == Role.NATIONAL_CELL:
        return maisons.order_by("title")
    if profile.role != Role.COORDINATOR:
        return maisons.none()
    if profile.department_id is not None:
        return maisons.filter(department_id=profile.department_id).order_by("title")
    return maisons.filter(department__region_id=profile.region_id).order_by("title")


def join_requests_to_decide(profile: AgentProfile):
    """Pending join requests for maisons ``profile`` covers, oldest first."""
    return (
        JoinRequest.objects.filter(
            status=JoinRequest.Status.PENDING, maison__in=maisons_covered(profile)
        )
        .select_related("maison")
        .order_by("created_at", "pk")
    )


def invitations_sent_by(user):
    return Invitation.objects.filter(invited_by=user).select_related("maison")[:50]


def news_for(profile: AgentProfile):
    """The published news ``profile`` may read (``can(VIEW_NEWS)``), newest first."""
    news = News.objects.published().select_related("region")
    if profile.role == Role.NATIONAL_CELL:
        return news
    return news.filter(Q(region__isnull=True) | Q(region_id=region_id_of(profile)))
