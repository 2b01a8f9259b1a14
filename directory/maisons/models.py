from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.url_routing import RouteResult

from directory.maisons import hours as hours_engine
from directory.maisons import recurrence as recurrence_engine
from directory.maisons.forms import MaisonPageForm
from directory.maisons.page_cache import seconds_valid
from directory.territories.models import Commune, Department
from portal.content_version import content_version
from portal.locales import default_language, default_locale
from portal.models import BasePage, call

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


def parse_date_list(text: str) -> tuple[date, ...]:
    """Dates written one per line or separated by commas, as YYYY-MM-DD or DD/MM/YYYY."""
    found = []
    for piece in text.replace(",", "\n").split():
        for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                found.append(datetime.strptime(piece, pattern).date())
                break
            except ValueError:
                continue
        else:
            raise ValidationError(
                _("“%(value)s” is not a date (DD/MM/YYYY)."), params={"value": piece}
            )
    return tuple(sorted(set(found)))


class RecurrenceFields(models.Model):
    """When something happens again and again: every week, every other week, the nth
    weekday of the month, or on explicit dates; always between two times."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("every week")
        BIWEEKLY = "biweekly", _("every other week")
        MONTHLY_NTH = "monthly_nth", _("nth weekday of the month")
        DATES = "dates", _("on given dates")

    frequency = models.CharField(
        _("frequency"), max_length=12, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), choices=WEEKDAYS, null=True, blank=True
    )
    reference_date = models.DateField(
        _("first date"),
        null=True,
        blank=True,
        help_text=_("Every other week: a date of the series, on the chosen weekday."),
    )
    nth = models.SmallIntegerField(
        _("which one in the month"),
        choices=[
            (1, _("first")),
            (2, _("second")),
            (3, _("third")),
            (4, _("fourth")),
            (-1, _("last")),
        ],
        null=True,
        blank=True,
    )
    dates = models.TextField(
        _("dates"), blank=True, help_text=_("On given dates: one per line, DD/MM/YYYY.")
    )
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("to"))

    recurrence_panels = [
        FieldRowPanel([FieldPanel("frequency"), FieldPanel("weekday")]),
        FieldRowPanel([FieldPanel("reference_date"), FieldPanel("nth")]),
        FieldPanel("dates"),
        FieldRowPanel([FieldPanel("starts"), FieldPanel("ends")]),
    ]

    class Meta:
        abstract = True

    def recurrence(self) -> recurrence_engine.Recurrence:
        dates = parse_date_list(self.dates) if self.frequency == self.Frequency.DATES else ()
        return recurrence_engine.Recurrence(
            frequency=recurrence_engine.Frequency(self.frequency),
            weekday=self.weekday,
            reference_date=self.reference_date,
            nth=self.nth,
            dates=dates,
        )

    def time_slot(self) -> recurrence_engine.TimeSlot:
        return recurrence_engine.TimeSlot(
            recurrence=self.recurrence(), starts=self.starts, ends=self.ends
        )

    def occurrences(self, after: datetime, tz: str, *, until=None, limit=None):
        """(start, end) pairs from ``after``; none for a row that bypassed validation."""
        try:
            return self.time_slot().next_occurrences(after, tz, until=until, limit=limit)
        except (ValueError, ValidationError):
            return []

    def is_active_at(self, moment: datetime, tz: str) -> bool:
        try:
            return self.time_slot().is_active_at(moment, tz)
        except (ValueError, ValidationError):
            return False

    def clean(self):
        super().clean()
        if self.starts is None or self.ends is None:
            raise ValidationError(_("Give a start and an end time."))
        slot = self.time_slot()
        errors = slot.recurrence.validate() + slot.validate()
        if errors:
            raise ValidationError(errors)


SEARCH_CACHE_SECONDS = 60
INDEXES_CACHE_SECONDS = 60 * 60
DEFAULT_TIMEZONE = "Europe/Paris"  # of a maison without a department


class DirectoryIndexPage(RoutablePageMixin, BasePage):
    """``/maisons/``: the directory, and the maisons of each department.

    Maisons hold data, not prose, and are not translated page by page: the directory of
    another language than the default one (``/en/maisons/``) shows the default
    language's maisons at its own address, with its language's interface (``route``).
    """

    parent_page_types = ["home.HomePage"]
    subpage_types = ["directory.MaisonPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("France Services directory")

    @classmethod
    def by_language(cls) -> dict[str, "DirectoryIndexPage"]:
        """{language: its live directory}, kept until the content changes."""
        key = f"directory:indexes:{content_version()}"
        indexes = cache.get(key)
        if indexes is None:
            indexes = {}
            live = cls.objects.live().select_related("locale").order_by("path")
            for index in live.only("pk", "path", "url_path", "title", "locale__language_code"):
                indexes.setdefault(index.locale.language_code, index)
            cache.set(key, indexes, INDEXES_CACHE_SECONDS)
        return indexes

    def route(self, request, path_components):
        """A maison of the default language is also served at this directory's address
        when this directory is of another language (``listed_maison``)."""
        try:
            return super().route(request, path_components)
        except Http404:
            if len(path_components) != 1 or not self.live:
                raise
            maison = self.listed_maison(path_components[0])
            if maison is None:
                raise
            return RouteResult(maison, kwargs={"listed_by": self})

    def listed_maison(self, slug: str) -> "MaisonPage | None":
        """The default language's live maison ``slug``, which this directory of another
        language shows."""
        default = default_locale()
        if self.locale_id == default.pk:
            return None
        return MaisonPage.objects.live().filter(locale=default, slug=slug).first()

    def default_directory(self) -> "DirectoryIndexPage":
        """The directory whose maisons this one lists: itself, or the default language's."""
        if self.locale_id == default_locale().pk:
            return self
        return DirectoryIndexPage.by_language().get(
            default_language()
        ) or DirectoryIndexPage.objects.get(locale=default_locale())

    @path("")
    def index_route(self, request):
        """The search (place, filters, map and list) and the maisons by department."""
        search = self._search(request)
        regions = []
        if search.nearby is None:
            regions = call("directory.maisons.selectors.department_links", self, request)
        return self._searched(
            self.render(request, context_overrides={"search": search, "regions": regions})
        )

    @path("carte/")
    def map_route(self, request):
        """The map's data of the same search (JSON): every result, numbered as in the list,
        loaded by the map script apart from the page."""
        search = self._search(request, with_map=True)
        if not search.is_valid:
            return JsonResponse({"error": "invalid search"}, status=400)
        return self._searched(JsonResponse(search.map_data()))

    @path("embed/")
    def embed_route(self, request):
        """The same search, without the site's header and footer, for other sites' iframes."""
        response = self.render(
            request,
            template="directory/embed.html",
            context_overrides={"search": self._search(request)},
        )
        response.xframe_options_exempt = True
        return self._searched(response)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["map_tiles_url"] = settings.DIRECTORY_MAP_TILES_URL
        context["map_attribution"] = settings.DIRECTORY_MAP_ATTRIBUTION
        # The language of the maisons' data, when it is not the page's.
        language = default_language()
        context["content_lang"] = "" if self.locale_id == default_locale().pk else language
        return context

    def _search(self, request, *, with_map: bool = False):
        directory_url = self.get_url(request)
        search = call(
            "directory.maisons.finder.search_maisons",
            request.GET,
            request=request,
            directory_url=directory_url,
            with_map=with_map,
        )
        search.map_url = f"{directory_url}{self.reverse_subpage('map_route')}?{search.map_query()}"
        return search

    @staticmethod
    def _searched(response):
        """Open/closed badges (of a search's results, of a department's maisons) change with
        time: public copies last a minute at most."""
        response.public_cache_seconds = SEARCH_CACHE_SECONDS
        return response

    @path("departement/<str:code>/")
    def department_route(self, request, code: str):
        department = get_object_or_404(
            Department.objects.select_related("region"), code=code.upper()
        )
        maisons, counts = call(
            "directory.maisons.selectors.maisons_of_department",
            department=department,
            index=self.default_directory(),
        )
        response = self.render(
            request,
            template="directory/department.html",
            context_overrides={
                "department": department,
                "maisons": maisons,
                "format_counts": counts,
            },
        )
        return self._searched(response)


