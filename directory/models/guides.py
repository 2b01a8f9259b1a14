"""Procedure guides ("fiches démarches"), their themes and audiences."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from portal.blocks.content import LinkBlock
from portal.models import BasePage

from .partners import Partner

SHORT_TEXT_FEATURES = ["bold", "italic", "link", "ul"]


class GuideTaxonomy(TranslatableMixin, models.Model):
    """A translatable name with a slug, to classify guides."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=60)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GuideTheme(GuideTaxonomy):
    """A theme of the guides: famille, santé, retraite…"""

    description = models.TextField(_("description"), blank=True, max_length=300)

    panels = [*GuideTaxonomy.panels, FieldPanel("description")]

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = (
            GuidePage.objects.child_of(self).live().order_by("title").prefetch_related("themes")
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

    def get_context(self, request, *args, **kwargs):
        from home.selectors import directory_url

        context = super().get_context(request, *args, **kwargs)
        context["help_search_url"] = directory_url(request)
        # A local partner narrows the search to the maisons where it is present.
        partners = sorted(self.partners.all(), key=lambda partner: partner.national)
        context["help_partner"] = partners[0] if partners else None
        return context
