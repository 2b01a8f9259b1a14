"""Writes of the forums: spaces set up for the network, topics, replies, edits (with their
history), soft deletion, solutions, thanks, pinning, locking and moving. Every write asks
the permission module, and every text passes the personal-data guard before it is saved.
"""

from dataclasses import dataclass
from pathlib import Path

import filetype
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from wagtail.models import Locale

from directory.models import Partner, Region
from network.permissions import Action, can
from portal.sensitive_data import guard

from .exceptions import ForumRefused
from .following import notify
from .following import selectors as following_selectors
from .following.models import Level, Subscription
from .markdown import post_html
from .models import Attachment, Post, PostRevision, Space, SpaceKind, Thanks, Topic, TopicKind
from .moderation import services as moderation  # issue 23: moderation

ATTACHMENT_TYPES = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}
NATIONAL_SLUG = "national"


class AttachmentRefused(ValueError):
    """Not a PDF, PNG or JPEG by its content, or too large; the message says which."""


@dataclass(frozen=True)
class Upload:
    name: str
    content_type: str
    file: object  # an UploadedFile


def _require(user, action: Action, target, message: str) -> None:
    if not can(user, action, target):
        raise ForumRefused(message)


def checked_upload(uploaded, *, max_bytes: int | None = None) -> Upload:
    """``uploaded`` if it is a PDF, PNG or JPEG by its first bytes and not larger than
    ``max_bytes`` (the forums' limit by default), with a safe name ending in the extension
    of its real type."""
    limit = max_bytes or settings.FORUM_ATTACHMENT_MAX_BYTES
    if uploaded.size > limit:
        raise AttachmentRefused(
            _("%(name)s is too large: %(limit)s MB at most.")
            % {"name": uploaded.name, "limit": round(limit / 1024 / 1024, 1)}
        )
    uploaded.seek(0)
    content_type = filetype.guess_mime(uploaded.read(262))
    uploaded.seek(0)
    if content_type not in ATTACHMENT_TYPES:
        raise AttachmentRefused(
            _("%(name)s is not a PDF, PNG or JPEG file.") % {"name": uploaded.name}
        )
    stem = get_valid_filename(Path(uploaded.name).stem)[:100] or "piece-jointe"
    return Upload(f"{stem}{ATTACHMENT_TYPES[content_type]}", content_type, uploaded)


def _attach(post: Post, uploads: list[Upload]) -> None:
    for upload in uploads:
        attachment = Attachment(
            post=post, name=upload.name, content_type=upload.content_type, size=upload.file.size
        )
        attachment.file.save(upload.name, upload.file, save=False)
        attachment.save()


def _new_post(topic: Topic, author, body: str, uploads: list[Upload]) -> Post:
    post = Post.objects.create(topic=topic, author=author, body=body, body_html=post_html(body))
    _attach(post, uploads)
    return post


CLOSENESS = [Level.MUTED, Level.NORMAL, Level.TRACKING, Level.WATCHING]


def _follow(user, topic: Topic, level: str) -> None:
    """``level`` for ``topic`` unless ``user`` chose a level for it or follows it more
    closely through its space (a member watching the space keeps watching it)."""
    current = following_selectors.level_for(user, topic)
    if CLOSENESS.index(current) < CLOSENESS.index(level):
        Subscription.objects.get_or_create(user=user, topic=topic, defaults={"level": level})


@transaction.atomic
def create_topic(
    *,
    space: Space,
    author,
    title: str,
    body: str,
    kind: str = TopicKind.DISCUSSION,
    uploads: list[Upload] = (),
    confirmed: bool = False,
) -> Topic:
    _require(author, Action.POST_IN_FORUM_SPACE, space, _("You may not post in this space."))
    moderation.ensure_not_muted(space, author)
    guard(f"{title}\n{body}", confirmed=confirmed)
    topic = Topic.objects.create(
        space=space, author=author, title=title, kind=kind, last_activity_at=timezone.now()
    )
    post = _new_post(topic, author, body, list(uploads))
    _follow(author, topic, Level.WATCHING)
    notify.after_post(post)
    return topic


@transaction.atomic
def reply(
    *, topic: Topic, author, body: str, uploads: list[Upload] = (), confirmed: bool = False
) -> Post:
    _require(
        author,
        Action.POST_IN_FORUM_SPACE,
        topic,
        _("This topic is locked: only its moderators reply.")
        if topic.locked
        else _("You may not post in this space."),
    )
    moderation.ensure_not_muted(topic.space, author)
    guard(body, confirmed=confirmed)
    post = _new_post(topic, author, body, list(uploads))
    Topic.objects.filter(pk=topic.pk).update(last_activity_at=post.created_at)
    _follow(author, topic, Level.TRACKING)
    notify.after_post(post)
    return post


