from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from network.models import Role
from network.permissions import Action, can, profile_of
from network.registry import DashboardPanel, ForumSpacePanel, MembersAreaItem

from . import admin_views, selectors
from .events import selectors as event_selectors
from .events import services as event_services
from .events.models import Event, EventKind
from .models import ModulePage
from .records import selectors as records_selectors
from .steering import panels as steering_panels


@hooks.register("register_members_area_item")
def training_item():
    return MembersAreaItem(
        "training", _("Training"), "training:catalogue", Action.TAKE_TRAINING, 10
    )


@hooks.register("register_members_area_item")
def follow_up_item():
    return MembersAreaItem(
        "training_follow_up",
        _("Training follow-up"),
        "training:follow_up",
        Action.FOLLOW_TRAINING,
        11,
    )


def _panel_context(request, profile) -> dict:
    plan, entries = selectors.current_plan_entries(request.user, profile)
    return {"plan": plan, "progress": selectors.PlanProgress(entries)}


@hooks.register("register_members_dashboard_panel")
def training_panel():
    return DashboardPanel(
        "training",
        "training/includes/dashboard_panel.html",
        Action.TAKE_TRAINING,
        _panel_context,
        10,
    )


@hooks.register("register_admin_urls")
def admin_urls():
    return [
        path(
            "training/modules/<int:page_id>/questions/",
            admin_views.import_questions,
            name="training_import_questions",
        ),
        path(
            "training/modules/<int:page_id>/scorm/",
            admin_views.upload_scorm,
            name="training_upload_scorm",
        ),
    ]


@hooks.register("register_page_header_buttons")
def module_buttons(page, user, view_name, next_url=None):
    if not isinstance(page.specific_deferred, ModulePage):
        return
    if not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("Import questions"),
        reverse("training_import_questions", args=[page.pk]),
        icon_name="download",
        priority=50,
    )
    yield Button(
        _("SCORM package"),
        reverse("training_upload_scorm", args=[page.pk]),
        icon_name="upload",
        priority=51,
    )


@hooks.register("register_personal_data")
def training_personal_data():
    return "training", records_selectors.personal_data


@hooks.register("register_members_area_item")
def agenda_item():
    return MembersAreaItem("agenda", _("Agenda"), "events:agenda", Action.VIEW_AGENDA, 12)


def _region_meetings(request, space) -> dict | None:
    """A region's forum space shows the region's next meetings."""
    if space.region_id is None:
        return None
    meetings = list(event_selectors.agenda(region=space.region, kind=EventKind.MEETING)[:3])
    if not meetings:
        return None
    agenda_url = reverse("events:agenda")
    return {
        "meetings": meetings,
        "region": space.region,
        "agenda_url": f"{agenda_url}?region={space.region_id}&kind={EventKind.MEETING}",
    }


@hooks.register("register_forum_space_panel")
def meetings_panel():
    return ForumSpacePanel(
        "meetings", "training/events/includes/forum_meetings.html", _region_meetings
    )


class EventPolicy(ModelPermissionPolicy):
    """Events in the admin: the national cell, coordinators and partner trainers (or a
    superuser) add them; each event is changed by those who manage it (``MANAGE_EVENT``)."""

    def user_has_permission(self, user, action):
        return user.is_superuser or (
            action in {"add", "change", "view"}
            and getattr(profile_of(user), "role", None) in EVENT_EDITORS
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return user.is_superuser or (
            self.user_has_permission(user, action) and can(user, Action.MANAGE_EVENT, instance)
        )

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(
            Q(is_superuser=True) | Q(is_active=True, profile__role__in=EVENT_EDITORS)
        )


EVENT_EDITORS = {Role.NATIONAL_CELL, Role.COORDINATOR, Role.PARTNER_TRAINER}


class EventEditView(EditView):
    """Only by those who manage the event; a change goes through the service: a new time or
    place updates the invitations."""

    def get_object(self, queryset=None):
        event = super().get_object(queryset)
        if not self.user_has_permission_for_instance("change", event):
            raise PermissionDenied
        return event

    def save_instance(self):
        changes = {name: self.form.cleaned_data[name] for name in self.form.changed_data}
        return event_services.update_event(event=Event.objects.get(pk=self.object.pk), **changes)


class EventIndexView(IndexView):
    """Only the events the user manages."""

    def get_base_queryset(self):
        return super().get_base_queryset() & event_selectors.managed_by(self.request.user)


class EventViewSet(ModelViewSet):
    model = Event
    index_view_class = EventIndexView
    edit_view_class = EventEditView
    icon = "date"
    menu_label = _("Sessions and meetings")
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = ["title", "kind", "starts_at", "capacity"]
    list_filter = ["kind"]
    search_fields = ["title"]
    form_fields = [
        "kind",
        "title",
        "description",
        "module",
        "trainer",
        "region",
        "department",
        "agenda",
        "speakers",
        "maison",
        "address",
        "visio_url",
        "starts_at",
        "ends_at",
        "daily",
        "capacity",
        "registration_opens_at",
        "registration_closes_at",
        "cancellation_deadline",
        "needs_approval",
        "audience_roles",
    ]


register_permission_policy(Event, EventPolicy(Event))


@hooks.register("register_admin_viewset")
def register_events():
    return EventViewSet("training_events")


from .certifications import wagtail_hooks as certifications_hooks  # noqa: E402,F401 (its admin)


@hooks.register("register_steering_panel")
def training_steering_panel():
    return steering_panels.PANEL
