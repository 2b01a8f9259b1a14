from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from portal.blocks import LinkBlock


class Partner(TranslatableMixin, index.Indexed, models.Model):
    """An operator present in the maisons: national (in every maison) or local."""

    name = models.CharField(_("name"), max_length=150)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=60)
    national = models.BooleanField(
        _("national partner"),
        default=False,
        help_text=_("National partners are present in every France Services."),
    )
    logo = models.ForeignKey(
        "portal.CustomImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    online_services = StreamField(
        [("service", LinkBlock())], blank=True, verbose_name=_("online services")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("slug"),
        FieldPanel("national"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("phone"),
        FieldPanel("online_services"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["-national", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_partner_slug")
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def display_name(self) -> str:
        if self.short_name and self.short_name != self.name:
            return f"{self.name} ({self.short_name})"
        return self.name
