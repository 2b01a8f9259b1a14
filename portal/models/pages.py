from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class BasePage(Page):
    """Every page of the portal: an optional introduction ("chapô") and a breadcrumb."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences shown under the title and in listings."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        abstract = True

    def get_breadcrumb_ancestors(self):
        """Pages between the locale's home page (included) and this page (excluded)."""
        return (
            self.get_ancestors()
            .filter(depth__gte=2)
            .only("id", "title", "url_path", "depth", "path", "locale_id", "content_type_id")
        )
