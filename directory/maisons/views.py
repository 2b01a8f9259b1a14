"""Views of the maisons outside the page tree: the iCalendar feed, the open-data page and
files, and the admin report of maisons to complete."""

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Locale

from directory.maisons import exports
from directory.maisons.calendars import maison_calendar
from directory.maisons.models import DirectoryIndexPage, MaisonPage
from directory.maisons.selectors import maisons_to_fix
from portal.locales import active_locale

OPEN_DATA_CACHE_SECONDS = 3600
# The feed's events are whole stops and permanences of the coming weeks: an hour is fine
# for calendar clients (Cache-Control) and for the site's own page cache.
CALENDAR_CACHE_SECONDS = 3600
API_DOCS_PATH = "/api/v1/docs"


@require_GET
@cache_control(max_age=CALENDAR_CACHE_SECONDS, public=True)
def maison_calendar_feed(request, slug: str):
    """``/maisons/<slug>/calendrier.ics``: stops and permanences, RFC 5545."""
    page = MaisonPage.objects.live().public().filter(slug=slug).first()
    if page is None:
        raise Http404
    response = HttpResponse(maison_calendar(page), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{page.slug}.ics"'
    response.public_cache_seconds = CALENDAR_CACHE_SECONDS
    return response


class MaisonsToFixReport(PageReportView):
    """Maisons whose hours the import could not read, and tours known only as free text."""

    page_title = _("France Services to complete")
    header_icon = "warning"
    results_template_name = "directory/admin/maisons_to_fix_results.html"
    index_url_name = "directory_maisons_to_fix"
    index_results_url_name = "directory_maisons_to_fix_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = ["title", "source_id", "format", "problem"]
    export_headings = {"source_id": _("Open data identifier"), "problem": _("To do")}

    def get_queryset(self):
        return maisons_to_fix()


@require_safe
def open_data(request):
    """``/maisons/donnees-ouvertes/``: what the exports hold, their licence and source."""
    directory = (
        DirectoryIndexPage.objects.live().filter(locale=active_locale(request)).first()
        or DirectoryIndexPage.objects.live().filter(locale=Locale.get_default()).first()
    )
    response = TemplateResponse(
        request,
        "directory/open_data.html",
        {
            "directory": directory,
            "files": {name: exports.get_export(name) for name in exports.DATASETS},
            "api_docs_url": API_DOCS_PATH,
        },
    )
    response.public_cache_seconds = OPEN_DATA_CACHE_SECONDS
    return response


@require_safe
@cache_control(max_age=CALENDAR_CACHE_SECONDS, public=True)
def open_data_file(request, name: str):
    """One export (``exports.DATASETS[name]``) as a download any site may fetch."""
    dataset = exports.DATASETS[name]
    response = HttpResponse(exports.get_export(name).content, content_type=dataset.content_type)
    response["Content-Disposition"] = f'attachment; filename="{dataset.filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
