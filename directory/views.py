from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe
from wagtail.admin.views.reports import PageReportView, ReportView
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from portal.locales import active_locale

from . import exports
from .calendars import maison_calendar
from .models import DirectoryIndexPage, GuideFeedback, GuidePage, MaisonPage
from .reviews import feedback_for_guide, feedback_summary, guides_past_review, owner_name
from .selectors import maisons_to_fix

OPEN_DATA_CACHE_SECONDS = 3600
API_DOCS_PATH = "/api/v1/docs"
# Visitors' comments are for the editors given ``directory.view_guidefeedback``.
feedback_permission_policy = ModelPermissionPolicy(GuideFeedback)


@require_GET
@cache_control(max_age=3600, public=True)
def maison_calendar_feed(request, slug: str):
    """``/maisons/<slug>/calendrier.ics``: stops and permanences, RFC 5545."""
    page = MaisonPage.objects.live().public().filter(slug=slug).first()
    if page is None:
        raise Http404
    response = HttpResponse(
        maison_calendar(page, request), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{page.slug}.ics"'
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


class GuidesPastReviewReport(PageReportView):
    """Guides, live or not, whose next review date has come."""

    page_title = _("Guides past review")
    header_icon = "time"
    results_template_name = "directory/admin/guides_past_review_results.html"
    index_url_name = "directory_guides_past_review"
    index_results_url_name = "directory_guides_past_review_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = ["title", "next_review", "owner_of_review", "last_reviewed"]
    # The owner's name only: the export may travel, the e-mail addresses stay in the admin.
    custom_field_preprocess = {
        "owner_of_review": {
            ReportView.FORMAT_CSV: owner_name,
            ReportView.FORMAT_XLSX: owner_name,
        }
    }

    def get_queryset(self):
        return guides_past_review(today=timezone.localdate(), user=self.request.user)


class GuideFeedbackReport(ReportView):
    """Per guide, how many visitors found it useful, and how many left a comment."""

    page_title = _("Guide feedback")
    header_icon = "comment"
    results_template_name = "directory/admin/guide_feedback_results.html"
    index_url_name = "directory_guide_feedback"
    permission_policy = feedback_permission_policy
    permission_required = "view"

    def get_queryset(self):
        return feedback_summary()


class GuideFeedbackDetail(ReportView):
    """The answers about one guide, comments included, latest first."""

    page_title = GuideFeedbackReport.page_title
    header_icon = "comment"
    results_template_name = "directory/admin/guide_feedback_detail_results.html"
    permission_policy = feedback_permission_policy
    permission_required = "view"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        self.guide = get_object_or_404(GuidePage, pk=kwargs["guide_id"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return feedback_for_guide(self.guide)

    def get_page_subtitle(self):
        return self.guide.title

    def get_index_url(self):
        return reverse("directory_guide_feedback_detail", args=[self.guide.pk])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("directory_guide_feedback"), "label": self.page_title},
            {"url": "", "label": self.guide.title},
        ]


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
@cache_control(max_age=3600, public=True)
def open_data_file(request, name: str):
    """One export (``exports.DATASETS[name]``) as a download any site may fetch."""
    dataset = exports.DATASETS[name]
    response = HttpResponse(exports.get_export(name).content, content_type=dataset.content_type)
    response["Content-Disposition"] = f'attachment; filename="{dataset.filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
