from django import template

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
    return {"items": items}


@register.inclusion_tag("components/footer_links.html", takes_context=True)
def footer_links(context):
    request = context["request"]
    return {"links": navigation.footer_entries(request, active_locale(request))}
