"""Test data built by factories (factory_boy, wagtail-factories), independent of the demo text.

Pages go under the default language's indexes of the page tree the session seeds (a home,
``/maisons/``, ``/demarches/``); regions and departments are the INSEE reference data, not
demo content. A test states the values it reads::

    maison = MaisonPageFactory(title="France Services d'Ici", hours=[(0, "09:00", "12:00")])
"""

import json
from datetime import time

import factory
import wagtail_factories
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.models import Locale, Page

from directory.maisons.hours import weekly_figures
from directory.models import (
    Closure,
    Commune,
    CommunePostcode,
    Department,
    DirectoryIndexPage,
    GuideAudience,
    GuideIndexPage,
    GuidePage,
    GuideTheme,
    ItineraryStop,
    MaisonPage,
    OpeningInterval,
    Partner,
    PartnerPresence,
)
from home.models import HomePage, NewsIndexPage, NewsPage, StandardPage
from search.models import SearchSynonym


def _default_locale() -> Locale:
    return Locale.get_default()


def _department(code: str) -> Department:
    return Department.objects.get(code=code)


def _as_time(value) -> time:
    return value if isinstance(value, time) else time.fromisoformat(value)


class HomePageFactory(wagtail_factories.PageFactory):
    """A home page of the default language under the root (beside the seeded one)."""

    class Meta:
        model = HomePage

    parent = factory.LazyFunction(Page.get_first_root_node)
    title = "Accueil d’essai"
    slug = "accueil-dessai"


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partenaire d’essai {n}")
    slug = factory.LazyAttribute(lambda partner: slugify(partner.name))
    locale = factory.LazyFunction(_default_locale)
    national = False


class CommuneFactory(DjangoModelFactory):
    class Meta:
        model = Commune

    insee = factory.Sequence(lambda n: f"34{n % 1000:03d}")
    kind = "COM"
    name = factory.Sequence(lambda n: f"Commune d’essai {n}")
    name_with_article = factory.LazyAttribute(lambda commune: commune.name)
    search_name = factory.LazyAttribute(lambda commune: slugify(commune.name).replace("-", " "))
    department = factory.LazyFunction(lambda: _department("34"))
    latitude = 43.7
    longitude = 3.3


class CommunePostcodeFactory(DjangoModelFactory):
    """A postcode of a commune."""

    class Meta:
        model = CommunePostcode

    commune = factory.SubFactory(CommuneFactory)
    postcode = "29000"


def communes_from_table(table: str, *insees: str) -> dict[str, Commune]:
    """Communes built from the rows of ``table`` with these INSEE codes, with their
    postcodes; a row reads ``insee;name;official name;department;postcodes;latitude;
    longitude;population`` (postcodes separated by spaces)."""
    rows = {line.split(";")[0]: line.split(";") for line in table.splitlines()}
    built = {}
    for insee in insees:
        _code, name, official, department, postcodes, latitude, longitude, population = rows[insee]
        commune = CommuneFactory(
            insee=insee,
            name=name,
            name_with_article=official,
            department=_department(department),
            latitude=float(latitude),
            longitude=float(longitude),
            population=int(population),
        )
        for postcode in postcodes.split():
            CommunePostcodeFactory(commune=commune, postcode=postcode)
        built[insee] = commune
    return built


