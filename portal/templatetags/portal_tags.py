from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.models import Page

register = template.Library()


def _home_url(language: str) -> str:
    with translation.override(language):
        return reverse("wagtail_serve", args=[""])


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language: the page's translation, else that language's home page."""
    request = context["request"]
    cached = getattr(request, "_portal_language_links", None)
    if cached is not None:
        return cached
    page = context.get("page")
    translated_urls = {}
    if isinstance(page, Page) and page.pk:
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            translated_urls[translated.locale.language_code] = translated.get_url(request)
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = translated_urls.get(code)
        if url is None and isinstance(page, Page):
            url = _home_url(code)
        elif url is None:
            url = translate_url(request.get_full_path(), code)
            if code != current and url == request.get_full_path():
                url = _home_url(code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    request._portal_language_links = links
    return links
