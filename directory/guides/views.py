"""What a guide page shows, and the guides' admin reports: guides past review, and
visitors' feedback."""

import uuid

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import PageReportView, ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from directory.guides.feedback import FEEDBACK_SENT, GuideFeedbackForm
from directory.guides.help import guide_help
from directory.guides.listing import guide_head
from directory.guides.models import BODY_CACHE_SECONDS, GuideFeedback, GuidePage
from directory.guides.reviews import (
    feedback_for_guide,
    feedback_summary,
    guides_past_review,
    owner_name,
)
from directory.maisons.selectors import directory_url
from portal.locales import default_language
from portal.public_urls import public_url

# Visitors' comments are for the editors given ``directory.view_guidefeedback``.
feedback_permission_policy = ModelPermissionPolicy(GuideFeedback)


def guide_context(page: GuidePage, request, *, listed_by=None, feedback_form=None) -> dict:
    """A guide page's context: its head (breadcrumb, JSON-LD), help near the visitor and the
    feedback form; ``listed_by`` is the index of another language showing it untranslated."""
    index = listed_by or page.get_parent()
    # Shown under another language's index, untranslated: its text's language.
    content_lang = default_language() if listed_by else ""
    page_url = f"{index.get_url(request)}{page.slug}/" if listed_by else page.get_url(request)
    # A preview shows a draft, which nobody else may be served: nothing cached.
    preview = getattr(request, "is_preview", False)
    head = guide_head(page, index=index, page_url=page_url, request=request, cached=not preview)
    return {
        "head": head,
        "guide_index": index,
        "content_lang": content_lang,
        "page_url": page_url,
        "share_url": public_url(page_url),
        "help": guide_help(page, request.GET, request=request),
        "help_search_url": directory_url(request),
        "feedback_form": feedback_form or GuideFeedbackForm(),
        "feedback_sent": request.GET.get("avis") == FEEDBACK_SENT,
        # The guide's text is cached by fragments until the content changes.
        "body_version": uuid.uuid4().hex if preview else "live",
        "body_cache_seconds": 1 if preview else BODY_CACHE_SECONDS,
    }


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
