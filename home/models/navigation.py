from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, TranslatableMixin


class MainMenu(TranslatableMixin, ClusterableModel):
    """The header's main menu: one per language, translated with wagtail-localize."""

    name = models.CharField(_("name"), max_length=80, default=_("Main menu"))

    panels = [FieldPanel("name"), InlinePanel("items", label=_("menu items"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("main menu")
        verbose_name_plural = _("main menus")

    def __str__(self) -> str:
        return f"{self.name} ({self.locale})"


class MainMenuItem(Orderable):
    menu = ParentalKey(MainMenu, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    label = models.CharField(
        _("label"),
        max_length=60,
        blank=True,
        help_text=_("Leave empty to use the page's title."),
    )

    panels = [PageChooserPanel("page"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("menu item")
        verbose_name_plural = _("menu items")

    @property
    def text(self) -> str:
        return self.label or self.page.title


@register_setting(icon="list-ul")
class FooterSettings(BaseSiteSetting):
    """Pages linked from every footer (the mandatory links of a public site)."""

    accessibility_page = models.ForeignKey(
        "home.AccessibilityStatementPage",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    legal_notice_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("legal notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    personal_data_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("personal data"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sitemap_page = models.ForeignKey(
        "home.SitemapPage",
        verbose_name=_("site map"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        PageChooserPanel("accessibility_page"),
        PageChooserPanel("legal_notice_page"),
        PageChooserPanel("personal_data_page"),
        PageChooserPanel("sitemap_page"),
    ]

    class Meta:
        verbose_name = _("footer")
