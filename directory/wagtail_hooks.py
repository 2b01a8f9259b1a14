from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import page_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory.guides.models import GuideAudience, GuideTheme
from directory.guides.views import (
    GuideFeedbackDetail,
    GuideFeedbackReport,
    GuidesPastReviewReport,
    feedback_permission_policy,
)
from directory.maisons.views import MaisonsToFixReport
from directory.partners.models import Partner
from portal.admin_urls import report_paths


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "short_name", "national", "locale"]
    list_filter = ["national"]
    search_fields = ["name", "short_name"]


register_snippet(PartnerViewSet)


class GuideThemeViewSet(SnippetViewSet):
    model = GuideTheme
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


class GuideAudienceViewSet(SnippetViewSet):
    model = GuideAudience
    icon = "group"
    list_display = ["name", "slug", "locale"]


class GuideTaxonomiesGroup(SnippetViewSetGroup):
    items = (GuideThemeViewSet, GuideAudienceViewSet)
    menu_label = _("Guide classification")
    menu_icon = "tag"
    menu_order = 220


register_snippet(GuideTaxonomiesGroup)


@hooks.register("register_permissions")
def register_feedback_permission():
    """Let group editors grant reading the visitors' feedback (the report checks it)."""
    return Permission.objects.filter(
        content_type__app_label="directory", codename="view_guidefeedback"
    )


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        *report_paths("maisons-a-completer", MaisonsToFixReport, "directory_maisons_to_fix"),
        *report_paths("fiches-a-relire", GuidesPastReviewReport, "directory_guides_past_review"),
        path(
            "reports/avis-fiches/",
            GuideFeedbackReport.as_view(),
            name="directory_guide_feedback",
        ),
        path(
            "reports/avis-fiches/<int:guide_id>/",
            GuideFeedbackDetail.as_view(),
            name="directory_guide_feedback_detail",
        ),
    ]


class PageEditorsMenuItem(MenuItem):
    """Shown to those who may add, change or publish some page, like Wagtail's reports."""

    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


class GuideFeedbackMenuItem(MenuItem):
    """Shown only to those allowed to read the visitors' feedback."""

    def is_shown(self, request):
        return feedback_permission_policy.user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MenuItem(
        _("France Services to complete"),
        reverse("directory_maisons_to_fix"),
        icon_name="warning",
        order=700,
    )


@hooks.register("register_reports_menu_item")
def register_guides_past_review_menu_item():
    return PageEditorsMenuItem(
        _("Guides past review"),
        reverse("directory_guides_past_review"),
        name="guides-past-review",
        icon_name="time",
        order=710,
    )


@hooks.register("register_reports_menu_item")
def register_guide_feedback_menu_item():
    return GuideFeedbackMenuItem(
        _("Guide feedback"),
        reverse("directory_guide_feedback"),
        name="guide-feedback",
        icon_name="comment",
        order=720,
    )
