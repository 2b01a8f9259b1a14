from django import template

from home import selectors
from home.models import FooterSettings
from portal.locales import active_locale

register = template.Library()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    menu = selectors.main_menu(locale=active_locale(request))
    current = context.get("page")
    current_path = getattr(current, "path", "")
    items = []
    for item in menu.items.all() if menu else []:
        items.append(
            {
                "text": item.text,
                "url": item.page.get_url(request),
                "current": bool(current_path) and current_path == item.page.path,
                "ancestor": bool(current_path)
                and current_path.startswith(item.page.path)
                and current_path != item.page.path,
            }
        )
    return {"items": items}


@register.inclusion_tag("components/footer_links.html", takes_context=True)
def footer_links(context):
    request = context["request"]
    links = selectors.footer_links(
        settings=FooterSettings.for_request(request), locale=active_locale(request)
    )
    return {"links": links, "request": request}
