"""Maisons updating their own information: an agent proposes a change to their maison (the
sections they change, as structured data), a coordinator of its territory approves it (it
is published as a new revision of the maison's page) or sends it back with a comment.

Changes are never deleted: the decided ones are the maison's history. A maison has at most
one open change (pending, or sent back and awaiting the agent), which the agent edits.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

__all__ = ["MaisonChange"]


class MaisonChange(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting the coordinator")
        SENT_BACK = "sent_back", _("sent back to the maison")
        APPROVED = "approved", _("approved and published")
        WITHDRAWN = "withdrawn", _("withdrawn by the maison")

    OPEN = (Status.PENDING, Status.SENT_BACK)

    maison = models.ForeignKey(
        "directory.MaisonPage",
        verbose_name=_("France Services"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("last edited at"), auto_now=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # {section: its new value}, only the sections changed (``proposal.SECTIONS``).
    proposal = models.JSONField(_("proposal"), default=dict)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    comment = models.TextField(_("coordinator's comment"), blank=True)
    # The maison page's revision the approval published.
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("published revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Every step, oldest first: {"at", "by" (user id), "step", "comment"}.
    history = models.JSONField(_("history"), default=list)

    class Meta:
        verbose_name = _("maison change")
        verbose_name_plural = _("maison changes")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["maison"],
                condition=Q(status__in=["pending", "sent_back"]),
                name="one_open_change_per_maison",
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="maison_change_queue")]

    def __str__(self) -> str:
        return _("Change no. %(number)s") % {"number": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("maison_changes:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN
