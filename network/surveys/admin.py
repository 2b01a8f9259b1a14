"""The surveys in the Wagtail admin: only the national cell (or a superuser) builds,
changes or reads them, whatever page permissions other editors' groups hold on the tree."""

from django.core.exceptions import PermissionDenied

from ..permissions import Action, can
from .models import SurveyIndexPage, SurveyPage

SURVEY_PAGE_TYPES = (SurveyIndexPage, SurveyPage)


def manages(user) -> bool:
    return user.is_superuser or can(user, Action.MANAGE_SURVEYS)


def refuse_survey_page(request, page, *args, **kwargs):
    """``before_edit_page``, ``before_delete_page``…: a survey page, the cell's only."""
    if isinstance(page.specific_deferred, SURVEY_PAGE_TYPES) and not manages(request.user):
        raise PermissionDenied


def refuse_survey_creation(request, parent_page, page_class):
    if issubclass(page_class, SURVEY_PAGE_TYPES) and not manages(request.user):
        raise PermissionDenied


def hide_survey_answers(user, editable_forms):
    """The admin's "Forms" lists a survey's answers to the national cell only."""
    if manages(user):
        return editable_forms
    return editable_forms.not_type(SurveyPage)
