"""Every public page family in at most eight SQL queries, and as many with ten times the
data (issue 26): each page is counted with four maisons, partners, guides and communes
(a guide's help box shows the three nearest fixed maisons, not the bus), then again with
forty of each.

Each count follows a warm-up request, as a visitor after another would find the shared
caches; the whole-page cache is off, so that every page is rendered.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Department, MaisonPage
from tests.factories import (
    ClosureFactory,
    CommuneFactory,
    CommunePostcodeFactory,
    GuidePageFactory,
    GuideThemeFactory,
    ItineraryStopFactory,
    MaisonPageFactory,
    NewsPageFactory,
    PartnerFactory,
    PartnerPresenceFactory,
)

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8
# Tuesday 24 November 2026, 10:00 in Paris: the maisons are open.
TUESDAY_MORNING = datetime(2026, 11, 24, 10, tzinfo=ZoneInfo("Europe/Paris"))
HOURS = [(weekday, "09:00", "12:30") for weekday in range(5)]
CLOSED_ON = date(2026, 12, 24)

# One address of each family; "{maison}", "{bus}", "{guide}", "{partner}", "{news}" and
# "{maison_id}" are the first of each built.
FAMILIES = {
    "home": "/",
    "home (en)": "/en/",
    "standard page": "/a-propos/",
    "news index": "/actualites/",
    "news article": "/actualites/{news}/",
    "accessibility statement": "/accessibilite/",
    "site map page": "/plan-du-site/",
    "maisons index": "/maisons/",
    "maisons by postcode": "/maisons/?q=34801",
    "maisons by commune": "/maisons/?q=Budgetville+1",
    "maisons nearby": "/maisons/?lat=43.61&lon=3.87",
    "maisons nearby, the map's data": "/maisons/carte/?lat=43.61&lon=3.87",
    "maisons search embedded": "/maisons/embed/?q=34801",
    "department list": "/maisons/departement/34/",
    "maison": "/maisons/{maison}/",
    "maison (bus)": "/maisons/{bus}/",
    "maison (en directory)": "/en/maisons/{maison}/",
    "maison calendar feed": "/maisons/{maison}/calendrier.ics",
    "partners index": "/partenaires/",
    "partner page": "/partenaires/{partner}/",
    "partner page (en)": "/en/partners/{partner}/",
    "guides index": "/demarches/",
    "guides index filtered": "/demarches/?theme=budget&q=demarche",
    "guide": "/demarches/{guide}/",
    "guide with a place": "/demarches/{guide}/?q=34801",
    "guide (en fallback)": "/en/procedures/{guide}/",
    "site search": "/recherche/?q=demarche",
    "API maisons": "/api/v1/maisons/?q=34801",
    "API maison": "/api/v1/maisons/{maison_id}",
    "API communes": "/api/v1/communes/?q=budgetville&limit=4",
    "sitemap.xml": "/sitemap.xml",
    "404 page": "/page-qui-nexiste-pas/",
}


def build(start: int, stop: int) -> None:
    """Maisons (one a bus, each with hours, a closure and a partner's permanence),
    partners, guides (about the first partner, in one theme), communes with a
    postcode, and news: numbers ``start`` to ``stop - 1`` of each."""
    herault = Department.objects.get(code="34")
    theme = GuideThemeFactory(name="Budget", slug="budget") if start == 0 else None
    theme = theme or GuideThemeFactory._meta.model.objects.get(slug="budget")
    first_partner = PartnerFactory(slug="partenaire-budget") if start == 0 else None
    first_partner = first_partner or PartnerFactory._meta.model.objects.get(
        slug="partenaire-budget"
    )
    for number in range(start, stop):
        commune = CommuneFactory(
            insee=f"34{800 + number:03d}",
            name=f"Budgetville {number + 1}",
            search_name=f"budgetville {number + 1}",
            department=herault,
            latitude=43.6 + number / 1000,
            longitude=3.87,
        )
        CommunePostcodeFactory(commune=commune, postcode=f"34{801 + number:03d}")
        maison = MaisonPageFactory(
            title=f"France Services de Budgetville {number + 1}",
            postcode=f"34{801 + number:03d}",
            commune_name=commune.name,
            insee_commune=commune.insee,
            department=herault,
            latitude=43.6 + number / 1000,
            longitude=3.87,
            hours=HOURS,
            format=MaisonPage.Format.BUS if number == 1 else MaisonPage.Format.FIXED,
        )
        ClosureFactory(maison=maison, start_date=CLOSED_ON, end_date=CLOSED_ON)
        PartnerPresenceFactory(maison=maison, partner=first_partner)
        if number == 1:
            ItineraryStopFactory(maison=maison)
        if number:
            PartnerFactory(national=number % 2 == 0)
        GuidePageFactory(
            title=f"Démarche budget {number + 1}",
            partners=[first_partner],
            themes=[theme],
        )
        NewsPageFactory(title=f"Actualité budget {number + 1}")


def addresses() -> dict[str, str]:
    maisons = MaisonPage.objects.filter(title__startswith="France Services de Budgetville")
    first = maisons.order_by("pk").first()
    return {
        family: url.format(
            maison=first.slug,
            bus=maisons.get(format=MaisonPage.Format.BUS).slug,
            maison_id=first.pk,
            partner="partenaire-budget",
            guide="demarche-budget-1",
            news="actualite-budget-1",
        )
        for family, url in FAMILIES.items()
    }


def count_queries(client, urls: dict[str, str]) -> dict[str, tuple[int, int]]:
    """{family: (status, queries)} of a request after a warm-up one."""
    counted = {}
    for family, url in urls.items():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        counted[family] = (response.status_code, len(captured.captured_queries))
    return counted


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_every_public_page_family_costs_the_same_few_queries_as_the_data_grows(client, settings):
    # arrange: every page rendered (the whole-page cache off), four of everything
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if not name.endswith("PublicPageCacheMiddleware")
    ]
    build(0, 4)
    urls = addresses()
    # act
    small = count_queries(client, urls)
    build(4, 40)
    large = count_queries(client, urls)
    # assert
    expected_status = {family: 404 if family == "404 page" else 200 for family in FAMILIES}
    assert {family: status for family, (status, _) in small.items()} == expected_status
    assert {family: status for family, (status, _) in large.items()} == expected_status
    over = {family: queries for family, (_, queries) in large.items() if queries > MAX_QUERIES}
    assert over == {}
    # No page costs more with ten times the data. The site search reads each kind of page
    # its first results hold in one query: on PostgreSQL the four guides leave room there
    # for the guides' index, the forty do not (one query fewer).
    grown = {family: (small[family], counted) for family, counted in large.items()}
    assert {family: pair for family, pair in grown.items() if pair[1][1] > pair[0][1]} == {}
    assert {family: pair for family, pair in grown.items() if pair[1] != pair[0]} in (
        {},
        {"site search": ((200, 7), (200, 6))},
    )
