from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from portal.blocks import LinkBlock
from portal.content_version import content_version
from portal.locales import default_language
from portal.models import BasePage, call

DESCRIPTION_FEATURES = ["bold", "italic", "link", "ul"]
PARTNER_PAGES_CACHE_SECONDS = 60 * 60


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
    description = RichTextField(
        _("description"),
        features=DESCRIPTION_FEATURES,
        blank=True,
        help_text=_("What the partner does, and what it can do in a France Services."),
    )
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    postal_address = models.TextField(_("postal address"), blank=True, max_length=300)
    online_services = StreamField(
        [("service", LinkBlock())], blank=True, verbose_name=_("online services")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("slug"),
        FieldPanel("national"),
        FieldPanel("logo"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("postal_address"),
            ],
            heading=_("Contacts"),
        ),
        FieldPanel("online_services"),
    ]
    # The slug names the partner in addresses and filters in every language.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("short_name"),
        TranslatableField("description"),
        TranslatableField("online_services"),
        SynchronizedField("slug"),
        SynchronizedField("national"),
        SynchronizedField("logo"),
        SynchronizedField("website"),
        SynchronizedField("phone"),
        SynchronizedField("email"),
        SynchronizedField("postal_address"),
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


class PartnerIndexPage(RoutablePageMixin, BasePage):
    """``/partenaires/`` and ``/partenaires/<slug>/``: each partner (a snippet), its
    guides and the maisons where it holds permanences."""

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("partners")

    @classmethod
    def url_in(cls, language: str, request=None) -> str:
        """The address of the partner index of ``language``, else of the default
        language's ("" without either): where partners are linked to."""
        key = f"directory:partner-index:{content_version()}:{language}"
        index = cache.get(key)
        if index is None:
            indexes = cls.objects.live().only("pk", "url_path", "locale_id")
            index = indexes.filter(locale__language_code=language).first()
            index = index or indexes.filter(locale__language_code=default_language()).first()
            cache.set(key, index or "", PARTNER_PAGES_CACHE_SECONDS)
        return index.get_url(request) if index else ""

    @path("")
    def index_route(self, request):
        response = self.render(
            request,
            context_overrides={
                "partners": call(
                    "directory.partners.profiles.partners_for_listing", locale=self.locale
                )
            },
        )
        response.public_cache_seconds = PARTNER_PAGES_CACHE_SECONDS
        return response

    @path("<slug:slug>/")
    def partner_route(self, request, slug: str):
        profile = call(
            "directory.partners.profiles.partner_profile", slug=slug, index=self, request=request
        )
        response = self.render(
            request,
            template="directory/partner_page.html",
            context_overrides={"profile": profile, "partner": profile.partner},
        )
        # Nothing on it changes but by a publish or a partner's save (the content version).
        response.public_cache_seconds = PARTNER_PAGES_CACHE_SECONDS
        return response
