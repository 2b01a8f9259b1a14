"""Search in the forums (``/espace-agents/forums/recherche/``), through the site's search
backend (Wagtail's database backend, Elasticsearch in production), returning only what the
member reads: live topics and posts of the spaces they read, filtered in the search itself
before any page is cut, never after.

Never public: the site search (``search.selectors``) asks the backend for pages and partners
only; with Elasticsearch, topics and posts have indexes of their own
(``<prefix>network_topic``, ``<prefix>network_post``), which it never queries, and with the
database backend their entries carry their content type, which it never asks for.

The index follows the posts and topics by Wagtail's save and delete signals; a post's entry
also holds its topic's space and deletion, updated here when the topic is moved, deleted or
restored (``_topic_saved``). Results are read back from the database through the same
filters, so an entry not yet updated can never show what the member may not read.
"""

import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backend, get_search_backends

from network.models import AgentProfile
from network.permissions import region_id_of
from portal.search_terms import plain_terms

from . import rules
from .models import Post, Space, Topic
from .moderation.selectors import hidden_posts
from .selectors import POSTS_PAGE_SIZE

# Topics, and posts, a search lists at most, best first: more than anyone reads, and a
# search that costs the same on any backend whatever the size of the forums.
MAX_RESULTS = 100
EXCERPT_LENGTH = 240
# A word found this far into a post: its excerpt starts a little before it.
EXCERPT_LEAD = 60
_TOKENS = re.compile(r"(\w+)")


def readable_spaces(profile: AgentProfile) -> list[Space]:
    """The spaces ``profile`` reads, in their order: one query."""
    readable = rules.readable_spaces(profile, region_id=region_id_of(profile))
    return list(Space.objects.filter(readable).order_by("order", "title"))


def shown_posts():
    """The posts a search may show: live ones of live topics."""
    return Post.objects.filter(deleted_at=None, topic__deleted_at=None)


@dataclass(frozen=True)
class Found:
    """The topics whose title holds the words searched, then the posts whose text holds
    them (but a found topic's first post), each best first and ``MAX_RESULTS`` at most
    (``capped``: that many of either)."""

    results: list
    capped: bool = False


def backend_searches(terms: str, spaces: list[Space]) -> tuple:
    """The backend's (lazy) searches of the topics and of the posts of ``spaces`` holding
    every word of ``terms``, best first, filtered in the search itself."""
    space_ids = [space.pk for space in spaces]
    backend = get_search_backend()
    topics = Topic.objects.filter(space__in=space_ids, deleted_at=None).only("pk")
    posts = shown_posts().filter(topic__space__in=space_ids).only("pk")
    return tuple(backend.search(terms, queryset, operator="and") for queryset in (topics, posts))


def search(*, query: str, spaces: list[Space]) -> Found:
    """What matches every word of ``query`` in ``spaces`` (those the member reads, or one
    of them); nothing when ``query`` holds no word. One backend search of each kind, the
    same cost whatever the size of the forums: the page shown reads its details
    (``hits``)."""
    terms = plain_terms(query)
    if not terms or not spaces:
        return Found([])
    topics, posts = [list(results[:MAX_RESULTS]) for results in backend_searches(terms, spaces)]
    shown_with_topic = _opening_posts([t.pk for t in topics], [p.pk for p in posts])
    return Found(
        topics + [post for post in posts if post.pk not in shown_with_topic],
        capped=MAX_RESULTS in (len(topics), len(posts)),
    )


def _opening_posts(topic_ids: list[int], post_ids: list[int]) -> set[int]:
    """Among ``post_ids``, the first posts of the topics ``topic_ids``: a topic's hit shows
    its first post already, so that post is not listed again."""
    if not topic_ids or not post_ids:
        return set()
    first = shown_posts().filter(topic=OuterRef("topic")).order_by("created_at", "pk")
    return set(
        Post.objects.filter(pk__in=post_ids, topic__in=topic_ids)
        .annotate(first_pk=Subquery(first.values("pk")[:1]))
        .filter(pk=F("first_pk"))
        .values_list("pk", flat=True)
    )


@dataclass(frozen=True)
class Hit:
    """What the results page shows of a topic or a post."""

    kind: str
    title: SafeString
    url: str
    space: str
    author: str
    at: datetime
    excerpt: SafeString


