"""Reads for the partner pages: the list of partners, and each partner with its guides and
the maisons where it holds permanences."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, time
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from directory.guides.listing import GuideLink, guide_index, guide_links, listed_guides
from directory.guides.models import GuidePage
from directory.maisons.models import MaisonPage, PartnerPresence
from directory.maisons.recurrence import Frequency
from directory.maisons.selectors import directory_url
from directory.partners.models import Partner, PartnerIndexPage
from portal.locales import default_locale
from portal.models import public

NTH_WEEKDAY = {
    1: gettext_lazy("the first %(weekday)s of the month"),
    2: gettext_lazy("the second %(weekday)s of the month"),
    3: gettext_lazy("the third %(weekday)s of the month"),
    4: gettext_lazy("the fourth %(weekday)s of the month"),
    -1: gettext_lazy("the last %(weekday)s of the month"),
}


def _alphabetical(text: str) -> str:
    """A sort key that ignores case and accents ("Établissement" between D and F)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in folded if not unicodedata.combining(char))


def _in_locale(objects, *, locale: Locale, key) -> list:
    """One object per ``key``: the one in ``locale`` when there is one, else the first."""
    chosen: dict = {}
    for item in objects:
        if key(item) not in chosen or item.locale_id == locale.pk:
            chosen[key(item)] = item
    return list(chosen.values())


def partners_for_listing(*, locale: Locale) -> list[Partner]:
    """Every partner once, in ``locale`` when translated (else in the default language):
    national partners first, then local ones, each group in alphabetical order."""
    partners = Partner.objects.filter(
        locale_id__in={locale.pk, default_locale().pk}
    ).select_related("locale")
    return sorted(
        _in_locale(partners, locale=locale, key=lambda partner: partner.slug),
        key=lambda partner: (not partner.national, _alphabetical(partner.name)),
    )


@dataclass(frozen=True)
class PresenceLine:
    mode: str
    schedule: str  # "every other Thursday", "the first Monday of the month"…
    starts: time
    ends: time
    notes: str


@dataclass(frozen=True)
class MaisonPresences:
    title: str
    commune: str
    url: str
    # The maison's data is in another language than the partner page (``lang`` to set).
    language: str | None
    # ``url`` leads to a page in another language (``hreflang``): no directory of the
    # partner page's language shows the maison.
    url_language: str | None
    presences: list[PresenceLine]


@dataclass(frozen=True)
class PartnerProfile:
    partner: Partner
    # The partner is shown in another language than the page (not translated yet).
    language: str | None
    present_everywhere: bool  # a national partner: in every France Services
    directory_url: str | None  # the search for a France Services
    guides: list[GuideLink]
    maisons: list[MaisonPresences]


def describe_schedule(presence: PartnerPresence, *, today: date) -> str | None:
    """When a presence comes back, in words; None for a row that bypassed validation or
    whose dates are all past."""
    try:
        recurrence = presence.recurrence()
    except ValidationError:
        return None
    if recurrence.validate():
        return None
    weekday = {"weekday": WEEKDAYS.get(recurrence.weekday)}
    if recurrence.frequency == Frequency.WEEKLY:
        return _("every %(weekday)s") % weekday
    if recurrence.frequency == Frequency.BIWEEKLY:
        return _("every other %(weekday)s") % weekday
    if recurrence.frequency == Frequency.MONTHLY_NTH:
        return NTH_WEEKDAY[recurrence.nth] % weekday
    upcoming = [day for day in recurrence.dates if day >= today]
    if not upcoming:
        return None
    return _("on %(dates)s") % {"dates": ", ".join(date_format(day, "j F Y") for day in upcoming)}


def _maison_presences(maison: MaisonPage, *, locale: Locale, request) -> MaisonPresences:
    today = timezone.localdate(timezone=ZoneInfo(maison.timezone))
    lines = []
    for presence in maison.partner_presences:
        schedule = describe_schedule(presence, today=today)
        if schedule is not None:
            lines.append(
                PresenceLine(
                    mode=presence.get_mode_display(),
                    schedule=schedule,
                    starts=presence.starts,
                    ends=presence.ends,
                    notes=presence.notes,
                )
            )
    language = None if maison.locale_id == locale.pk else maison.locale.language_code
    listed_url = maison.listed_urls(request).get(locale.language_code) if language else None
    return MaisonPresences(
        title=maison.title,
        commune=maison.commune_name,
        url=listed_url or maison.get_url(request),
        language=language,
        url_language=None if listed_url else language,
        presences=lines,
    )


def _maisons_of(slug: str, *, locale: Locale, default: Locale, request) -> list[MaisonPresences]:
    """The live maisons where the partner holds permanences, by commune (a constant
    number of queries)."""
    presences = PartnerPresence.objects.filter(partner__slug=slug).order_by("weekday", "starts")
    maisons = (
        public(MaisonPage.objects.live())
        .filter(
            pk__in=presences.values("maison_id"),
            locale_id__in={locale.pk, default.pk},
        )
        .select_related("department", "locale")
        .prefetch_related(Prefetch("presences", queryset=presences, to_attr="partner_presences"))
        .defer_streamfields()
    )
    found = [
        _maison_presences(maison, locale=locale, request=request)
        for maison in _in_locale(maisons, locale=locale, key=lambda page: page.translation_key)
    ]
    found = [maison for maison in found if maison.presences]
    return sorted(found, key=lambda item: (_alphabetical(item.commune), _alphabetical(item.title)))


def _guides_of(slug: str, *, locale: Locale):
    """The guides about the partner that ``locale``'s guide index lists."""
    index = guide_index(locale)
    if index is None:
        return GuidePage.objects.none()
    return listed_guides(index).filter(partners__slug=slug).distinct().defer_streamfields()


def partner_profile(*, slug: str, index: PartnerIndexPage, request) -> PartnerProfile:
    """The partner ``slug`` in the index's language (else the default language), its
    guides and where to meet it; Http404 for an unknown slug."""
    locale, default = index.locale, default_locale()
    candidates = Partner.objects.filter(
        slug=slug, locale_id__in={locale.pk, default.pk}
    ).select_related("locale")
    found = _in_locale(candidates, locale=locale, key=lambda partner: partner.slug)
    if not found:
        raise Http404("No such partner.")
    partner = found[0]
    guides = sorted(
        _guides_of(slug, locale=locale),
        key=lambda guide: _alphabetical(guide.title),
    )
    return PartnerProfile(
        partner=partner,
        language=None if partner.locale_id == locale.pk else partner.locale.language_code,
        present_everywhere=partner.national,
        directory_url=directory_url(request),
        guides=guide_links(guides, locale=locale, request=request),
        maisons=_maisons_of(slug, locale=locale, default=default, request=request),
    )
