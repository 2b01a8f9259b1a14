from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from network.permissions import Action
from network.registry import DashboardPanel, MembersAreaItem

from . import admin_views, selectors
from .models import ModulePage
from .records import selectors as records_selectors


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