def hits(results: list, *, query: str) -> list[Hit]:
    """The hits of one page of results, in its order: two queries whatever its size."""
    terms = searched_terms(query)
    topics = _topics_shown([r.pk for r in results if isinstance(r, Topic)])
    posts = _posts_shown([r.pk for r in results if isinstance(r, Post)])
    found = []
    for result in results:
        if isinstance(result, Topic) and result.pk in topics:
            found.append(_topic_hit(topics[result.pk], terms))
        elif isinstance(result, Post) and result.pk in posts:
            found.append(_post_hit(posts[result.pk], terms))
    return found


def _topics_shown(ids: list[int]) -> dict[int, Topic]:
    if not ids:
        return {}
    first_post = (
        shown_posts()
        .exclude(pk__in=hidden_posts())
        .filter(topic=OuterRef("pk"))
        .order_by("created_at", "pk")
    )
    topics = Topic.objects.filter(pk__in=ids).select_related("space", "author")
    return topics.annotate(first_html=Subquery(first_post.values("body_html")[:1])).in_bulk()


def _posts_shown(ids: list[int]) -> dict[int, Post]:
    """The posts not hidden by reports, with the number of posts before each in its topic
    (for its page)."""
    if not ids:
        return {}
    before = (
        Post.objects.filter(topic=OuterRef("topic"))
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("topic")
        .annotate(count=Count("pk"))
        .values("count")
    )
    posts = (
        Post.objects.filter(pk__in=ids)
        .exclude(pk__in=hidden_posts())  # reported until reviewed
        .select_related("topic__space", "author")
    )
    return posts.annotate(
        before=Coalesce(Subquery(before, output_field=IntegerField()), Value(0))
    ).in_bulk()


def _name(user) -> str:
    return user.get_full_name() if user else _("a former member")


def _topic_hit(topic: Topic, terms: tuple[str, ...]) -> Hit:
    return Hit(
        kind=_("Topic"),
        title=highlight(topic.title, terms),
        url=topic.get_absolute_url(),
        space=topic.space.title,
        author=_name(topic.author),
        at=topic.created_at,
        excerpt=excerpt(topic.first_html or "", terms),
    )


def _post_hit(post: Post, terms: tuple[str, ...]) -> Hit:
    topic = post.topic
    page = post.before // POSTS_PAGE_SIZE + 1
    return Hit(
        kind=_("Message"),
        title=highlight(topic.title, terms),
        url=f"{topic.get_absolute_url()}?page={page}#message-{post.pk}",
        space=topic.space.title,
        author=_name(post.author),
        at=post.created_at,
        excerpt=excerpt(post.body_html, terms),
    )


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def searched_terms(query: str) -> tuple[str, ...]:
    """The words of ``query``, case and accents folded."""
    return tuple(dict.fromkeys(_fold(word) for word in _TOKENS.findall(query)))


def _matches(token: str, terms: tuple[str, ...]) -> bool:
    """A word searched, or one of its forms: "dossier" and "dossiers" find each other;
    words of three letters or fewer only as they are."""
    folded = _fold(token)
    return any(
        folded == term
        or (
            len(term) > 3
            and (folded.startswith(term) or (len(folded) > 3 and term.startswith(folded)))
        )
        for term in terms
    )


def highlight(text: str, terms: tuple[str, ...]) -> SafeString:
    """``text`` escaped, with the words searched in ``<mark>``."""
    parts = []
    for index, part in enumerate(_TOKENS.split(text)):
        # Odd parts are the words, even ones what lies between.
        if index % 2 and _matches(part, terms):
            parts.append(f"<mark>{escape(part)}</mark>")
        else:
            parts.append(escape(part))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


def excerpt(body_html: str, terms: tuple[str, ...], *, length: int = EXCERPT_LENGTH) -> SafeString:
    """A post's text from a little before the first word searched, cut at ``length``
    characters on a word, escaped and highlighted."""
    text = " ".join(html.unescape(strip_tags(body_html)).split())
    first = next(
        (match.start() for match in _TOKENS.finditer(text) if _matches(match.group(), terms)), 0
    )
    start = text.rfind(" ", 0, first - EXCERPT_LEAD) + 1 if first > EXCERPT_LEAD else 0
    prefix = "… " if start else ""
    return highlight(prefix + Truncator(text[start:]).chars(length), terms)


@receiver(post_save, sender=Topic, dispatch_uid="forum_search_topic_saved")
def _topic_saved(sender, instance: Topic, created=False, raw=False, update_fields=None, **kwargs):
    """A topic moved, deleted or restored: its posts' entries hold its space and deletion."""
    if created or raw:
        return
    if update_fields is not None and not {"space", "deleted_at"} & set(update_fields):
        return
    posts = list(Post.objects.filter(topic=instance).select_related("topic"))
    if posts:
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(Post, posts)
