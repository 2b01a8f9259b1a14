"""The panel "Partners" (``pilotage/partenaires/``): the national partners each maison offers
and the maisons missing at least one. A partner counts as offered whatever its presence's
mode (a permanence on site, a video or phone call, an appointment): each is a way for the
maison's visitors to reach it. The official list has no partner column, so an imported
maison with no presence recorded yet misses them all: that is what the panel shows."""

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.charts import Bar, BarChart
from portal.csv_tables import CsvTable

from ..registry import SteeringPanel
from .drilldown import Indicator, drilldown_url
from .scope import SteeringScope
from .selectors import (
    maisons_per_partner,
    missing_national_partner,
    national_partners,
    national_partners_of,
    with_national_partners,
)

PAGE_SIZE = 50
CSV_HEADER = ["id_fs", "nom", "departement", "partenaires_nationaux", "partenaires_manquants"]
CHUNK = 500


def partners_rows(scope: SteeringScope):
    return (
        with_national_partners(scope.maisons).select_related("department").order_by("title", "pk")
    )


def table_rows(maisons, partners) -> list[list]:
    """The rows of ``maisons``, in ``CSV_HEADER``'s order: the national partners missing
    listed by name (one query for all of them)."""
    maisons = list(maisons)
    offered = national_partners_of([maison.pk for maison in maisons])
    return [
        [
            maison.source_id,
            maison.title,
            maison.department.code if maison.department else "",
            maison.national_present,
            " ; ".join(p.name for p in partners if p.pk not in offered.get(maison.pk, ())),
        ]
        for maison in maisons
    ]


def card(scope: SteeringScope) -> dict:
    partners = list(national_partners())
    maisons = with_national_partners(scope.maisons)
    return {
        "partners": len(partners),
        "missing": missing_national_partner(maisons, len(partners)).count(),
        "href": drilldown_url(scope, "sans-partenaire-national"),
    }


def page(request, scope: SteeringScope) -> dict:
    partners = list(national_partners())
    per_partner = maisons_per_partner(scope)
    maisons = Paginator(partners_rows(scope), PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "partners_chart": BarChart(
            title=_("Maisons offering each national partner"),
            description=_(
                "Maisons where the partner is present in any way: a permanence on site, a "
                "video or phone call, or by appointment."
            ),
            bars=[
                Bar(
                    partner.name,
                    per_partner.get(partner.pk, 0),
                    drilldown_url(scope, "partenaires", partner=partner.slug),
                )
                for partner in partners
            ],
            label_header=_("National partner"),
            value_header=_("Maisons"),
        ),
        "missing": missing_national_partner(
            with_national_partners(scope.maisons), len(partners)
        ).count(),
        "missing_href": drilldown_url(scope, "sans-partenaire-national"),
        "national_count": len(partners),
        "page_obj": maisons,
        "rows": table_rows(maisons, partners),
    }


def csv(request, scope: SteeringScope) -> CsvTable:
    partners = list(national_partners())

    def rows():
        chunk = []
        for maison in partners_rows(scope).iterator(chunk_size=CHUNK):
            chunk.append(maison)
            if len(chunk) == CHUNK:
                yield from table_rows(chunk, partners)
                chunk = []
        yield from table_rows(chunk, partners)

    return CsvTable("partenaires.csv", CSV_HEADER, rows())


def _missing(maisons):
    return missing_national_partner(with_national_partners(maisons), national_partners().count())


def _present(maison):
    return maison.national_present


# The drill-downs of this panel's figures.
INDICATORS = (
    Indicator(
        "partenaires",
        gettext_lazy("National partners offered"),
        gettext_lazy("National partners"),
        "partenaires_nationaux",
        with_national_partners,
        _present,
    ),
    Indicator(
        "sans-partenaire-national",
        gettext_lazy("Maisons missing a national partner"),
        gettext_lazy("National partners"),
        "partenaires_nationaux",
        _missing,
        _present,
    ),
)


PANEL = SteeringPanel(
    "partners",
    "partenaires",
    gettext_lazy("National partners"),
    "network/steering/partners_card.html",
    card,
    "network/steering/partners.html",
    page,
    csv,
    order=20,
)
