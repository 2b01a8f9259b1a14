"""A post's Markdown as safe HTML: rendered by the site's Markdown renderer, then cleaned
by nh3 to what a forum needs (paragraphs, emphasis, lists, links, code, quotes), links
only to http, https and mailto addresses and marked ``nofollow noopener``, images only
from the forums' own attachments."""

import nh3
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from portal.sanitize import render_markdown

TAGS = {
    "a", "b", "blockquote", "br", "code", "del", "em", "hr", "i", "img", "li", "ol", "p",
    "pre", "strong", "ul",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt"}}
URL_SCHEMES = {"http", "https", "mailto"}


def _attachments_prefixes() -> tuple[str, ...]:
    """The addresses attachments start with, in every language."""
    prefixes = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            prefixes.append(reverse("forums:attachment", args=[0, "x"]).removesuffix("0/x"))
    return tuple(prefixes)


def post_html(text: str) -> str:
    prefixes = _attachments_prefixes()

    def only_our_images(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            return value if value.startswith(prefixes) and ".." not in value else None
        return value

    return nh3.clean(
        render_markdown(text),
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
        attribute_filter=only_our_images,
    )
