from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.admin_urls import report_paths

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
    return report_paths("recherches-sans-resultat", UnansweredSearchesReport, "search_unanswered")


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return AdminOnlyMenuItem(
        _("Searches without results"),
        reverse("search_unanswered"),
        name="searches-without-results",
        icon_name="search",
        order=1310,
    )
