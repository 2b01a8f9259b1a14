"""Procedure guides ("fiches démarches"), their themes and audiences."""

from __future__ import annotations

from http import HTTPMethod

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField, TranslatableField

from directory.partners.models import Partner
from portal.blocks.content import LinkBlock
from portal.locales import default_language, default_locale
from portal.models import BasePage, call

SHORT_TEXT_FEATURES = ["bold", "italic", "link", "ul"]
LISTING_CACHE_SECONDS = 60 * 60
BODY_CACHE_SECONDS = 60 * 60


class GuideTaxonomy(TranslatableMixin, models.Model):
    """A translatable name with a slug, to classify guides."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=60)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    # The slug names it in the listing's filters in every language.
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GuideTheme(GuideTaxonomy):
    """A theme of the guides: famille, santé, retraite…"""

    description = models.TextField(_("description"), blank=True, max_length=300)

    panels = [*GuideTaxonomy.panels, FieldPanel("description")]
    translatable_fields = [*GuideTaxonomy.translatable_fields, TranslatableField("description")]

    class Meta(GuideTaxonomy.Meta):
        verbose_name = _("guide theme")
        verbose_name_plural = _("guide themes")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_guide_theme_slug")
        ]


class GuideAudience(GuideTaxonomy):
    """Who a guide is written for: private individuals, professionals."""

    class Meta(GuideTaxonomy.Meta):
        verbose_name = _("guide audience")
        verbose_name_plural = _("guide audiences")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_guide_audience_slug")
        ]


class GuideStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=150)
    text = blocks.RichTextBlock(label=_("text"), features=SHORT_TEXT_FEATURES)
    link = blocks.URLBlock(label=_("online service"), required=False)
    link_label = blocks.CharBlock(label=_("label of the link"), max_length=100, required=False)

    class Meta:
        label = _("Step")
        icon = "list-ol"


class GuideIndexPage(BasePage):
    """``/demarches/``: the procedure guides."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["directory.GuidePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("procedure guides")

    def route(self, request, path_components):
        """A guide of the default language not yet translated into this index's language
        is shown at this index's address, with a notice (``GuidePage.serve_fallback``)."""
        try:
            return super().route(request, path_components)
        except Http404:
            if len(path_components) != 1 or not self.live:
                raise
            original = self.untranslated_guide(path_components[0])
            if original is None:
                raise
            return RouteResult(original, kwargs={"listed_by": self})

    def untranslated_guide(self, slug: str) -> GuidePage | None:
        """The default language's guide ``slug`` that this index lists untranslated."""
        if self.locale_id == default_locale().pk:
            return None
        return (
            call("directory.guides.listing.listed_guides", self)
            .filter(slug=slug)
            .exclude(locale_id=self.locale_id)
            .first()
        )

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        listing = response.context_data["listing"]
        if listing.has_errors:
            response.status_code = 400
        else:
            response.public_cache_seconds = LISTING_CACHE_SECONDS
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = call(
            "directory.guides.listing.filter_guides", request.GET, index=self, request=request
        )
        return context


class GuidePage(BasePage):
    """A procedure explained in plain French, and who can help with it nearby."""

    summary = models.TextField(
        _("in brief"), max_length=600, help_text=_("Two or three sentences.")
    )
    who = RichTextField(_("who is concerned"), features=SHORT_TEXT_FEATURES)
    steps = StreamField([("step", GuideStepBlock())], verbose_name=_("steps"))
    documents = StreamField(
        [("document", blocks.CharBlock(label=_("document"), max_length=200))],
        blank=True,
        verbose_name=_("documents to bring"),
    )
    cost = models.CharField(_("cost"), max_length=200, blank=True)
    delay = models.CharField(_("delay"), max_length=200, blank=True)
    online_needs = RichTextField(
        _("what you need online"), features=SHORT_TEXT_FEATURES, blank=True
    )
    agent_help = RichTextField(
        _("what an agent can do for you"), features=SHORT_TEXT_FEATURES, blank=True
    )
    sources = StreamField([("source", LinkBlock())], blank=True, verbose_name=_("sources"))
    themes = ParentalManyToManyField(GuideTheme, blank=True, verbose_name=_("themes"))
    audiences = ParentalManyToManyField(GuideAudience, blank=True, verbose_name=_("audiences"))
    partners = ParentalManyToManyField(
        Partner,
        blank=True,
        related_name="guides",
        verbose_name=_("partners"),
        help_text=_("The organisations in charge of the procedure."),
    )
    related_guides = ParentalManyToManyField(
        "self", blank=True, symmetrical=False, verbose_name=_("related guides")
    )
    last_reviewed = models.DateField(_("last reviewed on"), null=True, blank=True)
    next_review = models.DateField(_("next review on"), null=True, blank=True)
    owner_of_review = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who is reminded when the review is due."),
    )

    parent_page_types = ["directory.GuideIndexPage"]
    subpage_types: list[str] = []
    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS, HTTPMethod.POST]

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("who"),
        FieldPanel("steps"),
        FieldPanel("documents"),
        MultiFieldPanel([FieldPanel("cost"), FieldPanel("delay")], heading=_("Cost and delay")),
        FieldPanel("online_needs"),
        FieldPanel("agent_help"),
        FieldPanel("sources"),
        FieldPanel("related_guides"),
    ]
    promote_panels = [
        *BasePage.promote_panels,
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("audiences"), FieldPanel("partners")],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("last_reviewed"),
                FieldPanel("next_review"),
                FieldPanel("owner_of_review"),
            ],
            heading=_("Review"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("who"),
        index.SearchField("steps"),
        index.SearchField("agent_help"),
    ]

    class Meta:
        verbose_name = _("procedure guide")
        verbose_name_plural = _("procedure guides")

    def fallback_urls(self, request, languages: list[str]) -> dict[str, str]:
        """{language: address} where this untranslated guide is shown all the same: under
        the guide index of each of ``languages`` that lists it."""
        if self.locale.language_code != default_language():
            return {}
        indexes = GuideIndexPage.objects.live().filter(locale__language_code__in=languages)
        urls = {}
        for listing in indexes.select_related("locale").order_by("path"):
            code = listing.locale.language_code
            if code not in urls and listing.untranslated_guide(self.slug) == self:
                urls[code] = f"{listing.get_url(request)}{self.slug}/"
        return urls

    def serve(self, request, *args, **kwargs):
        """Shows the guide or, for a POST, records an answer to "Was this page useful?"."""
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        return call("directory.guides.feedback.answer_feedback", self, request, *args, **kwargs)

    def get_context(self, request, *args, listed_by=None, feedback_form=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            call(
                "directory.guides.views.guide_context",
                self,
                request,
                listed_by=listed_by,
                feedback_form=feedback_form,
            )
        )
        return context


class GuideFeedback(models.Model):
    """A visitor's answer to "Was this page useful?": for the editors, never shown on the
    site. Nothing identifies the visitor."""

    COMMENT_MAX_LENGTH = 2000

    guide = models.ForeignKey(
        GuidePage, verbose_name=_("guide"), on_delete=models.CASCADE, related_name="feedback"
    )
    useful = models.BooleanField(_("useful"))
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT_MAX_LENGTH)
    language = models.CharField(_("language"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("sent on"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("guide feedback")
        verbose_name_plural = _("guide feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.guide_id}: {'yes' if self.useful else 'no'}"