class MaisonPageFactory(wagtail_factories.PageFactory):
    """A France Services under ``/maisons/``; ``hours`` takes (weekday, opens, closes)
    rows, times as ``"09:00"`` or ``time`` values."""

    class Meta:
        model = MaisonPage
        skip_postgeneration_save = True

    parent = factory.LazyFunction(
        lambda: DirectoryIndexPage.objects.get(locale=Locale.get_default())
    )
    title = factory.Sequence(lambda n: f"France Services d’essai {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    source_id = factory.Sequence(lambda n: f"test-{n}")
    address = "1 place de la Mairie"
    postcode = "34000"
    commune_name = "Montpellier"
    insee_commune = "34172"
    department = factory.LazyFunction(lambda: _department("34"))
    latitude = 43.6109
    longitude = 3.8763
    phone = "04 67 00 00 00"
    email = "contact@essai.example"

    @factory.post_generation
    def hours(page, create, rows, **kwargs):
        OpeningInterval.objects.bulk_create(
            OpeningInterval(
                maison=page, weekday=weekday, opens=_as_time(opens), closes=_as_time(closes)
            )
            for weekday, opens, closes in rows or ()
        )
        if rows:
            _store_weekly_figures(page)


def _store_weekly_figures(page: MaisonPage) -> None:
    """What ``MaisonPage.save`` stores, after intervals written apart from the page."""
    page.weekly_minutes, page.days_open = weekly_figures(
        page.opening_intervals.values_list("weekday", "opens", "closes")
    )
    MaisonPage.objects.filter(pk=page.pk).update(
        weekly_minutes=page.weekly_minutes, days_open=page.days_open
    )


class OpeningIntervalFactory(DjangoModelFactory):
    class Meta:
        model = OpeningInterval
        skip_postgeneration_save = True

    maison = factory.SubFactory(MaisonPageFactory)
    weekday = 0
    opens = time(9)
    closes = time(12)

    @factory.post_generation
    def weekly_figures(interval, create, extracted, **kwargs):
        _store_weekly_figures(interval.maison)


class ClosureFactory(DjangoModelFactory):
    class Meta:
        model = Closure

    maison = factory.SubFactory(MaisonPageFactory)
    reason = "Fermeture exceptionnelle"


class PartnerPresenceFactory(DjangoModelFactory):
    class Meta:
        model = PartnerPresence

    maison = factory.SubFactory(MaisonPageFactory)
    partner = factory.SubFactory(PartnerFactory)
    weekday = 1
    starts = time(9)
    ends = time(12)


class ItineraryStopFactory(DjangoModelFactory):
    class Meta:
        model = ItineraryStop

    maison = factory.SubFactory(MaisonPageFactory, format=MaisonPage.Format.BUS)
    place = "Place du marché"
    commune_name = "Bédarieux"
    insee_commune = "34028"
    latitude = 43.6157
    longitude = 3.1572
    weekday = 2
    starts = time(9)
    ends = time(12)


class GuideThemeFactory(DjangoModelFactory):
    class Meta:
        model = GuideTheme

    name = factory.Sequence(lambda n: f"Thème d’essai {n}")
    slug = factory.LazyAttribute(lambda theme: slugify(theme.name))
    locale = factory.LazyFunction(_default_locale)


class GuideAudienceFactory(DjangoModelFactory):
    class Meta:
        model = GuideAudience

    name = factory.Sequence(lambda n: f"Public d’essai {n}")
    slug = factory.LazyAttribute(lambda audience: slugify(audience.name))
    locale = factory.LazyFunction(_default_locale)


class GuidePageFactory(wagtail_factories.PageFactory):
    """A procedure guide under ``/demarches/``; ``partners`` and ``themes`` take lists."""

    class Meta:
        model = GuidePage
        skip_postgeneration_save = True

    parent = factory.LazyFunction(lambda: GuideIndexPage.objects.get(locale=Locale.get_default()))
    title = factory.Sequence(lambda n: f"Démarche d’essai {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    summary = "Ce qu’il faut savoir pour cette démarche."
    who = "<p>Toute personne qui fait cette démarche.</p>"
    steps = factory.LazyAttribute(
        lambda page: json.dumps(
            [
                {
                    "type": "step",
                    "value": {
                        "title": "Préparer le dossier",
                        "text": "<p>Réunir les pièces demandées.</p>",
                        "link": "",
                        "link_label": "",
                    },
                }
            ]
        )
    )

    @factory.post_generation
    def partners(page, create, partners, **kwargs):
        if partners:
            page.partners.set(partners)
            page.save()

    @factory.post_generation
    def themes(page, create, themes, **kwargs):
        if themes:
            page.themes.set(themes)
            page.save()


class StandardPageFactory(wagtail_factories.PageFactory):
    """A page under the default language's home page."""

    class Meta:
        model = StandardPage

    parent = factory.LazyFunction(lambda: HomePage.objects.get(locale=Locale.get_default()))
    title = factory.Sequence(lambda n: f"Page d’essai {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))


class NewsPageFactory(wagtail_factories.PageFactory):
    """A news item under the default language's news index."""

    class Meta:
        model = NewsPage

    parent = factory.LazyFunction(lambda: NewsIndexPage.objects.get(locale=Locale.get_default()))
    title = factory.Sequence(lambda n: f"Actualité d’essai {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))


class SearchSynonymFactory(DjangoModelFactory):
    """Expressions that mean the same, one a line (``expressions="APL\\naide au logement"``)."""

    class Meta:
        model = SearchSynonym

    locale = factory.LazyFunction(_default_locale)
    expressions = "QBL\nordre des baliseurs"


STOP_COLUMNS = ("place", "commune_name", "insee_commune", "latitude", "longitude", "weekday")


def add_stops(
    maison: MaisonPage, rows, *, columns=STOP_COLUMNS, starts=time(9, 30), ends=time(12)
) -> None:
    """Stops of a tour, one a row of ``ItineraryStop`` fields in the order of ``columns``
    (by default: place, commune, INSEE code, latitude, longitude, weekday). A row without
    times stops from ``starts`` to ``ends``; times may be written "HH:MM"."""
    for row in rows:
        fields = {"starts": starts, "ends": ends} | dict(zip(columns, row, strict=True))
        fields["starts"], fields["ends"] = _as_time(fields["starts"]), _as_time(fields["ends"])
        ItineraryStopFactory(maison=maison, **fields)


# --- browser tests ---


def stream(block_type: str, *values) -> str:
    """StreamField data, as JSON, of blocks of one type (``stream("document", "Facture")``)."""
    return json.dumps([{"type": block_type, "value": value} for value in values])


def maison_in(commune: Commune, title: str, **fields) -> MaisonPage:
    """A France Services at the point of ``commune`` (built by ``communes_from_table``),
    with its name, INSEE code, first postcode and department."""
    return MaisonPageFactory(
        title=title,
        commune=commune,
        commune_name=commune.name_with_article,
        insee_commune=commune.insee,
        postcode=commune.postcodes.order_by("postcode").first().postcode,
        department=commune.department,
        latitude=commune.latitude,
        longitude=commune.longitude,
        **fields,
    )


def translate(item, language_code: str, **fields):
    """The translation of a snippet (a partner, a guide theme or audience) into
    ``language_code``, with ``fields`` changed."""
    translated = item.copy_for_translation(Locale.objects.get(language_code=language_code))
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    return translated


# --- place search tests ---


def communes_from_file(path, *insees: str, reference: bool = False) -> str:
    """Imports the rows of the commune file at ``path`` with these INSEE codes (a code
    ending in ``*``: every code starting with it) as ``manage.py import_communes`` does
    (kinds, postcodes, search keys); with ``reference``, the communes the file lacks too
    (``geography.REFERENCE_COMMUNES``: whole cities, overseas collectivities). The import's
    summary line."""
    from directory.importers import parse_communes
    from directory.territories.services import import_communes

    exact = {code for code in insees if not code.endswith("*")}
    starts = tuple(code[:-1] for code in insees if code.endswith("*"))
    with open(path, encoding="utf-8") as source:
        header, *lines = source.read().splitlines()
    chosen = [
        line
        for line in lines
        if (code := line.split(",", 1)[0]) in exact or (starts and code.startswith(starts))
    ]
    records = list(parse_communes("\n".join([header, *chosen]).encode()))
    if reference:
        # imported here: a test of this module must fail, not the module, before it exists
        from directory.territories.services import reference_commune_records

        records += list(reference_commune_records())
    return import_communes(records).line()
