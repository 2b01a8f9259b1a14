from django import template

from ..permissions import Action, can, profile_of

register = template.Library()


@register.simple_tag(takes_context=True)
def own_maison_change_link(context) -> bool:
    """Whether the member's menu offers "My maison": an agent who may update their maison's
    information. (The menu's registry asks permissions without a target; this one needs
    the member's maison.)"""
    user = context["request"].user
    profile = profile_of(user)
    if profile is None or profile.maison_id is None:
        return False
    return can(user, Action.PROPOSE_MAISON_CHANGE, profile.maison)
