"""The "faire réseau" forums: spaces (a region's, the national one, a national partner's,
private ones), their topics and posts, each post's edit history, thanks and attachments.

Who reads, posts and moderates where is decided in ``network.forums.rules``, asked through
``network.permissions.can``. Attachments are kept in the private storage and served by a
view that asks it first.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

__all__ = ["Attachment", "Post", "PostRevision", "Space", "SpaceKind", "Thanks", "Topic"]


class SpaceKind(models.TextChoices):
    REGION = "region", _("Region")
    NATIONAL = "national", _("National")
    PARTNER = "partner", _("Partner")
    PRIVATE = "private", _("Private")


class Space(models.Model):
    """Where topics are posted: a region's space (its agents and coordinators), the
    national one and each national partner's (every member), or a private one (its
    members only)."""

    kind = models.CharField(_("kind"), max_length=10, choices=SpaceKind.choices)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True, max_length=1000)
    region = models.OneToOneField(
        "directory.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forum_space",
    )
    partner = models.ForeignKey(
        "directory.Partner",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forum_spaces",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        blank=True,
        related_name="private_forum_spaces",
        help_text=_("Private spaces only: who reads and posts there."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("forum space")
        verbose_name_plural = _("forum spaces")
        ordering = ["order", "title"]
        constraints = [
            models.CheckConstraint(
                name="forum_space_region_iff_regional",
                condition=Q(kind=SpaceKind.REGION, region__isnull=False)
                | (~Q(kind=SpaceKind.REGION) & Q(region__isnull=True)),
            ),
            models.CheckConstraint(
                name="forum_space_partner_iff_partner",
                condition=Q(kind=SpaceKind.PARTNER, partner__isnull=False)
                | (~Q(kind=SpaceKind.PARTNER) & Q(partner__isnull=True)),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forums:space", args=[self.slug])


class TopicKind(models.TextChoices):
    DISCUSSION = "discussion", _("Discussion")
    QUESTION = "question", _("Question")


class Topic(index.Indexed, models.Model):
    space = models.ForeignKey(
        Space, verbose_name=_("space"), on_delete=models.CASCADE, related_name="topics"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=10, choices=TopicKind.choices, default=TopicKind.DISCUSSION
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_topics",
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    solution = models.ForeignKey(
        "Post",
        verbose_name=_("solution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("last activity"), db_index=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)

    # Searched by ``network.forums.search`` only: members' content, never the site search's.
    search_fields = [
        index.SearchField("title"),
        index.FilterField("space"),
        index.FilterField("deleted_at"),
    ]

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        indexes = [
            models.Index(
                fields=["space", "-pinned", "-last_activity_at"], name="forum_topic_listing"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forums:topic", args=[self.space.slug, self.pk])

    @property
    def is_question(self) -> bool:
        return self.kind == TopicKind.QUESTION


class Post(index.Indexed, models.Model):
    """A message of a topic: its Markdown as written and its HTML, sanitised when saved.
    A deleted post keeps its place in the topic ("message supprimé") and its history."""

    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_posts",
    )
    body = models.TextField(_("message"), max_length=20000)
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Searched by ``network.forums.search`` only (its topic's space and deletion kept in
    # the post's entry, updated when the topic moves or is deleted).
    search_fields = [
        index.SearchField("body"),
        index.FilterField("deleted_at"),
        index.RelatedFields(
            "topic", [index.FilterField("space"), index.FilterField("deleted_at")]
        ),
    ]

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["topic", "created_at"], name="forum_post_in_topic")]

    def __str__(self) -> str:
        return f"{self.topic} #{self.pk}"


class PostRevision(models.Model):
    """A post's text as it was before an edit."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="revisions"
    )
    body = models.TextField(_("message"))
    written_at = models.DateTimeField(_("written at"))
    replaced_at = models.DateTimeField(_("replaced at"), auto_now_add=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")
        ordering = ["-replaced_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.post} ({self.written_at:%Y-%m-%d %H:%M})"


class Thanks(models.Model):
    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="thanks"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="forum_thanks",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("thanks")
        verbose_name_plural = _("thanks")
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="forum_thanks_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.post}"


def private_storage():
    return storages["private"]


def attachment_path(attachment: "Attachment", filename: str) -> str:
    """A random name: the member's file name may name the person the file is about."""
    return f"forums/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Attachment(models.Model):
    """A PDF or an image joined to a post, kept in the private storage."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=attachment_path)
    name = models.CharField(_("name"), max_length=150)
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forums:attachment", args=[self.pk, self.name])

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


from .moderation.models import *  # noqa: E402, F403  (issue 23: moderation)
