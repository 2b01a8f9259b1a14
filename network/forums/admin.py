"""The forum spaces in the Wagtail admin (``/admin/forum_spaces/``), for the national cell
(``can(user, MANAGE_FORUM_SPACES)``) and superusers, once granted the model's permissions:
title, description, kind, region or partner, and the members of a private space. Who reads
the others follows roles and territories (``network.forums.rules``)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import DeleteView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from directory.models import Partner
from network.models import Role
from network.permissions import Action, can

from .models import Space, SpaceKind

# Addresses of the forums that a space's slug would hide (``forums.urls``).
RESERVED_SLUGS = {"recherche", "messages", "sujets", "pieces-jointes"}


class SpacePolicy(ModelPermissionPolicy):
    """The model's permissions, for the national cell and superusers only."""

    def user_has_permission(self, user, action):
        return super().user_has_permission(user, action) and (
            user.is_superuser or can(user, Action.MANAGE_FORUM_SPACES)
        )

    def users_with_any_permission(self, actions):
        return (
            super()
            .users_with_any_permission(actions)
            .filter(Q(is_superuser=True) | Q(profile__role=Role.NATIONAL_CELL))
        )


class SpaceForm(WagtailAdminModelForm):
    """The region for a region's space only, the partner for a partner's, members for a
    private one: said field by field rather than as a broken database constraint."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.filter(
            locale=Locale.get_default()
        ).order_by("name")
        self.fields["members"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, profile__isnull=False)
            .order_by("last_name", "first_name", "email")
        )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            self.add_error("slug", _("This address is taken by the forums: choose another."))
        return slug

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == SpaceKind.REGION and not data.get("region"):
            self.add_error("region", _("A region's space needs its region."))
        if kind != SpaceKind.REGION and data.get("region"):
            self.add_error("region", _("Only a region's space has a region."))
        if kind == SpaceKind.PARTNER and not data.get("partner"):
            self.add_error("partner", _("A partner's space needs its partner."))
        if kind != SpaceKind.PARTNER and data.get("partner"):
            self.add_error("partner", _("Only a partner's space has a partner."))
        if kind != SpaceKind.PRIVATE and data.get("members"):
            self.add_error(
                "members",
                _("Only a private space has members: roles and territories open the others."),
            )
        return data


class SpaceDeleteView(DeleteView):
    """A space holding topics is kept: deleting it would delete them."""

    def dispatch(self, request, *args, **kwargs):
        if self.object.topics.exists():
            messages.error(
                request,
                _("This space holds topics: move them to another space before deleting it."),
            )
            return redirect(reverse(self.index_url_name))
        return super().dispatch(request, *args, **kwargs)


class SpaceViewSet(ModelViewSet):
    model = Space
    icon = "group"
    menu_label = _("Forum spaces")
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    delete_view_class = SpaceDeleteView
    list_display = ["title", "kind", "region", "partner", "order"]
    list_filter = ["kind"]
    search_fields = ["title", "slug"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("slug"),
            FieldPanel("description"),
            FieldPanel("kind"),
            FieldPanel("region"),
            FieldPanel("partner"),
            FieldPanel("members"),
            FieldPanel("order"),
        ],
        base_form_class=SpaceForm,
    )
