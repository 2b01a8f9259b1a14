"""The national surveys' demo (``content/surveys/survey.yaml``): the survey index, one open
survey of the maisons and the answers of some demo maisons, each built once."""

from datetime import datetime, time, timedelta

import yaml
from django.db import transaction
from django.utils import timezone

from directory.models import MaisonPage
from network.models import AgentProfile
from network.surveys.models import SurveyAnswer, SurveyField, SurveyPage
from network.surveys.services import ensure_survey_index
from portal.demo.loader import CONTENT


def _midnight(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time()))


@transaction.atomic
def build(log) -> None:
    data = yaml.safe_load((CONTENT / "surveys" / "survey.yaml").read_text(encoding="utf-8"))
    index = ensure_survey_index()
    survey = SurveyPage.objects.filter(slug=data["slug"]).first()
    if survey is None:
        today = timezone.localdate()
        survey = index.add_child(
            instance=SurveyPage(
                title=data["title"],
                slug=data["slug"],
                intro=data["intro"],
                audience=data["audience"],
                opens_at=_midnight(today - timedelta(days=data["opens_days_ago"])),
                closes_at=_midnight(today + timedelta(days=data["closes_in_days"])),
            )
        )
        for order, question in enumerate(data["questions"]):
            SurveyField.objects.create(
                page=survey,
                sort_order=order,
                label=question["label"],
                field_type=question["kind"],
                required=question["required"],
                choices=question.get("choices", ""),
                help_text=question.get("help_text", ""),
            )
    names = [field.clean_name for field in survey.get_form_fields()]
    maisons = MaisonPage.objects.filter(
        locale__language_code="fr", source_id__in=data["answers"]
    ).order_by("pk")
    agents = dict(
        AgentProfile.objects.filter(maison__in=maisons)
        .order_by("-pk")
        .values_list("maison_id", "user_id")
    )
    built = 0
    for maison in maisons:
        _answer, created = SurveyAnswer.objects.get_or_create(
            page=survey,
            maison=maison,
            agent=None,
            defaults={
                "form_data": dict(zip(names, data["answers"][maison.source_id], strict=True)),
                "answered_by_id": agents.get(maison.pk),
                "updated_at": survey.opens_at + timedelta(days=1 + built),
            },
        )
        built += created
    log(f"National surveys: “{survey.title}”, {built} new answers")
