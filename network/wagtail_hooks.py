from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import AgentProfile, SecurityEvent


class AgentProfileViewSet(ModelViewSet):
    """Member profiles in the admin, for those granted the model's permissions."""

    model = AgentProfile
    icon = "group"
    menu_label = _("Members")
    add_to_admin_menu = True
    list_display = ["__str__", "role", "maison", "department", "region", "partner"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__last_name", "user__first_name"]
    form_fields = ["user", "role", "maison", "department", "region", "partner", "job_title"]


@hooks.register("register_admin_viewset")
def register_agent_profiles():
    return AgentProfileViewSet("member_profiles")


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Viewing for those granted the model's "view" permission; no one adds, changes or
    deletes, superusers included."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


class SecurityEventViewSet(ModelViewSet):
    """The audit log, read in the admin by the national cell."""

    model = SecurityEvent
    icon = "history"
    menu_label = _("Audit log")
    add_to_admin_menu = True
    list_display = ["at", "kind", "user_id", "actor_id", "ip_address"]
    list_filter = ["kind"]
    inspect_view_enabled = True
    form_fields = []


register_permission_policy(SecurityEvent, ReadOnlyPolicy(SecurityEvent))


@hooks.register("register_admin_viewset")
def register_audit_log():
    return SecurityEventViewSet("audit_log")