@transaction.atomic
def edit_post(*, post: Post, editor, body: str, confirmed: bool = False) -> Post:
    """The new text replaces the old, which is kept as a revision."""
    _require(editor, Action.EDIT_POST, post, _("You may not edit this message."))
    if body == post.body:
        return post
    guard(body, confirmed=confirmed)
    PostRevision.objects.create(
        post=post, body=post.body, written_at=post.edited_at or post.created_at, replaced_by=editor
    )
    post.body, post.body_html, post.edited_at = body, post_html(body), timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    notify.after_post(post, edited=True)
    return post


@transaction.atomic
def delete_post(*, post: Post, by) -> None:
    """The post shows "message supprimé"; its text stays in the history for moderators."""
    _require(by, Action.EDIT_POST, post, _("You may not delete this message."))
    post.deleted_at, post.deleted_by = timezone.now(), by
    post.save(update_fields=["deleted_at", "deleted_by"])
    Topic.objects.filter(solution=post).update(solution=None)
    moderation.log_post_deletion(post=post, by=by)


@transaction.atomic
def mark_solution(*, post: Post, by) -> None:
    topic = post.topic
    _require(
        by, Action.MARK_SOLUTION, topic, _("Only the asker or a moderator marks the solution.")
    )
    if post.deleted_at is not None or post.pk == topic.posts.values_list("pk").first()[0]:
        raise ForumRefused(_("This message cannot be the solution."))
    topic.solution = post
    topic.save(update_fields=["solution"])


def thank(*, post: Post, user) -> bool:
    """Thanks once per member and post (not for one's own); True if newly thanked."""
    _require(user, Action.READ_FORUM_SPACE, post.topic, _("You may not read this topic."))
    if post.author_id == user.pk or post.deleted_at is not None:
        raise ForumRefused(_("You cannot thank this message."))
    try:
        with transaction.atomic():
            Thanks.objects.create(post=post, user=user)
    except IntegrityError:
        return False
    return True


def _moderated(topic: Topic, by, kind: str, **fields) -> None:
    """Set ``fields`` on ``topic`` and log the action ``kind``; nothing when they already
    hold (a form sent twice)."""
    _require(by, Action.MODERATE_FORUM_SPACE, topic.space, _("Only moderators do this."))
    changed = {name: value for name, value in fields.items() if getattr(topic, name) != value}
    if not changed:
        return
    for name, value in changed.items():
        setattr(topic, name, value)
    topic.save(update_fields=list(changed))
    moderation.log(by=by, kind=kind, topic=topic)


@transaction.atomic
def set_pinned(*, topic: Topic, by, pinned: bool) -> None:
    _moderated(topic, by, "pin" if pinned else "unpin", pinned=pinned)


@transaction.atomic
def set_locked(*, topic: Topic, by, locked: bool) -> None:
    _moderated(topic, by, "lock" if locked else "unlock", locked=locked)


@transaction.atomic
def set_deleted(*, topic: Topic, by, deleted: bool) -> None:
    """A deleted topic is hidden from all but its moderators, who may restore it."""
    if deleted == (topic.deleted_at is not None):
        _require(by, Action.MODERATE_FORUM_SPACE, topic.space, _("Only moderators do this."))
        return
    _moderated(
        topic,
        by,
        "delete" if deleted else "restore",
        deleted_at=timezone.now() if deleted else None,
    )


@transaction.atomic
def move_topic(*, topic: Topic, to: Space, by) -> None:
    """To another space, by a moderator of both."""
    _require(by, Action.MODERATE_FORUM_SPACE, topic.space, _("Only moderators do this."))
    _require(
        by, Action.MODERATE_FORUM_SPACE, to, _("You do not moderate the space of destination.")
    )
    moderation.log(by=by, kind="move", topic=topic, destination=to)
    topic.space = to
    topic.save(update_fields=["space"])


@transaction.atomic
def set_up_spaces() -> list[Space]:
    """A space per region (overseas included), the national one and one per national
    partner, titled in French (content, not interface); idempotent: existing spaces are
    left as editors made them."""
    created = []
    national, new = Space.objects.get_or_create(
        slug=NATIONAL_SLUG,
        defaults={
            "kind": SpaceKind.NATIONAL,
            "title": "Espace national",
            "description": "Questions et échanges de tout le réseau France Services.",
            "order": 0,
        },
    )
    if new:
        created.append(national)
    for region in Region.objects.exclude(forum_space__isnull=False):
        created.append(
            Space.objects.create(
                kind=SpaceKind.REGION,
                region=region,
                slug=f"region-{region.code}",
                title=region.name,
                description=f"Les agents et coordinateurs de la région {region.name}.",
                order=10,
            )
        )
    partners = Partner.objects.filter(national=True, locale=Locale.get_default()).exclude(
        forum_spaces__kind=SpaceKind.PARTNER
    )
    for partner in partners:
        created.append(
            Space.objects.create(
                kind=SpaceKind.PARTNER,
                partner=partner,
                slug=f"partenaire-{partner.slug}",
                title=partner.short_name or partner.name,
                description="Les formateurs du partenaire répondent aux questions des agents.",
                order=20,
            )
        )
    return created
