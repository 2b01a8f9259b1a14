"""What the surveys' pages read: the surveys a member sees, who is expected to answer and
who has, and each question's results."""

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone

from directory.models import MaisonPage

from ..models import AgentProfile, Role
from .models import SurveyAnswer, SurveyPage
from .questions import CHOICE_KINDS, NO, YES, SurveyFormBuilder


def _in_territory(survey: SurveyPage, prefix: str = "") -> Q:
    """Maisons (``prefix``: the path to one) of the survey's territory."""
    if survey.department_id is not None:
        return Q(**{f"{prefix}department_id": survey.department_id})
    if survey.region_id is not None:
        return Q(**{f"{prefix}department__region_id": survey.region_id})
    return Q(**{f"{prefix}department__isnull": False})


def surveys_for(profile: AgentProfile) -> QuerySet[SurveyPage]:
    """The surveys ``profile`` sees: every published one for the national cell; for an
    agent, those addressed to their maison's territory once opened. Each with ``answered``
    (the member's, or their maison's, answer exists), open ones first."""
    now = timezone.now()
    surveys = SurveyPage.objects.live().filter(opens_at__lte=now)
    if profile.role == Role.AGENT and profile.maison_id is not None:
        maison = MaisonPage.objects.select_related("department").get(pk=profile.maison_id)
        if maison.department_id is None:
            return surveys.none()
        surveys = surveys.filter(
            Q(region=None, department=None)
            | Q(department_id=maison.department_id)
            | Q(region_id=maison.department.region_id)
        )
    elif profile.role != Role.NATIONAL_CELL:
        return surveys.none()
    # A maison's answer has no agent, an agent's has one: no need to ask the audience.
    own_answer = SurveyAnswer.objects.filter(page_id=OuterRef("pk")).filter(
        Q(agent=None, maison_id=profile.maison_id) | Q(agent_id=profile.user_id)
    )
    return surveys.annotate(
        answered=Exists(own_answer),
        still_open=ExpressionWrapper(Q(closes_at__gt=now), output_field=BooleanField()),
    ).order_by("-still_open", "closes_at", "pk")


def answer_of(survey: SurveyPage, profile: AgentProfile) -> SurveyAnswer | None:
    """The answer ``profile`` edits: their maison's, or their own."""
    answers = SurveyAnswer.objects.select_related("answered_by").filter(page=survey)
    if survey.by_maison:
        return answers.filter(agent=None, maison_id=profile.maison_id).first()
    return answers.filter(agent_id=profile.user_id).first()


def expected_maisons(survey: SurveyPage) -> QuerySet[MaisonPage]:
    """The live French maisons of the survey's territory."""
    return (
        MaisonPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .filter(_in_territory(survey))
    )


def expected_agents(survey: SurveyPage) -> QuerySet[AgentProfile]:
    """The active agents of those maisons."""
    return AgentProfile.objects.filter(
        role=Role.AGENT,
        user__is_active=True,
        maison__in=expected_maisons(survey).values("pk"),
    )


def _answered(survey: SurveyPage) -> Exists:
    if survey.by_maison:
        return Exists(SurveyAnswer.objects.filter(page=survey, agent=None, maison=OuterRef("pk")))
    return Exists(SurveyAnswer.objects.filter(page=survey, agent=OuterRef("user_id")))


def _expected_rows(survey: SurveyPage, within=None) -> QuerySet:
    if survey.by_maison:
        rows = expected_maisons(survey)
        return rows if within is None else rows.filter(pk__in=within.values("pk"))
    rows = expected_agents(survey)
    return rows if within is None else rows.filter(maison__in=within.values("pk"))


def expected(survey: SurveyPage, within=None) -> QuerySet:
    """Those expected to answer (maisons or agents' profiles), each with ``answered``;
    ``within``: only those of these maisons (a dashboard's scope)."""
    return _expected_rows(survey, within).annotate(answered=_answered(survey))


@dataclass(frozen=True)
class Rate:
    label: str
    expected: int
    answered: int

    @property
    def percent(self) -> float:
        return round(100 * self.answered / self.expected, 1) if self.expected else 0.0


