"""The surveys' figures as charts and tables: response rates, each question's results, and
the CSV of every answer."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from portal.charts import (
    Bar,
    BarChart,
    DistributionChart,
    DistributionRow,
    quantiles,
)
from portal.csv_tables import CsvTable

from . import selectors
from .models import SurveyPage
from .questions import NO, YES, yes_no_choices


def rates_chart(survey: SurveyPage, level: str) -> tuple[BarChart, list[selectors.Rate]]:
    """The share of answers per region or department, and the table behind it."""
    rates = selectors.rates_by(survey, level)
    header = _("Region") if level == "region" else _("Department")
    chart = BarChart(
        title=_("Answers by region") if level == "region" else _("Answers by department"),
        description=_("Share of those expected who have answered, in %."),
        bars=[Bar(rate.label, rate.percent) for rate in rates],
        label_header=header,
        value_header=_("Answered (%)"),
        unit="%",
    )
    return chart, rates


def non_respondents_header(survey: SurveyPage) -> list[str]:
    if survey.by_maison:
        return ["id_fs", "maison", "departement"]
    return ["prenom", "nom", "maison", "departement"]


@dataclass(frozen=True)
class QuestionChart:
    label: str
    kind: str
    answered: int
    chart: BarChart | DistributionChart | None = None


def question_charts(survey: SurveyPage) -> list[QuestionChart]:
    """Per question: choices and yes/no as counts per answer, numbers as their spread
    (overall, then per region); text and dates as how many answered."""
    shown = []
    for result in selectors.results(survey):
        field = result.field
        chart = None
        if result.counts is not None:
            labels = dict(yes_no_choices()) if field.field_type == "yesno" else {}
            chart = BarChart(
                title=field.label,
                description=_("Number of answers per choice."),
                bars=[
                    Bar(str(labels.get(choice, choice)), count)
                    for choice, count in result.counts.items()
                ],
                label_header=_("Answer"),
                value_header=_("Answers"),
            )
        elif result.numbers is not None:
            every = [value for values in result.numbers.values() for value in values]
            rows = [DistributionRow(_("All"), quantiles(every))]
            rows += [
                DistributionRow(region, quantiles(values))
                for region, values in sorted(result.numbers.items())
            ]
            chart = DistributionChart(
                title=field.label,
                description=_(
                    "Spread of the answers: first decile, quartiles, median, ninth decile "
                    "and mean, overall then per region."
                ),
                rows=rows,
                label_header=_("Territory"),
            )
        shown.append(QuestionChart(field.label, field.field_type, result.answered, chart))
    return shown


def _cell(field, value, yes_no: dict):
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if field.field_type == "yesno" and value in (YES, NO):
        return yes_no[value]
    return value


def answers_table(survey: SurveyPage) -> CsvTable:
    """Every answer, one row each: its maison (id_fs, name, department), when it was last
    changed, then one column per question. No names nor e-mail addresses."""
    fields = list(survey.get_form_fields())
    # Translated now: the rows are written while the response streams.
    yes_no = {value: str(label) for value, label in yes_no_choices()}
    header = ["id_fs", "maison", "departement", "mis_a_jour_le", *(f.label for f in fields)]
    rows = (
        [
            id_fs,
            title,
            department,
            updated_at.isoformat(timespec="minutes"),
            *(_cell(field, data.get(field.clean_name), yes_no) for field in fields),
        ]
        for data, id_fs, title, department, _region, updated_at in selectors.answers(
            survey
        ).iterator()
    )
    return CsvTable(f"enquete-{survey.pk}-reponses.csv", header, rows)
