"""What follows a post once it is saved: its mentions shown in bold, then, after commit, its
notifications (see ``recipients``) and an e-mail for each reply to a member and each
mention. ``network.forums.services`` calls ``after_post``; this module never imports the
services back."""

import html
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django_tasks import task

from network.permissions import Action, can

from ..models import Post
from . import mentions
from .models import Level, Notification, NotificationKind
from .selectors import first_post_watchers_of, levels_of, watchers_of

EMAILED_KINDS = (NotificationKind.MENTION, NotificationKind.REPLY_TO_ME)
EXCERPT_CHARACTERS = 300


def after_post(post: Post, *, edited: bool = False) -> None:
    """Called in the transaction that saves ``post`` (new, or ``edited``)."""
    shown = mentions.with_mentions(post.body_html, mentions.Names.for_text(post.body))
    if shown != post.body_html:
        post.body_html = shown
        Post.objects.filter(pk=post.pk).update(body_html=shown)
    transaction.on_commit(partial(notify_post.enqueue, post.pk, edited))


def recipients(post: Post, *, edited: bool = False) -> dict[int, str]:
    """Whom to tell of ``post`` and why (by member id, the first reason that applies):
    the members it mentions; those it replies to (the topic's author, unless it is the
    first post; the members it quotes); for a new post, the members watching its topic, and
    for a new topic those watching its space's first posts. An edit tells only the members
    it mentions or quotes. Never its author, never a member who muted the topic or no longer
    reads it."""
    topic = post.topic
    mentioned, quoted = mentions.mentioned(post.body, mentions.Names.for_text(post.body))
    first = not edited and topic.posts.order_by("created_at", "pk").first() == post
    reasons: dict[int, str] = {}
    for user_id in mentioned:
        reasons.setdefault(user_id, NotificationKind.MENTION)
    replied_to = set(quoted)
    if not first and not edited and topic.author_id is not None:
        replied_to.add(topic.author_id)
    for user_id in replied_to:
        reasons.setdefault(user_id, NotificationKind.REPLY_TO_ME)
    if not edited:
        if first:
            for user_id in first_post_watchers_of(topic.space):
                reasons.setdefault(user_id, NotificationKind.NEW_TOPIC_WATCHED)
        for user_id in watchers_of(topic):
            reasons.setdefault(user_id, NotificationKind.NEW_POST_WATCHED)
    reasons.pop(post.author_id, None)
    if not reasons:
        return {}
    levels = levels_of(topic, list(reasons))
    members = get_user_model().objects.filter(pk__in=reasons, is_active=True)
    members = members.select_related("profile__maison__department", "profile__department")
    return {
        member.pk: reasons[member.pk]
        for member in members
        if levels[member.pk] != Level.MUTED and can(member, Action.READ_FORUM_SPACE, topic)
    }


@task(backend="background")
def notify_post(post_pk: int, edited: bool = False) -> None:
    """The notifications of a post (once per member and post, whatever runs twice), then
    an e-mail for each new mention and reply to a member."""
    post = (
        Post.objects.select_related("topic__space", "author")
        .filter(pk=post_pk, deleted_at=None, topic__deleted_at=None)
        .first()
    )
    if post is None:
        return
    with transaction.atomic():
        told = recipients(post, edited=edited)
        Notification.objects.bulk_create(
            [
                Notification(user_id=user_id, kind=kind, post=post)
                for user_id, kind in told.items()
            ],
            ignore_conflicts=True,
        )
        to_email = Notification.objects.filter(
            post=post, user_id__in=told, kind__in=EMAILED_KINDS, emailed_at=None
        ).values_list("pk", flat=True)
        for notification_pk in to_email:
            transaction.on_commit(partial(send_notification_email.enqueue, notification_pk))


def excerpt(post: Post) -> str:
    """The post's text without its markup, shortened."""
    text = " ".join(html.unescape(strip_tags(post.body_html)).split())
    return Truncator(text).chars(EXCERPT_CHARACTERS)


@task(backend="background")
def send_notification_email(notification_pk: int) -> None:
    """The e-mail of a mention or a reply to a member, sent once (``emailed_at``), unless
    since then the post was deleted, the member muted the topic or may no longer read it."""
    notification = (
        Notification.objects.select_related(
            "user__profile__maison__department",
            "user__profile__department",
            "post__author",
            "post__topic__space",
        )
        .filter(pk=notification_pk, kind__in=EMAILED_KINDS, post__deleted_at=None)
        .first()
    )
    if notification is None:
        return
    post, user = notification.post, notification.user
    if not can(user, Action.READ_FORUM_SPACE, post.topic):
        return
    if levels_of(post.topic, [user.pk])[user.pk] == Level.MUTED:
        return
    claimed = Notification.objects.filter(pk=notification.pk, emailed_at=None).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "notification": notification,
            "author": post.author.get_full_name() if post.author else None,
            "topic": post.topic,
            "excerpt": excerpt(post),
            "url": settings.PUBLIC_BASE_URL.rstrip("/")
            + reverse("forums:open_notification", args=[notification.pk]),
        }
        subject = render_to_string(
            "network/forums/following/emails/notification_subject.txt", context
        )
        body = render_to_string("network/forums/following/emails/notification_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])
