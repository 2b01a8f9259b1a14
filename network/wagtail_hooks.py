from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import AgentProfile


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
