"""The admin's history once an account is deleted: what it did stays, who it was goes."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry, PageLogEntry, Revision, TaskState, WorkflowState

from .models.users import DELETED_MEMBER_EMAIL, User


def hand_over_history(user: User) -> None:
    """Attribute what ``user`` did (log entries, revisions, moderation) to the "deleted
    member" account, and forget what the log entries about the account said of it.

    Wagtail would keep the id in its log entries ("user 12 (deleted)") and lose the author
    of revisions and moderation steps."""
    if user.email == DELETED_MEMBER_EMAIL:
        return
    forget_in_history(user)
    authored = [
        (rows, field)
        for model, field in (
            (PageLogEntry, "user_id"),
            (ModelLogEntry, "user_id"),
            (Revision, "user_id"),
            (WorkflowState, "requested_by_id"),
            (TaskState, "finished_by_id"),
        )
        if (rows := model.objects.filter(**{field: user.pk})).exists()
    ]
    if authored:  # the stand-in is made at the first deleted account that did something
        stand_in = User.objects.deleted_member()
        for rows, field in authored:
            rows.update(**{field: stand_in.pk})


def forget_in_history(instance) -> None:
    """Log entries about ``instance`` (an account, a member's profile) keep their action but
    no longer its name, nor the detail Wagtail kept with them."""
    with translation.override(settings.LANGUAGE_CODE):
        label = gettext("Deleted member")
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
    ).update(label=label, data={})
