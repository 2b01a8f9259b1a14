"""Certification definitions in the Wagtail admin, with their module criteria inline: a
partner's trainers edit their partner's only, the national cell every partner's
(``MANAGE_CERTIFICATIONS``, target the definition's partner). Loaded by
``training/wagtail_hooks.py``."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.views.generic import DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from directory.models import Partner
from network.models import Role
from network.permissions import Action, can

from .models import CertificationDefinition

EDITORS = {Role.NATIONAL_CELL, Role.PARTNER_TRAINER}


def partners_managed(user):
    """The (French-locale) partners whose certifications ``user`` may manage."""
    partners = Partner.objects.filter(locale__language_code="fr").order_by("name")
    if user.is_superuser:
        return partners
    return partners.filter(
        pk__in=[p.pk for p in partners if can(user, Action.MANAGE_CERTIFICATIONS, p)]
    )


class DefinitionPolicy(ModelPermissionPolicy):
    """Adding, changing and viewing for those who manage a partner's certifications (or a
    superuser); each definition only by those who manage its partner. Deleting is the
    superuser's: a definition with credentials cannot go."""

    def user_has_permission(self, user, action):
        return user.is_superuser or (
            action in {"add", "change", "view"} and can(user, Action.MANAGE_CERTIFICATIONS)
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return user.is_superuser or (
            self.user_has_permission(user, action)
            and can(user, Action.MANAGE_CERTIFICATIONS, instance.partner)
        )

    def instances_user_has_permission_for(self, user, action):
        definitions = CertificationDefinition.objects.all()
        if user.is_superuser:
            return definitions
        if not self.user_has_permission(user, action):
            return definitions.none()
        return definitions.filter(partner__in=partners_managed(user))

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(
            Q(is_superuser=True) | Q(is_active=True, profile__role__in=EDITORS)
        )


class DefinitionIndexView(IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        ).select_related("partner")


class DefinitionEditView(EditView):
    """Another partner's definition is not found (404), as if it did not exist."""

    def get_object(self, queryset=None):
        definition = super().get_object(queryset)
        if not self.user_has_permission_for_instance("change", definition):
            raise Http404
        return definition


class DefinitionDeleteView(DeleteView):
    def get_object(self, queryset=None):
        definition = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, "delete", definition
        ):
            raise Http404
        return definition


class DefinitionForm(WagtailAdminModelForm):
    """The partner chosen among those the editor manages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["partner"].queryset = partners_managed(self.for_user)


class DefinitionViewSet(ModelViewSet):
    model = CertificationDefinition
    icon = "tick-inverse"
    menu_label = _("Certifications")
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = DefinitionIndexView
    edit_view_class = DefinitionEditView
    delete_view_class = DefinitionDeleteView
    list_display = ["title", "partner", "code", "validity_months", "live"]
    list_filter = ["live"]
    search_fields = ["title", "code"]
    edit_handler = ObjectList(
        [
            FieldPanel("partner"),
            FieldPanel("code"),
            FieldPanel("title"),
            FieldPanel("description"),
            FieldPanel("criteria"),
            InlinePanel("module_criteria", label=_("Modules to complete"), heading=_("Modules")),
            FieldPanel("manual_assessment"),
            FieldPanel("validity_months"),
            FieldPanel("refresher_module"),
            FieldPanel("image"),
            FieldPanel("live"),
        ],
        base_form_class=DefinitionForm,
    )


register_permission_policy(CertificationDefinition, DefinitionPolicy(CertificationDefinition))


@hooks.register("register_admin_viewset")
def register_certifications():
    return DefinitionViewSet("certification_definitions")
