from django import template

from ..permissions import Action, can

register = template.Library()


@register.filter
def may(user, action: str) -> bool:
    """``{% if request.user|may:"invite" %}``: the permission module, in templates."""
    return can(user, Action(action))
