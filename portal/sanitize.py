"""Members' texts as HTML: Markdown rendered by markdown-it-py, then every piece of HTML
cleaned by nh3 to a safe subset (no script, no style, no event attribute, safe links)."""

import nh3
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "i", "li",
    "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"colspan"}, "th": {"scope"}}
URL_SCHEMES = {"https", "http", "mailto", "tel"}

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def clean_html(html: str) -> SafeString:
    return mark_safe(  # noqa: S308 (cleaned by nh3 just before)
        nh3.clean(
            html,
            tags=TAGS,
            attributes=ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer nofollow",
        )
    )


def render_markdown(text: str) -> str:
    """Markdown as HTML, any HTML in the text escaped: still to clean before use."""
    return _markdown.render(text)


def markdown_html(text: str) -> SafeString:
    return clean_html(render_markdown(text))


def text_html(text: str, text_format: str = "plain") -> SafeString:
    """A text in its format (GIFT's ``[plain]``, ``[html]`` or ``[markdown]``) as safe HTML."""
    if text_format == "html":
        return clean_html(text)
    if text_format == "markdown":
        return markdown_html(text)
    return mark_safe(linebreaks(escape(text)))  # noqa: S308 (escaped)


INLINE_TAGS = {"a", "abbr", "b", "code", "em", "i", "strong", "sub", "sup"}


def inline_html(text: str, text_format: str = "plain") -> SafeString:
    """A short text (an answer, a label) as safe inline HTML: no paragraph, no block."""
    if text_format == "markdown":
        text, text_format = _markdown.renderInline(text), "html"
    if text_format == "html":
        return mark_safe(  # noqa: S308 (cleaned by nh3 just before)
            nh3.clean(text, tags=INLINE_TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES)
        )
    return escape(text)
