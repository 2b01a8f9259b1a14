from django import template
from django.urls import reverse

from home import navigation
from portal.locales import active_locale

register = template.Library()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    current_path = getattr(context.get("page"), "path", "")
    items = [
        {
            **entry,
            "current": current_path == entry["path"],
            "ancestor": current_path.startswith(entry["path"]) and current_path != entry["path"],
        }
        for entry in navigation.menu_entries(request, active_locale(request))
    ]
    members_url = reverse("network:dashboard")
    members = {"url": members_url, "current": request.path.startswith(members_url)}
    return {"items": items, "members": members}


@register.inclusion_tag("components/footer_links.html", takes_context=True)
def footer_links(context):
    request = context["request"]
    return {"links": navigation.footer_entries(request, active_locale(request))}
