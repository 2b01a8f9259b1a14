from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import UnansweredSearchesReport
from .models import SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_settings_menu = True
    list_display = ["__str__", "locale"]
    search_fields = ["expressions"]


register_snippet(SearchSynonymViewSet)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/recherches-sans-resultat/",
            UnansweredSearchesReport.as_view(),
            name="search_unanswered",
        ),
        path(
            "reports/recherches-sans-resultat/results/",
            UnansweredSearchesReport.as_view(results_only=True),
            name="search_unanswered_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return AdminOnlyMenuItem(
        _("Searches without results"),
        reverse("search_unanswered"),
        name="searches-without-results",
        icon_name="search",
        order=1310,
    )
