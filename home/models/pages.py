from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.blocks import StructBlockValidationError
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock

from directory.maisons.selectors import directory_url
from portal.blocks import OptionalLinkBlock, body_blocks
from portal.models import BasePage, call
from portal.models.pages import CONTENT_PAGES_CACHE_SECONDS


class ThemeEntryBlock(blocks.StructBlock):
    """An entry point to a procedure theme on the home page (a DSFR tile)."""

    title = blocks.CharBlock(label=_("title"), max_length=80)
    description = blocks.CharBlock(label=_("description"), max_length=160, required=False)
    guide_theme = SnippetChooserBlock(
        "directory.GuideTheme",
        label=_("procedure theme"),
        required=False,
        help_text=_("Leads to this theme's procedure guides. Otherwise, give a link."),
    )
    link = OptionalLinkBlock(label=_("link"))

    class Meta:
        label = _("Theme")
        icon = "folder-open-inverse"

    def clean(self, value):
        value = super().clean(value)
        has_link = value["link"].get("page") or value["link"].get("url")
        if bool(value.get("guide_theme")) == bool(has_link):
            raise StructBlockValidationError(
                block_errors={
                    "guide_theme": ValidationError(_("Choose either a procedure theme or a link."))
                }
            )
        return value


class HomePage(BasePage):
    hero_title = models.CharField(
        _("hero title"), max_length=150, default=_("Find a France Services near you")
    )
    hero_text = models.TextField(_("hero text"), blank=True, max_length=400)
    themes = StreamField(
        [("theme", ThemeEntryBlock())],
        blank=True,
        verbose_name=_("procedure themes"),
    )
    news_count = models.PositiveSmallIntegerField(_("news items shown"), default=3)

    parent_page_types = ["wagtailcore.Page"]
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Hero")),
        FieldPanel("themes"),
        FieldPanel("news_count"),
    ]

    public_cache_seconds = CONTENT_PAGES_CACHE_SECONDS

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = call(
            "home.selectors.latest_news", locale=self.locale, limit=self.news_count
        )
        context["find_url"] = directory_url(request) or reverse("search")
        context["theme_cards"] = call(
            "home.selectors.theme_cards", self.themes, locale=self.locale, request=request
        )
        return context


class StandardPage(BasePage):
    """A free page: legal notice, personal data, help pages and the like."""

    body = StreamField(body_blocks(), blank=True, verbose_name=_("body"))

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    public_cache_seconds = CONTENT_PAGES_CACHE_SECONDS

    class Meta:
        verbose_name = _("standard page")


class AccessibilityStatementPage(BasePage):
    """The RGAA accessibility statement; its compliance status is shown in every footer."""

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    compliance = models.CharField(
        _("compliance status"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.NONE,
    )
    audit_date = models.DateField(_("audit date"), null=True, blank=True)
    compliance_rate = models.DecimalField(
        _("rate of RGAA criteria met (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    body = StreamField(body_blocks(), blank=True, verbose_name=_("body"))

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("compliance"), FieldPanel("audit_date"), FieldPanel("compliance_rate")],
            heading=_("Compliance"),
        ),
        FieldPanel("body"),
    ]

    public_cache_seconds = CONTENT_PAGES_CACHE_SECONDS

    class Meta:
        verbose_name = _("accessibility statement")


class SitemapPage(BasePage):
    """The HTML site map: every live page of the current language, as nested lists."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    public_cache_seconds = CONTENT_PAGES_CACHE_SECONDS

    class Meta:
        verbose_name = _("site map")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sitemap_tree"] = call("home.selectors.sitemap_tree", root=self.get_parent())
        return context


class NewsIndexPage(BasePage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    max_count_per_parent = 1
    page_size = 10

    public_cache_seconds = CONTENT_PAGES_CACHE_SECONDS

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(call("home.selectors.news_under", self), self.page_size)
        context["news_page"] = paginator.get_page(request.GET.get("page"))
        return context


class NewsPage(BasePage):
    date = models.DateField(_("date"), default=timezone.localdate)
    body = StreamField(body_blocks(), blank=True, verbose_name=_("body"))

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []
    content_panels = [*BasePage.content_panels, FieldPanel("date"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    public_cache_seconds = CONTENT_PAGES_CACHE_SECONDS

    class Meta:
        verbose_name = _("news item")
