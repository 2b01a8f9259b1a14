from django import template
from django.template.loader import render_to_string

from .. import registry
from ..permissions import Action, can

register = template.Library()


@register.filter
def may(user, action: str) -> bool:
    """``{% if request.user|may:"invite" %}``: the permission module, in templates."""
    return can(user, Action(action))


@register.simple_tag(takes_context=True)
def members_area_items(context):
    """The menu entries the other apps add (``network.registry``), those the member may use."""
    return registry.members_area_items(context["request"].user)


@register.simple_tag(takes_context=True)
def dashboard_panels(context, profile):
    """The dashboard's panels from the other apps, rendered with their own context."""
    request = context["request"]
    return [
        render_to_string(panel.template_name, panel.context(request, profile), request=request)
        for panel in registry.dashboard_panels(request.user)
    ]