class MaisonPage(BasePage):
    class Kind(models.TextChoices):
        PRINCIPAL = "principal", _("main site")
        ANTENNA = "antenne", _("antenna")

    class Format(models.TextChoices):
        FIXED = "fixe", _("fixed")
        MULTISITE = "multisite", _("multi-site")
        BUS = "bus", _("bus")
        FIXED_WITH_ANTENNAS = "fixe_antennes", _("fixed with antennas")
        ITINERANT = "itinerante", _("itinerant")

    class Access(models.TextChoices):
        UNKNOWN = "", _("not stated")
        YES = "yes", _("accessible to wheelchair users")
        PARTIAL = "partial", _("partly accessible")
        NO = "no", _("not accessible")

    source_id = models.CharField(
        _("open data identifier"),
        max_length=20,
        blank=True,
        db_index=True,
        help_text=_("id_fs in the official list; set by the import."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PRINCIPAL)
    format = models.CharField(
        _("format"), max_length=15, choices=Format.choices, default=Format.FIXED
    )
    group = models.CharField(_("group"), max_length=120, blank=True)
    principal = models.ForeignKey(
        "self",
        verbose_name=_("main site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="antennas",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    address_complement = models.CharField(_("address complement"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    insee_commune = models.CharField(_("commune INSEE code"), max_length=5, blank=True)
    commune_name = models.CharField(_("commune"), max_length=150, blank=True)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="maisons",
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    booking = models.BooleanField(_("appointments possible"), default=False)
    booking_url = models.URLField(_("booking address"), blank=True)
    labelled_on = models.DateField(_("labelled on"), null=True, blank=True)
    has_digital_space = models.BooleanField(_("digital space (computers)"), default=True)
    has_printer = models.BooleanField(_("printer and scanner"), default=True)
    has_visio = models.BooleanField(_("video-conference booth"), default=False)
    access = models.CharField(
        _("physical access"), max_length=10, choices=Access.choices, blank=True
    )
    accessibility_notes = models.TextField(_("accessibility details"), blank=True)
    host_structure = models.CharField(_("host structure"), max_length=200, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)
    hours_problems = models.TextField(
        _("hours the import could not read"),
        blank=True,
        help_text=_("Filled by the import: fix the hours, then empty this field."),
    )
    # When someone of the network last confirmed this information (a change approved, or
    # confirmed unchanged); empty: never since the import.
    information_confirmed_on = models.DateField(
        _("information confirmed on"), null=True, blank=True, editable=False, db_index=True
    )
    # From the opening intervals at each save (``weekly_figures``), for the dashboards; empty:
    # no hours published.
    weekly_minutes = models.PositiveIntegerField(
        _("minutes open a week"), null=True, blank=True, editable=False
    )
    days_open = models.PositiveSmallIntegerField(
        _("days open a week"), null=True, blank=True, editable=False
    )

    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = []
    base_form_class = MaisonPageForm
    listed_in_site_map = False  # ~2,800 pages: the directory and department pages lead there

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("commune_name"),
        index.AutocompleteField("commune_name"),
        index.SearchField("address"),
        index.SearchField("postcode"),
        index.FilterField("postcode"),
        index.FilterField("department_id"),
        index.FilterField("format"),
    ]

    identity_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("format")]),
        FieldRowPanel([FieldPanel("group"), FieldPanel("principal")]),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("address_complement"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("commune_name")]),
                FieldRowPanel([FieldPanel("insee_commune"), FieldPanel("department")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
                FieldRowPanel([FieldPanel("booking"), FieldPanel("booking_url")]),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("has_digital_space"),
                FieldPanel("has_printer"),
                FieldPanel("has_visio"),
            ],
            heading=_("Services and equipment"),
        ),
        FieldRowPanel([FieldPanel("labelled_on"), FieldPanel("host_structure")]),
        FieldPanel("remarks"),
        FieldPanel("source_id", read_only=True),
    ]
    hours_panels = [
        FieldPanel("hours_problems"),
        InlinePanel("opening_intervals", heading=_("Opening hours"), label=_("interval")),
        InlinePanel("closures", heading=_("Exceptional closures"), label=_("closure")),
    ]
    partner_panels = [InlinePanel("presences", heading=_("Partners present"), label=_("presence"))]
    itinerary_panels = [InlinePanel("stops", heading=_("Itinerary stops"), label=_("stop"))]
    accessibility_panels = [FieldPanel("access"), FieldPanel("accessibility_notes")]

    edit_handler = TabbedInterface(
        [
            ObjectList(identity_panels, heading=_("Identity")),
            ObjectList(hours_panels, heading=_("Hours")),
            ObjectList(partner_panels, heading=_("Partners")),
            ObjectList(itinerary_panels, heading=_("Itinerary")),
            ObjectList(accessibility_panels, heading=_("Accessibility")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("France Services")
        verbose_name_plural = _("France Services")
        indexes = [models.Index(fields=["latitude", "longitude"], name="maison_point")]

    def save(self, *args, **kwargs):
        """Store the weekly figures of the intervals being saved: those in memory (an admin
        form, a revision being published, the import) or else those in the database."""
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "opening_intervals" in update_fields:
            self.weekly_minutes, self.days_open = hours_engine.weekly_figures(
                (row.weekday, row.opens, row.closes) for row in self.opening_intervals.all()
            )
            if update_fields is not None:
                kwargs["update_fields"] = [*update_fields, "weekly_minutes", "days_open"]
        return super().save(*args, **kwargs)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response.public_cache_seconds = seconds_valid(self, timezone.now())
        return response

    def get_context(self, request, *args, listed_by=None, **kwargs):
        """``listed_by``: the directory of another language showing this maison."""
        context = super().get_context(request, *args, **kwargs)
        context.update(
            call(
                "directory.maisons.selectors.maison_page_context",
                self,
                request,
                listed_by=listed_by,
            )
        )
        return context

    def listed_urls(self, request=None, *, full: bool = False) -> dict[str, str]:
        """{language: address} where the directory of each other language shows this
        maison of the default language (``DirectoryIndexPage.route``)."""
        indexes = DirectoryIndexPage.by_language()
        own = indexes.get(default_language())
        if own is None or own.locale_id != self.locale_id:
            return {}
        return {
            language: f"{index.get_full_url(request) if full else index.get_url(request)}"
            f"{self.slug}/"
            for language, index in indexes.items()
            if index.locale_id != self.locale_id
        }

    def alternate_urls(self, request, languages: list[str]) -> dict[str, str]:
        """{language: address} of ``languages`` where this maison is shown with their
        interface: its data needs no translation, so they are alternate versions of it
        (``portal_tags.language_links``)."""
        urls = self.listed_urls(request)
        return {language: urls[language] for language in languages if language in urls}

    def get_sitemap_urls(self, request=None):
        """Its address, and where each other language's directory shows it."""
        entries = super().get_sitemap_urls(request)
        lastmod = entries[0]["lastmod"]
        entries += [
            {"location": url, "lastmod": lastmod}
            for url in self.listed_urls(request, full=True).values()
        ]
        return entries

    @property
    def timezone(self) -> str:
        return self.department.timezone if self.department_id else DEFAULT_TIMEZONE

    @property
    def opening_hours_osm(self) -> str:
        """The weekly hours in OpenStreetMap's ``opening_hours`` syntax."""
        return self.schedule().osm_opening_hours()

    @property
    def meets_label_rule(self) -> bool:
        """The labelling rule: at least 24 hours a week over at least 5 days."""
        return self.schedule().meets_label_rule()

    @property
    def is_itinerant(self) -> bool:
        return self.format in ITINERANT_FORMATS

    def schedule(self) -> hours_engine.WeeklySchedule:
        """The weekly hours, closures, time zone and holidays, read once per instance.

        A rendering asks for it several times (status, week table, JSON-LD, cache
        lifetime); pages are read afresh for each request, so it cannot go stale there.
        """
        if "_schedule" not in self.__dict__:
            self.__dict__["_schedule"] = self._read_schedule()
        return self.__dict__["_schedule"]

    def _read_schedule(self) -> hours_engine.WeeklySchedule:
        intervals = self.opening_intervals.all()
        closures = self.closure_rows()
        return weekly_schedule(
            intervals=[(row.weekday, row.opens, row.closes) for row in intervals],
            closures=[(row.start_date, row.end_date, row.reason) for row in closures],
            timezone=self.timezone,
            department_code=self.department.code if self.department_id else "",
        )

    def closure_rows(self) -> list:
        if "_closures" not in self.__dict__:
            self.__dict__["_closures"] = list(self.closures.all())
        return self.__dict__["_closures"]

    def stop_rows(self) -> list:
        if "_stops" not in self.__dict__:
            self.__dict__["_stops"] = list(self.stops.all())
        return self.__dict__["_stops"]

    def occurrences_of(self, rows, *, after: datetime, until: datetime, schedule=None) -> list:
        """(start, end, row) of permanences or stops between two instants (see
        ``occurrences_between``)."""
        return occurrences_between(
            rows, schedule=schedule or self.schedule(), tz=self.timezone, after=after, until=until
        )

    def status_at(self, moment: datetime | None = None):
        """Open or closed at ``moment`` (now by default), stops included (see
        ``status_with_stops``)."""
        return status_with_stops(
            self.schedule(),
            self.stop_rows(),
            tz=self.timezone,
            itinerant=self.is_itinerant,
            moment=moment or timezone.now(),
        )


ITINERANT_FORMATS = frozenset({MaisonPage.Format.BUS, MaisonPage.Format.ITINERANT})

# "9 fixes, 2 bus": how many maisons of each format, agreed with their number.
FORMAT_COUNTS = {
    MaisonPage.Format.FIXED: ngettext_lazy("%(count)s fixed", "%(count)s fixed", "count"),
    MaisonPage.Format.MULTISITE: ngettext_lazy(
        "%(count)s multi-site", "%(count)s multi-site", "count"
    ),
    MaisonPage.Format.BUS: ngettext_lazy("%(count)s bus", "%(count)s buses", "count"),
    MaisonPage.Format.FIXED_WITH_ANTENNAS: ngettext_lazy(
        "%(count)s fixed with antennas", "%(count)s fixed with antennas", "count"
    ),
    MaisonPage.Format.ITINERANT: ngettext_lazy(
        "%(count)s itinerant", "%(count)s itinerant", "count"
    ),
}


def format_counts(formats) -> list[str]:
    """ "9 fixes", "2 bus"…: the number of maisons of each format among ``formats`` (one
    value per maison), in the order of the formats."""
    counts = Counter(formats)
    return [
        FORMAT_COUNTS[value] % {"count": counts[value]}
        for value in MaisonPage.Format.values
        if counts[value]
    ]


def weekly_schedule(
    *, intervals, closures, timezone: str, department_code: str
) -> hours_engine.WeeklySchedule:
    """A maison's schedule from (weekday, opens, closes) and (start, end, reason) rows."""
    return hours_engine.WeeklySchedule(
        intervals=tuple(hours_engine.Interval(*row) for row in intervals),
        closures=tuple(hours_engine.Closure(*row) for row in closures),
        timezone=timezone,
        holiday_subdivision=hours_engine.holiday_subdivision_for_department(department_code),
    )


def occurrences_between(rows, *, schedule, tz: str, after: datetime, until: datetime) -> list:
    """(start, end, row) of permanences or stops between two instants, in local time,
    leaving out the days the maison is closed (exceptional closures, public holidays)."""
    found = [
        (starts, ends, row)
        for row in rows
        for starts, ends in row.occurrences(after, tz, until=until)
        if not schedule.is_closed_on(starts.date())
    ]
    return sorted(found, key=lambda occurrence: occurrence[0])


def status_with_stops(schedule, stops, *, tz: str, itinerant: bool, moment: datetime):
    """Open or closed at ``moment``. A bus is open at a stop, unless the day is a closure
    or a public holiday; closed, it opens next at its next stop or opening, whichever
    comes first. A bus with stops publishes its hours, even without opening hours."""
    status = schedule.status_at(moment)
    if not itinerant or not stops or status.is_open:
        return status
    if not schedule.is_closed_on(moment.astimezone(ZoneInfo(tz)).date()):
        for stop in stops:
            if stop.is_active_at(moment, tz):
                _, ends = stop.occurrences(moment, tz, limit=1)[0]
                return hours_engine.OpenStatus(is_open=True, closes_at=ends, next_opening=None)
    horizon = moment + timedelta(days=hours_engine.NEXT_OPENING_HORIZON_DAYS)
    passages = occurrences_between(stops, schedule=schedule, tz=tz, after=moment, until=horizon)
    next_stop = passages[0][0] if passages else None
    openings = [opening for opening in (status.next_opening, next_stop) if opening is not None]
    return hours_engine.OpenStatus(False, None, min(openings) if openings else None)


class OpeningInterval(models.Model):
    maison = ParentalKey(MaisonPage, on_delete=models.CASCADE, related_name="opening_intervals")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=WEEKDAYS)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta:
        verbose_name = _("opening interval")
        verbose_name_plural = _("opening intervals")
        ordering = ["weekday", "opens"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        super().clean()
        if self.opens is not None and self.closes is not None and self.closes <= self.opens:
            raise ValidationError(
                {"closes": _("The closing time must be after the opening time.")}
            )


class Closure(models.Model):
    maison = ParentalKey(MaisonPage, on_delete=models.CASCADE, related_name="closures")
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to (included)"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("reason"),
    ]

    class Meta:
        verbose_name = _("exceptional closure")
        verbose_name_plural = _("exceptional closures")
        ordering = ["start_date"]

    def __str__(self) -> str:
        return f"{self.start_date}–{self.end_date} {self.reason}".strip()

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date must not be before the start.")})


class PartnerPresence(RecurrenceFields):
    class Mode(models.TextChoices):
        ON_SITE = "on_site", _("permanence on site")
        VISIO = "visio", _("video call")
        PHONE = "phone", _("phone")
        APPOINTMENT = "appointment", _("by appointment")

    maison = ParentalKey(MaisonPage, on_delete=models.CASCADE, related_name="presences")
    partner = models.ForeignKey(
        "directory.Partner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="+"
    )
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices, default=Mode.ON_SITE)
    notes = models.CharField(_("notes"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("partner"), FieldPanel("mode")]),
        *RecurrenceFields.recurrence_panels,
        FieldPanel("notes"),
    ]

    class Meta:
        verbose_name = _("partner presence")
        verbose_name_plural = _("partner presences")

    def __str__(self) -> str:
        return f"{self.partner} ({self.get_mode_display()})"


class ItineraryStop(RecurrenceFields, Orderable):
    maison = ParentalKey(MaisonPage, on_delete=models.CASCADE, related_name="stops")
    place = models.CharField(_("place"), max_length=200)
    commune_name = models.CharField(_("commune"), max_length=150)
    insee_commune = models.CharField(_("commune INSEE code"), max_length=5, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("place"), FieldPanel("commune_name")]),
        FieldRowPanel(
            [FieldPanel("insee_commune"), FieldPanel("latitude"), FieldPanel("longitude")]
        ),
        *RecurrenceFields.recurrence_panels,
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("itinerary stop")
        verbose_name_plural = _("itinerary stops")
        indexes = [models.Index(fields=["latitude", "longitude"], name="stop_point")]

    def __str__(self) -> str:
        return f"{self.place}, {self.commune_name}"
