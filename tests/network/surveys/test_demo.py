"""The surveys' demo: the yearly survey of the maisons, open, answered by some maisons."""

import pytest

from network.surveys import selectors
from network.surveys.models import SurveyAnswer, SurveyPage
from portal.demo.builders import surveys


@pytest.fixture(autouse=True)
def frozen_clock():
    """The demo is seeded on the real clock: this module leaves it running."""
    yield


def test_the_demo_survey_is_open_and_partly_answered(demo_site):
    # act
    surveys.build(lambda message: None)  # again: nothing new
    # assert
    survey = SurveyPage.objects.get(slug="enquete-annuelle-2026")
    assert survey.is_open() and survey.by_maison
    assert [field.field_type for field in survey.get_form_fields()] == [
        "number",
        "number",
        "yesno",
        "checkboxes",
        "multiline",
    ]
    totals = selectors.totals(survey)
    assert totals.answered == SurveyAnswer.objects.filter(page=survey).count() == 12
    assert totals.expected > totals.answered
