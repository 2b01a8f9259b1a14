from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import GuideAudience, GuideTheme, Partner
from .views import MaisonsToFixReport


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


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/maisons-a-completer/",
            MaisonsToFixReport.as_view(),
            name="directory_maisons_to_fix",
        ),
        path(
            "reports/maisons-a-completer/results/",
            MaisonsToFixReport.as_view(results_only=True),
            name="directory_maisons_to_fix_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MenuItem(
        _("France Services to complete"),
        reverse("directory_maisons_to_fix"),
        icon_name="warning",
        order=700,
    )
