from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import services
from .activity import selectors as activity_selectors
from .activity import steering as activity_steering
from .activity import views as activity_views
from .escalations.personal_data import personal_data as escalations_personal_data
from .forums import admin as forums_admin
from .forums.digests import selectors as digest_selectors
from .forums.models import Space
from .forums.personal_data import personal_data as forums_personal_data
from .maison_changes import panel as maison_changes_panel
from .maison_changes import services as maison_changes_services
from .models import AgentProfile, News, Role, SecurityEvent
from .permissions import Action, can
from .registry import DashboardPanel, MembersAreaItem
from .steering import hours as steering_hours
from .steering import partners as steering_partners
from .steering.panels import escalations as escalations_panel
from .steering.panels import forums as forums_panel
from .steering.panels import freshness as freshness_panel
from .surveys import admin as surveys_admin
from .surveys import panel as surveys_panel


class RoleAuditedMixin:
    """A profile's role and territory are changed only by the national cell (never their
    own) or a superuser, and each change is written to the audit log."""

    def is_valid(self, form):
        if not super().is_valid(form):
            return False
        previous = AgentProfile.objects.filter(pk=form.instance.pk).first()
        self.role_before = services.role_of(previous)
        changes_role = services.role_of(form.instance) != self.role_before
        user = self.request.user
        if changes_role and not (user.is_superuser or can(user, Action.CHANGE_ROLE, previous)):
            form.add_error(None, _("Only the national cell changes a member's role or territory."))
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return False
        return True

    def save_instance(self):
        profile = super().save_instance()
        services.record_role_change(
            profile, before=self.role_before, actor=self.request.user, request=self.request
        )
        return profile


class MemberCreateView(RoleAuditedMixin, CreateView):
    pass


class MemberEditView(RoleAuditedMixin, EditView):
    pass


class AgentProfileViewSet(ModelViewSet):
    """Member profiles in the admin, for those granted the model's permissions."""

    model = AgentProfile
    add_view_class = MemberCreateView
    edit_view_class = MemberEditView
    copy_view_enabled = False  # a copy would be a new role, past the checks above
    icon = "group"
    menu_label = _("Members")
    add_to_admin_menu = True
    list_display = ["__str__", "role", "maison", "department", "region", "partner"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__last_name", "user__first_name"]
    form_fields = [
        "user",
        "role",
        "maison",
        "department",
        "region",
        "partner",
        "escalation_auditor",
        "job_title",
    ]


@hooks.register("register_admin_viewset")
def register_agent_profiles():
    return AgentProfileViewSet("member_profiles")


class AuditLogPolicy(ModelPermissionPolicy):
    """Viewing for the national cell (``can(user, READ_AUDIT_LOG)``) or a superuser, once
    granted the model's "view" permission; no one adds, changes or deletes."""

    def user_has_permission(self, user, action):
        return (
            action == "view"
            and super().user_has_permission(user, action)
            and (user.is_superuser or can(user, Action.READ_AUDIT_LOG))
        )

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return (
            super()
            .users_with_any_permission(["view"])
            .filter(Q(is_superuser=True) | Q(profile__role=Role.NATIONAL_CELL))
        )


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


register_permission_policy(SecurityEvent, AuditLogPolicy(SecurityEvent))


@hooks.register("register_admin_viewset")
def register_audit_log():
    return SecurityEventViewSet("audit_log")


class NewsViewSet(SnippetViewSet):
    """News to the members, written by the national cell."""

    model = News
    icon = "info-circle"
    menu_label = _("Network news")
    add_to_admin_menu = True
    list_display = ["title", "region", "published_at"]
    list_filter = ["region"]
    search_fields = ["title"]
    panels = [FieldPanel(name) for name in ("title", "body", "region", "published_at")]


register_snippet(NewsViewSet)


@hooks.register("register_members_area_item")
def forums_item():
    # Every member reads at least the national space.
    return MembersAreaItem("forums", _("Forums"), "forums:index", Action.VIEW_DASHBOARD, 13)


@hooks.register("register_members_area_item")
def escalations_item():
    return MembersAreaItem(
        "escalations", _("Escalations"), "escalations:queue", Action.VIEW_ESCALATIONS, 14
    )


@hooks.register("register_members_area_item")
def steering_item():
    return MembersAreaItem(
        "steering", _("Steering"), "steering:overview", Action.VIEW_STEERING, 16
    )


@hooks.register("register_members_area_item")
def referents_item():
    return MembersAreaItem(
        "referents", _("Referents"), "referents:index", Action.VIEW_REFERENTS, 15
    )


register_permission_policy(Space, forums_admin.SpacePolicy(Space))


@hooks.register("register_admin_viewset")
def register_forum_spaces():
    return forums_admin.SpaceViewSet("forum_spaces")


@hooks.register("register_personal_data")
def forums_data():
    return "forums", forums_personal_data


@hooks.register("register_personal_data")
def forum_digest_personal_data():
    return "forum_digest", digest_selectors.personal_data


@hooks.register("register_personal_data")
def escalations_data():
    return "escalations", escalations_personal_data


@hooks.register("register_steering_panel")
def hours_steering_panel():
    return steering_hours.PANEL


@hooks.register("register_steering_panel")
def partners_steering_panel():
    return steering_partners.PANEL


@hooks.register("register_steering_panel")
def freshness_steering_panel():
    return freshness_panel.PANEL


@hooks.register("register_steering_panel")
def forums_steering_panel():
    return forums_panel.PANEL


@hooks.register("register_steering_panel")
def escalations_steering_panel():
    return escalations_panel.PANEL


@hooks.register("register_steering_panel")
def maison_changes_steering_panel():
    return maison_changes_panel.PANEL


@hooks.register("register_log_actions")
def maison_changes_log_actions(actions):
    actions.register_action(
        maison_changes_services.CONFIRMED_ACTION,
        _("Information confirmed"),
        _("Information confirmed unchanged by the maison"),
    )
    actions.register_action(
        maison_changes_services.APPROVED_ACTION,
        _("Maison's change approved"),
        _("Change proposed by the maison approved"),
    )


@hooks.register("register_members_area_item")
def surveys_item():
    return MembersAreaItem("surveys", _("Surveys"), "surveys:index", Action.VIEW_DASHBOARD, 17)


@hooks.register("register_steering_panel")
def surveys_steering_panel():
    return surveys_panel.PANEL


hooks.register("filter_form_submissions_for_user", surveys_admin.hide_survey_answers)
hooks.register("before_create_page", surveys_admin.refuse_survey_creation)
for survey_hook in (
    "before_edit_page",
    "before_delete_page",
    "before_copy_page",
    "before_move_page",
    "before_unpublish_page",
):
    hooks.register(survey_hook, surveys_admin.refuse_survey_page)


@hooks.register("register_steering_panel")
def activity_steering_panel():
    return activity_steering.PANEL


@hooks.register("register_members_dashboard_panel")
def activity_dashboard_panel():
    # Every member asks; the section shows only to an agent of a maison (REPORT_ACTIVITY).
    return DashboardPanel(
        "activity",
        "network/activity/dashboard_panel.html",
        Action.VIEW_DASHBOARD,
        activity_views.dashboard_context,
        20,
    )


@hooks.register("register_personal_data")
def activity_data():
    return "activity", activity_selectors.reports_submitted_by
