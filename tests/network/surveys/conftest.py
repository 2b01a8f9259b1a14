from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from network.surveys.models import SurveyField, SurveyPage
from network.surveys.services import ensure_survey_index

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 18, 10, tzinfo=PARIS)
OPENS = datetime(2026, 11, 2, 9, tzinfo=PARIS)
CLOSES = datetime(2026, 12, 1, 0, tzinfo=PARIS)

QUESTIONS = [
    ("Nombre de visites par semaine", "number", ""),
    ("Ouverture le samedi", "yesno", ""),
    (
        "Principales difficultés",
        "checkboxes",
        "Accès au numérique\nDélais des partenaires\nLocaux",
    ),
    ("Commentaire", "multiline", ""),
]


def make_survey(title="Enquête annuelle 2026", questions=QUESTIONS, **fields) -> SurveyPage:
    fields = {"opens_at": OPENS, "closes_at": CLOSES, "audience": "maisons", **fields}
    survey = ensure_survey_index().add_child(
        instance=SurveyPage(title=title, intro="Une enquête d’essai.", **fields)
    )
    for order, (label, kind, choices) in enumerate(questions):
        SurveyField.objects.create(
            page=survey,
            sort_order=order,
            label=label,
            field_type=kind,
            choices=choices,
            required=kind == "number",
        )
    return survey


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def survey(members):
    """A survey of the Hérault's maisons, open on ``NOW``."""
    from directory.models import Department

    return make_survey(department=Department.objects.get(code="34"))
