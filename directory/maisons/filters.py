"""What the visitor asks for: a place (``PlaceForm``) and filters (``MaisonFilter``).

Both read the query string, so a search is a shareable address. The site's pages and the
JSON API use the same filters.
"""

from django import forms
from django.core.cache import cache
from django.core.validators import RegexValidator
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter, ChoiceFilter, FilterSet, MultipleChoiceFilter

from directory.maisons.models import ItineraryStop, MaisonPage, OpeningInterval, PartnerPresence
from directory.maisons.nearby import DEFAULT_RADIUS_KM, RADII_KM
from directory.names import names_by_slug
from directory.partners.models import Partner
from directory.territories.geocoding import MAX_QUERY_LENGTH
from portal.content_version import content_version

SATURDAY = 5
SERVICES = {
    "digital_space": ("has_digital_space", _("Digital space (computers)")),
    "printer": ("has_printer", _("Printer and scanner")),
    "visio": ("has_visio", _("Video-conference booth")),
}


def partner_choices() -> list[tuple[str, str]]:
    """(slug, name) of every partner, in the current language when translated."""
    names = names_by_slug(Partner, get_language() or "fr")
    return sorted(((slug, name.text) for slug, name in names.items()), key=lambda item: item[1])


def national_partner_slugs() -> set[str]:
    key = f"directory:national-partners:{content_version()}"
    slugs = cache.get(key)
    if slugs is None:
        slugs = set(Partner.objects.filter(national=True).values_list("slug", flat=True))
        cache.set(key, slugs, 60 * 60)
    return slugs


class PlaceForm(forms.Form):
    q = forms.CharField(
        label=_("Commune or postcode"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        strip=True,
    )
    commune = forms.CharField(
        required=False,
        widget=forms.HiddenInput,
        validators=[RegexValidator(r"^(?:\d{2}|2[AB])\d{3}$", _("Unknown commune code."))],
    )
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    radius = forms.TypedChoiceField(
        label=_("Distance"),
        choices=[(radius, _("%(km)s km") % {"km": radius}) for radius in RADII_KM],
        coerce=int,
        empty_value=DEFAULT_RADIUS_KM,
        required=False,
        initial=DEFAULT_RADIUS_KM,
    )

    def clean(self):
        cleaned_data = super().clean()
        lat, lon = cleaned_data.get("lat"), cleaned_data.get("lon")
        if (lat is None) != (lon is None) and not self.errors:
            raise forms.ValidationError(_("A position needs both a latitude and a longitude."))
        return cleaned_data

    @property
    def has_place(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("q") or data.get("commune") or data.get("lat") is not None)


class MaisonFilter(FilterSet):
    partner = ChoiceFilter(
        label=_("Partner present or holding a permanence"),
        empty_label=_("Any partner"),
        method="filter_partner",
    )
    open_now = BooleanFilter(label=_("Open now"), widget=forms.CheckboxInput, method="keep_all")
    saturday = BooleanFilter(
        label=_("Open on Saturday"), widget=forms.CheckboxInput, method="filter_saturday"
    )
    itinerant = ChoiceFilter(
        label=_("Buses and itinerant France Services"),
        choices=[
            ("include", _("Included")),
            ("exclude", _("Left out")),
            ("only", _("Only them")),
        ],
        empty_label=None,
        method="filter_itinerant",
    )
    services = MultipleChoiceFilter(
        label=_("Services"),
        choices=[(value, label) for value, (_field, label) in SERVICES.items()],
        widget=forms.CheckboxSelectMultiple,
        method="filter_services",
    )
    accessible = BooleanFilter(
        label=_("Accessible to wheelchair users"),
        widget=forms.CheckboxInput,
        method="filter_accessible",
    )
    booking = BooleanFilter(
        label=_("Appointments possible"), widget=forms.CheckboxInput, method="filter_booking"
    )

    class Meta:
        model = MaisonPage
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["partner"].extra["choices"] = partner_choices()

    def keep_all(self, queryset, name, value):
        """``open_now`` depends on the time: ``nearby.find_nearby`` applies it."""
        return queryset

    def filter_partner(self, queryset, name, value):
        if not value or value in national_partner_slugs():
            return queryset
        present = PartnerPresence.objects.filter(maison=OuterRef("pk"), partner__slug=value)
        return queryset.filter(Exists(present))

    def filter_saturday(self, queryset, name, value):
        if not value:
            return queryset
        opens = OpeningInterval.objects.filter(maison=OuterRef("pk"), weekday=SATURDAY)
        stops = ItineraryStop.objects.filter(maison=OuterRef("pk"), weekday=SATURDAY)
        return queryset.filter(Exists(opens) | Exists(stops))

    def filter_itinerant(self, queryset, name, value):
        itinerant = Q(format__in=[MaisonPage.Format.BUS, MaisonPage.Format.ITINERANT])
        if value == "exclude":
            return queryset.exclude(itinerant)
        if value == "only":
            return queryset.filter(itinerant)
        return queryset

    def filter_services(self, queryset, name, value):
        return queryset.filter(**{SERVICES[service][0]: True for service in value})

    def filter_accessible(self, queryset, name, value):
        return queryset.filter(access=MaisonPage.Access.YES) if value else queryset

    def filter_booking(self, queryset, name, value):
        return queryset.filter(booking=True) if value else queryset
