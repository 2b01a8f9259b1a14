"""Following in templates: the unread count of the members' menu (one query, once per
request) and the level form of a space or a topic."""

from django import template

from ..forums.following import selectors
from ..forums.following.forms import LevelForm
from ..forums.following.models import Level
from ..forums.models import Topic
from ..permissions import profile_of

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """The member's unread notifications (0 outside the members' area or for a visitor)."""
    request = context.get("request")
    if request is None:
        return 0
    if not hasattr(request, "_unread_forum_notifications"):
        profile = profile_of(request.user)
        request._unread_forum_notifications = (
            selectors.unread_count(profile) if profile is not None else 0
        )
    return request._unread_forum_notifications


@register.simple_tag(takes_context=True)
def level_form(context, target) -> LevelForm:
    """The form of the member's level for ``target`` (a space or a topic), set to it."""
    user = context["request"].user
    if isinstance(target, Topic):
        current = selectors.level_for(user, target)
    else:
        current = selectors.space_level_for(user, target)
    form = LevelForm(initial={"level": current}, for_topic=isinstance(target, Topic))
    form.current = Level(current).label
    return form
