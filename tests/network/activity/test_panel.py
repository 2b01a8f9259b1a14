"""The dashboards' activity panel: its figures against the test's own sums and
``statistics`` quantiles, only within the member's territory, in a constant number of
queries, and its CSV the table shown."""

import csv
import io
import statistics
from datetime import date

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from directory.models import Department
from network.activity import months, steering
from network.activity.models import ActivityLine, ActivityReport
from network.selectors import maisons_covered
from network.steering.scope import SteeringScope
from tests.factories import MaisonPageFactory

pytestmark = pytest.mark.django_db

PANEL = "/espace-agents/pilotage/activite/"
OCTOBER = date(2026, 10, 1)
TRENDS = [months.add_months(OCTOBER, -i) for i in range(24)]


def fill(maisons, partners, skip_october=()) -> dict:
    """Reports of 24 months for ``maisons`` (rows, written in bulk); their visits by
    (maison pk, month, partner slug or None, theme), for the test's own sums."""
    visits = {}
    reports = []
    for index, maison in enumerate(maisons):
        for age, month in enumerate(TRENDS):
            if month == OCTOBER and maison in skip_october:
                continue
            cells = {
                ("caf", "famille"): 10 + 7 * index + age,
                ("dgfip", "impots"): 3 * index + age % 5,
                (None, "sante"): (index * age) % 4,
            }
            reports.append((maison, month, cells))
            for (slug, theme), count in cells.items():
                visits[(maison.pk, month, slug, theme)] = count
    created = ActivityReport.objects.bulk_create(
        ActivityReport(maison=maison, month=month, total_visits=sum(cells.values()))
        for maison, month, cells in reports
    )
    ActivityLine.objects.bulk_create(
        ActivityLine(
            report=report,
            maison=maison,
            month=month,
            partner=partners[slug] if slug else None,
            theme=theme,
            visits=count,
        )
        for report, (maison, month, cells) in zip(created, reports, strict=True)
        for (slug, theme), count in cells.items()
        if count
    )
    return visits


@pytest.fixture
def network(members, partners, clock):
    """Three maisons of the Hérault, one of the Gard (both Occitanie), the Puy-de-Dôme's;
    one of the Hérault has not reported October."""
    herault = [members.maison("34")] + [
        MaisonPageFactory(title=f"France Services de l’Hérault {n}") for n in range(2)
    ]
    gard = MaisonPageFactory(
        title="France Services du Gard", department=Department.objects.get(code="30")
    )
    maisons = [*herault, gard, members.maison("63")]
    return maisons, fill(maisons, partners, skip_october={herault[2]})


def totals(visits, maison_pks, month=None, partner=...):
    return sum(
        count
        for (pk, m, slug, _theme), count in visits.items()
        if pk in maison_pks and (month is None or m == month) and partner in (..., slug)
    )


def test_the_figures_are_the_sums_and_quantiles_of_the_reports(members, member_client, network):
    maisons, visits = network
    everyone = {maison.pk for maison in maisons}

    context = member_client(members.national).get(PANEL).context

    monthly = context["monthly_chart"]
    assert monthly.labels[0] == "2024-11" and monthly.labels[-1] == "2026-10"
    assert monthly.series[0].values == [
        totals(visits, everyone, month) for month in reversed(TRENDS)
    ]
    partners = {bar.label: bar.value for bar in context["partner_chart"].bars}
    in_october = {k: v for k, v in visits.items() if k[1] == OCTOBER}
    expected = {
        "Caisse d’allocations familiales": totals(in_october, everyone, partner="caf"),
        "Finances publiques": totals(in_october, everyone, partner="dgfip"),
        "Autres partenaires": totals(in_october, everyone, partner=None),
    }
    assert partners == {label: value for label, value in expected.items() if value}
    themes = {bar.label: bar.value for bar in context["theme_chart"].bars}
    assert themes["Impôts"] == totals(in_october, everyone, partner="dgfip")
    october = [totals(visits, {m.pk}, OCTOBER) for m in maisons if m != maisons[2]]
    overall = context["distribution_chart"].rows[0].spread
    deciles = statistics.quantiles(october, n=10, method="inclusive")
    assert (overall.count, overall.median) == (4, statistics.median(october))
    assert (overall.d1, overall.d9) == (deciles[0], deciles[8])
    by_region = {row.label: row.spread.count for row in context["distribution_chart"].rows[1:]}
    assert by_region == {"Auvergne-Rhône-Alpes": 1, "Occitanie": 3}
    assert [m.title for m in context["late_maisons"]] == ["France Services de l’Hérault 1"]