def totals(survey: SurveyPage, within=None) -> Rate:
    """How many are expected to answer, and how many of them have: two counts."""
    rows = _expected_rows(survey, within)
    answers = SurveyAnswer.objects.filter(page=survey)
    if survey.by_maison:
        answers = answers.filter(agent=None, maison__in=rows.values("pk"))
    else:
        answers = answers.filter(agent__in=rows.values("user_id"))
    return Rate(survey.title, rows.count(), answers.count())


def rates_by(survey: SurveyPage, level: str) -> list[Rate]:
    """Expected and answered per region (``level`` "region") or department, in one query."""
    prefix = "" if survey.by_maison else "maison__"
    if level == "region":
        keys = (f"{prefix}department__region__code", f"{prefix}department__region__name")
    else:
        keys = (f"{prefix}department__code", f"{prefix}department__name")
    rows = (
        expected(survey)
        .values(*keys)
        .annotate(expected=Count("pk"), answered=Count("pk", filter=Q(answered=True)))
        .order_by(keys[0])
    )
    return [
        Rate(f"{row[keys[0]]} – {row[keys[1]]}", row["expected"], row["answered"]) for row in rows
    ]


def non_respondents(survey: SurveyPage):
    """Who has not answered: (id_fs, maison, department) per maison, or (agent's name,
    maison, department) per agent, by department then name."""
    if survey.by_maison:
        return (
            expected(survey)
            .filter(answered=False)
            .order_by("department__code", "title", "pk")
            .values_list("source_id", "title", "department__code")
        )
    return (
        expected(survey)
        .filter(answered=False)
        .order_by("maison__department__code", "maison__title", "user__last_name", "pk")
        .values_list(
            "user__first_name", "user__last_name", "maison__title", "maison__department__code"
        )
    )


def reminder_recipients(survey: SurveyPage) -> QuerySet:
    """The e-mail addresses to remind: the active agents of the maisons that have not
    answered, or the agents who have not."""
    if survey.by_maison:
        waiting = expected(survey).filter(answered=False).values("pk")
        profiles = expected_agents(survey).filter(maison__in=waiting)
    else:
        profiles = expected(survey).filter(answered=False)
    return profiles.order_by("pk").values_list("user__email", flat=True)


# Results -------------------------------------------------------------------------------


def answers(survey: SurveyPage):
    """Every answer with its maison's identifier, department and region, oldest first."""
    return (
        SurveyAnswer.objects.filter(page=survey)
        .order_by("submit_time", "pk")
        .values_list(
            "form_data",
            "maison__source_id",
            "maison__title",
            "maison__department__code",
            "maison__department__region__name",
            "updated_at",
        )
    )


@dataclass
class QuestionResult:
    """One question's figures: ``counts`` per choice (choices, yes/no), ``numbers`` by
    region (numbers), ``answered`` (how many answered it)."""

    field: object
    answered: int = 0
    counts: dict | None = None
    numbers: dict | None = None


def results(survey: SurveyPage) -> list[QuestionResult]:
    """Each question's figures, read from the answers in one pass."""
    fields = list(survey.get_form_fields())
    found = {field.clean_name: QuestionResult(field) for field in fields}
    for field in fields:
        if field.field_type in CHOICE_KINDS:
            found[field.clean_name].counts = Counter(dict.fromkeys(_choices(field), 0))
        elif field.field_type == "yesno":
            found[field.clean_name].counts = Counter({YES: 0, NO: 0})
        elif field.field_type == "number":
            found[field.clean_name].numbers = {}
    for data, _id_fs, _title, _department, region, _at in answers(survey).iterator():
        for name, result in found.items():
            value = data.get(name)
            if value in (None, "", []):
                continue
            result.answered += 1
            if result.numbers is not None:
                result.numbers.setdefault(region or "", []).append(float(value))
            elif result.counts is not None:
                result.counts.update(value if isinstance(value, list) else [value])
    return [found[field.clean_name] for field in fields]


def _choices(field) -> list[str]:
    return [value for value, _label in SurveyFormBuilder([]).get_formatted_field_choices(field)]
