"""The dashboards' training panel (``/espace-agents/pilotage/formation/``): the scope's
maisons by their number of trained agents (0, 1, 2+, as ``selectors`` defines trained),
each module of the current plan by the share of the scope's agents holding a valid
completion of it, and the national partners' certifications held by those agents and
expiring within 90 days. Drill-downs lead to the training follow-up's steering pages."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.registry import SteeringPanel
from portal.charts import Bar, BarChart
from portal.csv_tables import CsvTable

from . import selectors

TRAINED_BANDS = (
    ("none", _("No trained agent")),
    ("one", _("One trained agent")),
    ("two_or_more", _("Two or more")),
)
CSV_HEADER = ("indicateur", "code", "libelle", "valeur", "sur", "pourcentage")


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _territory_filters(scope) -> dict[str, str]:
    """The dashboards' region or department filter, as the training pages take it."""
    if scope.department is not None:
        return {"department": scope.department.code}
    if scope.region is not None:
        return {"region": scope.region.code}
    return {}


def _url(name: str, **params) -> str:
    query = urlencode({key: value for key, value in params.items() if value != ""})
    return f"{reverse(name)}?{query}" if query else reverse(name)


def figures(scope) -> dict:
    """The panel's figures for ``scope``: a fixed number of queries."""
    today, now = timezone.localdate(), timezone.now()
    overview = selectors.maisons_overview(scope.maisons, today=today, now=now)
    steer = selectors.steering(None, today=today, maisons=scope.maisons)
    return {
        "counts": overview.counts,
        "maisons": sum(overview.counts.values()),
        "modules": steer.module_rates(),
        "agents": steer.agents.count(),
        "certifications": selectors.certifications_held(scope.maisons, now=now),
    }


def card(scope) -> dict:
    today = timezone.localdate()
    counts = selectors.maisons_overview(scope.maisons, today=today).counts
    return {"counts": counts}


def page(request, scope) -> dict:
    data = figures(scope)
    filters = _territory_filters(scope)
    maisons_url = _url("training:steering_maisons", **filters)
    return {
        **data,
        "maisons_url": maisons_url,
        "trained_chart": BarChart(
            title=_("Maisons by their number of trained agents"),
            description=_("The label requires two trained agents in each maison."),
            bars=[
                Bar(label, data["counts"][key], maisons_url if key != "two_or_more" else "")
                for key, label in TRAINED_BANDS
            ],
            label_header=_("Trained agents"),
            value_header=_("Maisons"),
        ),
        "modules_chart": BarChart(
            title=_("Modules’ completion"),
            description=_(
                "For each module of the current plan, the share of the agents holding a valid "
                "completion of it."
            ),
            bars=[
                Bar(
                    f"{rate.entry.code} – {rate.entry.title}",
                    rate.percent,
                    _url(
                        "training:steering_matrix",
                        department=filters.get("department", ""),
                        module=rate.entry.module_id,
                    ),
                )
                for rate in data["modules"]
            ],
            label_header=_("Module"),
            value_header=_("Agents who completed it"),
            unit="%",
        ),
        "certifications_chart": BarChart(
            title=_("Certifications held"),
            description=_("Agents holding a valid certification of each national partner."),
            bars=[Bar(row.title, row.agents) for row in data["certifications"]],
            label_header=_("Certification"),
            value_header=_("Certified agents"),
        ),
    }


def csv(request, scope) -> CsvTable:
    """The page's tables one after the other, told apart by their first column, each row
    a value out of a whole (maisons, agents, or certified agents)."""
    data = figures(scope)
    maisons, agents = data["maisons"], data["agents"]
    rows = [
        ("maisons_par_agents_formes", code, label, data["counts"][key], maisons)
        for (key, label), code in zip(TRAINED_BANDS, ("0", "1", "2+"), strict=True)
    ]
    rows += [
        ("module_termine", rate.entry.code, rate.entry.title, rate.done, rate.agents)
        for rate in data["modules"]
    ]
    rows += [
        ("certification_detenue", row.code, row.title, row.agents, agents)
        for row in data["certifications"]
    ]
    rows += [
        ("certification_expirant_90_jours", row.code, row.title, row.expiring, row.agents)
        for row in data["certifications"]
    ]
    return CsvTable(
        "formation-et-certifications.csv",
        CSV_HEADER,
        [(*row, _percent(row[3], row[4])) for row in rows],
    )


PANEL = SteeringPanel(
    "training",
    "formation",
    _("Training and certifications"),
    card_template="training/steering/panel_card.html",
    card=card,
    page_template="training/steering/panel.html",
    page=page,
    csv=csv,
    order=30,
)