def test_a_coordinator_sees_only_their_territory(members, member_client, network):
    maisons, visits = network
    herault = {maison.pk for maison in maisons[:3]}
    client = member_client(members.coordinator)

    context = client.get(PANEL).context
    forged = client.get(PANEL, {"region": "84"})  # Auvergne-Rhône-Alpes

    assert context["monthly_chart"].series[0].values[-1] == totals(visits, herault, OCTOBER)
    assert sorted(row[0] for row in context["table_rows"]) == sorted(m.title for m in maisons[:3])
    assert "France Services d’essai d’Ambert" not in forged.content.decode()
    assert [row.label for row in context["distribution_chart"].rows] == [
        "Toutes les maisons",
        "Hérault",
    ]


def test_a_scope_narrowed_outside_the_territory_shows_nothing(members, network):
    coordinator = members.coordinator
    scope = SteeringScope(
        profile=coordinator,
        maisons=maisons_covered(coordinator).filter(department__region__code="84"),
    )

    card = steering.card(scope)
    page = steering.page(RequestFactory().get(PANEL), scope)

    assert (card["total"], card["reported"], card["expected"]) == (0, 0, 0)
    assert set(page["monthly_chart"].series[0].values) == {None}
    assert page["partner_chart"].bars == [] and page["table_rows"] == []


def test_the_partner_filter_counts_that_partners_visits(members, partners, network):
    maisons, visits = network
    national = members.national
    scope = SteeringScope(
        profile=national, maisons=maisons_covered(national), partner=partners["dgfip"]
    )

    card = steering.card(scope)

    assert card["total"] == totals(visits, {m.pk for m in maisons}, OCTOBER, partner="dgfip")
    assert card["expected"] == 5


def test_the_card_gives_the_months_total_reported_and_median(members, network):
    maisons, visits = network
    scope = SteeringScope(profile=members.national, maisons=maisons_covered(members.national))
    october = [totals(visits, {m.pk}, OCTOBER) for m in maisons if m != maisons[2]]

    card = steering.card(scope)

    assert card == {
        "month": "octobre 2026",
        "total": sum(october),
        "reported": 4,
        "expected": 5,
        "median": statistics.median(october),
    }


def test_the_csv_is_the_table_shown(members, member_client, network):
    client = member_client(members.national)

    shown = client.get(PANEL).context["table_rows"]
    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(client.get(PANEL, {"format": "csv"}).streaming_content).decode(
                    "utf-8-sig"
                )
            )
        )
    )
    late = list(
        csv.reader(
            io.StringIO(
                b"".join(
                    client.get(PANEL, {"format": "csv", "late": "1"}).streaming_content
                ).decode("utf-8-sig")
            )
        )
    )

    assert rows[0] == [
        "France Services",
        "Département",
        "Visites en octobre 2026",
        "Visites sur 12 mois",
        "Mois déclarés sur 12",
    ]
    assert rows[1:] == [["" if v is None else str(v) for v in row] for row in shown]
    assert late == [
        ["France Services", "Département", "Dernier mois déclaré"],
        ["France Services de l’Hérault 1", "34", "2026-09"],
    ]


def test_the_panel_needs_a_constant_number_of_queries(members, partners, network):
    scope = SteeringScope(profile=members.national, maisons=maisons_covered(members.national))
    request = RequestFactory().get(PANEL)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            steering.page(request, scope)
            steering.card(scope)
            list(steering.csv(request, scope).rows)
        return len(queries)

    small = count()
    fill([MaisonPageFactory(title=f"France Services en plus {n}") for n in range(6)], partners)
    assert count() == small


def test_the_page_is_refused_to_agents(members, member_client, network):
    assert member_client(members.agent).get(PANEL).status_code == 404
