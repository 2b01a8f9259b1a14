from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.models import Page, Site

from portal import grammar
from portal.content_version import content_version
from portal.public_urls import page_public_url
from portal.sanitize import inline_html, text_html

register = template.Library()

CACHE_SECONDS = 60 * 60


def _content_key(request) -> str:
    """The content version and the site: what every cached piece of a page varies on."""
    site = Site.find_for_request(request)
    return f"{content_version()}:{site.pk if site else 0}"


def _page_key(request, page: Page, part: str) -> str:
    """A cache key for what ``part`` of ``page`` shows until the content changes."""
    return f"portal:{part}:{_content_key(request)}:{page.pk}"


@register.simple_tag(takes_context=True)
def content_key(context) -> str:
    """What the cached fragments of every page's shell vary on besides the language and
    the page (``{% cache ... content_key ... %}``)."""
    return _content_key(context["request"])


def _translated_urls(request, page: Page) -> tuple[dict[str, str], dict[str, str]]:
    """({language: address} of the live translations of ``page``, itself included, and of
    its alternate versions in other languages (``alternate_urls``: the same data with
    another language's interface); {language: address} where a page without a translation
    is shown all the same, with a notice (``fallback_urls``))."""
    key = _page_key(request, page, "translations")
    urls = cache.get(key)
    if urls is None:
        translated = {
            translated.locale.language_code: translated.get_url(request)
            for translated in page.get_translations(inclusive=True).live().select_related("locale")
        }
        missing = [code for code, _name in settings.LANGUAGES if code not in translated]
        alternate_urls = getattr(page, "alternate_urls", None)
        if missing and alternate_urls:
            translated.update(alternate_urls(request, missing))
            missing = [code for code in missing if code not in translated]
        fallback_urls = getattr(page, "fallback_urls", None)
        fallbacks = fallback_urls(request, missing) if missing and fallback_urls else {}
        urls = translated, fallbacks
        cache.set(key, urls, CACHE_SECONDS)
    return urls


def _home_url(language: str) -> str:
    with translation.override(language):
        return reverse("wagtail_serve", args=[""])


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One link per language: the page's translation, else where it is shown untranslated,
    else that language's home page."""
    request = context["request"]
    cached = getattr(request, "_portal_language_links", None)
    if cached is not None:
        return cached
    page = context.get("page")
    translated_urls, fallback_urls = (
        _translated_urls(request, page) if isinstance(page, Page) and page.pk else ({}, {})
    )
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = translated_urls.get(code) or fallback_urls.get(code)
        if url is None and isinstance(page, Page):
            url = _home_url(code)
        elif url is None:
            url = translate_url(request.get_full_path(), code)
            if code != current and url == request.get_full_path():
                url = _home_url(code)
        # Only a translation is an alternate version of the page (``hreflang``).
        alternate = code in translated_urls or not isinstance(page, Page)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "current": code == current,
                "alternate": alternate,
            }
        )
    request._portal_language_links = links
    return links


@register.simple_tag(takes_context=True)
def breadcrumb_links(context) -> list[dict]:
    """[{url, title, home}] of the pages from the locale's home page (included) down to
    the context's page (excluded)."""
    request, page = context["request"], context["page"]
    key = _page_key(request, page, "breadcrumb")
    links = cache.get(key)
    if links is None:
        ancestors = page.get_ancestors().filter(depth__gte=2)
        ancestors = ancestors.only("id", "title", "url_path", "depth", "path", "locale_id")
        links = [
            {
                "url": ancestor.get_url(request),
                "title": ancestor.title,
                "home": ancestor.depth == 2,
            }
            for ancestor in ancestors
        ]
        cache.set(key, links, CACHE_SECONDS)
    return links


class BreadcrumbNavNode(template.Node):
    def __init__(self, nodelist: template.NodeList):
        self.nodelist = nodelist

    def render(self, context) -> str:
        frame = context.template.engine.get_template("components/breadcrumb_nav.html")
        with context.push(crumbs=self.nodelist.render(context)):
            return frame.render(context)


@register.tag
def breadcrumb_nav(parser, token) -> BreadcrumbNavNode:
    """``{% breadcrumb_nav %}<li>…</li>{% endbreadcrumb_nav %}``: the DSFR breadcrumb
    (container, collapse button, list) around the items written inside."""
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("breadcrumb_nav takes no argument")
    nodelist = parser.parse(("endbreadcrumb_nav",))
    parser.delete_first_token()
    return BreadcrumbNavNode(nodelist)


@register.filter
def place_after(name: str, preposition: str) -> str:
    """``{{ label|place_after:"de" }}``: "d’Ajaccio", "du Havre" in French (the message
    then says "près %(label)s"); the name alone in other languages."""
    return grammar.place_after(str(name), preposition)


@register.simple_tag(takes_context=True)
def public_page_url(context, page: Page) -> str:
    """The page's address on the public site (``PUBLIC_BASE_URL``), e.g. for a canonical
    link or a printed sheet."""
    return page_public_url(page, context.get("request")) or ""


@register.filter
def formatted_text(text: str, text_format: str = "plain"):
    """``{{ question.text|formatted_text:question.text_format }}``: safe HTML."""
    return text_html(text or "", text_format)


@register.filter
def formatted_inline(text: str, text_format: str = "plain"):
    """``{{ choice.text|formatted_inline:question.text_format }}``: safe inline HTML."""
    return inline_html(text or "", text_format)
