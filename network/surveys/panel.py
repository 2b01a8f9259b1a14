"""The dashboards' "surveys" panel (``/espace-agents/pilotage/enquetes/``, the national
cell's): the latest surveys and their response rate within the dashboard's filters."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from portal.csv_tables import CsvTable

from ..permissions import Action
from ..registry import SteeringPanel
from . import selectors
from .models import SurveyPage

# The panel's surveys: the most recent ones (a survey a year, a few more for a region).
SURVEYS_SHOWN = 12


def _rows(scope) -> list[tuple[SurveyPage, selectors.Rate]]:
    surveys = SurveyPage.objects.live().order_by("-opens_at", "-pk")[:SURVEYS_SHOWN]
    return [(survey, selectors.totals(survey, within=scope.maisons)) for survey in surveys]


def card(scope) -> dict:
    now = timezone.now()
    rows = _rows(scope)
    return {"open": [(s, rate) for s, rate in rows if s.opens_at <= now < s.closes_at]}


def page(request, scope) -> dict:
    return {"rows": _rows(scope), "now": timezone.now()}


def csv(request, scope) -> CsvTable:
    rows = (
        [
            survey.pk,
            survey.title,
            survey.get_audience_display(),
            survey.opens_at.date().isoformat(),
            survey.closes_at.date().isoformat(),
            rate.expected,
            rate.answered,
            rate.percent,
        ]
        for survey, rate in _rows(scope)
    )
    header = ["id", "enquete", "public", "ouverture", "cloture", "attendus", "reponses", "taux"]
    return CsvTable("enquetes.csv", header, list(rows))


PANEL = SteeringPanel(
    key="surveys",
    slug="enquetes",
    title=gettext_lazy("National surveys"),
    card_template="network/surveys/steering_card.html",
    card=card,
    page_template="network/surveys/steering_panel.html",
    page=page,
    csv=csv,
    action=Action.MANAGE_SURVEYS,
    order=80,
)
