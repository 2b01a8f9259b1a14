"""What changes surveys: an answer saved (one per maison or agent, whoever writes first),
and a reminder to those who have not answered (one a day)."""

from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from ..models import AgentProfile
from ..permissions import Action, can
from . import selectors, tasks
from .models import SurveyAnswer, SurveyIndexPage, SurveyPage, SurveyReminder


class SurveyError(Exception):
    """A refused survey action, with the message the member reads."""


@transaction.atomic
def ensure_survey_index() -> SurveyIndexPage:
    """ "Enquêtes nationales", under Wagtail's root (outside every site): the national
    cell adds its surveys there in the admin."""
    index = SurveyIndexPage.objects.filter(depth=2).first()
    if index is None:
        index = Page.get_first_root_node().add_child(
            instance=SurveyIndexPage(title="Enquêtes nationales", slug="enquetes-nationales")
        )
    return index


def _json_ready(data: dict) -> dict:
    """The form's cleaned data as JSON values (dates as ISO strings)."""
    return {
        name: value.isoformat() if hasattr(value, "isoformat") else value
        for name, value in data.items()
    }


def save_answer(survey: SurveyPage, profile: AgentProfile, data: dict) -> SurveyAnswer:
    """``profile``'s answer (their maison's, for a survey of the maisons), created or
    replaced. Two agents of a maison answering at once leave one answer: the database's
    unique constraint refuses the second insert, which then updates the first, locked."""
    if not can(profile.user, Action.ANSWER_SURVEY, survey):
        raise SurveyError(_("This survey is closed: answers can no longer change."))
    key = (
        {"agent": None, "maison_id": profile.maison_id}
        if survey.by_maison
        else {"agent_id": profile.user_id}
    )
    values = {
        "form_data": _json_ready(data),
        "answered_by_id": profile.user_id,
        "updated_at": timezone.now(),
        # An agent's answer keeps the maison they answered from.
        **({} if survey.by_maison else {"maison_id": profile.maison_id}),
    }
    with transaction.atomic():
        answer = SurveyAnswer.objects.select_for_update().filter(page=survey, **key).first()
        if answer is None:
            try:
                with transaction.atomic():
                    return SurveyAnswer.objects.create(page=survey, **key, **values)
            except IntegrityError:
                answer = SurveyAnswer.objects.select_for_update().get(page=survey, **key)
        for field, value in values.items():
            setattr(answer, field, value)
        answer.save(update_fields=list(values))
    return answer


def remind(survey: SurveyPage, actor) -> SurveyReminder:
    """Record today's reminder of ``survey`` and e-mail its non-respondents once committed;
    refused when the survey is closed or was already reminded today."""
    if not survey.is_open():
        raise SurveyError(_("This survey is closed: there is no one left to remind."))
    recipients = list(selectors.reminder_recipients(survey))
    with transaction.atomic():
        reminder, created = SurveyReminder.objects.get_or_create(
            survey=survey,
            sent_on=timezone.localdate(),
            defaults={"sent_by": actor, "recipients": len(recipients)},
        )
        if not created:
            raise SurveyError(_("The non-respondents were already reminded today."))
        transaction.on_commit(partial(tasks.send_reminder.enqueue, reminder.pk))
    return reminder
