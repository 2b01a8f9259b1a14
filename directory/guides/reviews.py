"""Keeping procedure guides up to date: reviews past due, reminders, visitors' feedback."""

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.core.mail import send_mail
from django.db.models import Count, F, FloatField, Max, Q, QuerySet
from django.db.models.functions import Cast, Round
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from wagtail.permissions import page_permission_policy
from wagtail.users.models import UserProfile

from directory.guides.models import GuideFeedback, GuidePage

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReminderResult:
    """What ``send_review_reminders`` did."""

    reminded_guides: int
    owners: int
    guides_without_owner: int
    failed_owners: int


def guides_past_review(*, today: date, user=None) -> QuerySet[GuidePage]:
    """Guides, live or not, whose review was due on ``today`` or before, oldest first.

    Given a ``user``, only the guides they may change or publish.
    """
    guides = GuidePage.objects.filter(next_review__lte=today)
    if user is not None:
        editable = page_permission_policy.instances_user_has_any_permission_for(
            user, ["change", "publish"]
        )
        guides = guides.filter(pk__in=editable.values("pk"))
    return guides.select_related("owner_of_review").order_by("next_review", "title")


def owner_name(owner) -> str:
    """The review owner's full name, never their e-mail address (blank if unknown)."""
    return owner.get_full_name() if owner is not None else ""


def _edit_url(guide: GuidePage, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("wagtailadmin_pages:edit", args=[guide.pk])


def _reminder(owner, guides: list[GuidePage], base_url: str) -> tuple[str, str]:
    """Subject and plain-text body of the reminder for one owner."""
    subject = ngettext(
        "%(count)d procedure guide to review",
        "%(count)d procedure guides to review",
        len(guides),
    ) % {"count": len(guides)}
    lines = [
        gettext("Hello %(name)s,") % {"name": owner.get_full_name() or owner.email},
        "",
        ngettext(
            "This guide you look after was due for review:",
            "These guides you look after were due for review:",
            len(guides),
        ),
    ]
    for guide in guides:
        lines += [
            "",
            f"- {guide.title}",
            "  "
            + gettext("Review due on %(date)s")
            % {"date": date_format(guide.next_review, "SHORT_DATE_FORMAT")},
            f"  {_edit_url(guide, base_url)}",
        ]
    lines += [
        "",
        gettext(
            "Once a guide is checked, set its next review date in the Promote tab, "
            "then publish it."
        ),
    ]
    return subject, "\n".join(lines)


def send_review_reminders(*, today: date, base_url: str) -> ReminderResult:
    """E-mail each review owner one message listing all their guides past review.

    Guides without an active owner with an e-mail address are only counted. A message
    that cannot be sent is logged and counted; the other owners are still reminded.
    """
    by_owner = defaultdict(list)
    without_owner = 0
    for guide in guides_past_review(today=today):
        owner = guide.owner_of_review
        if owner is None or not owner.is_active or not owner.email:
            without_owner += 1
        else:
            by_owner[owner].append(guide)
    reminded_guides = owners = failed_owners = 0
    for owner, guides in by_owner.items():
        with translation.override(UserProfile.get_for_user(owner).get_preferred_language()):
            subject, body = _reminder(owner, guides, base_url)
        try:
            send_mail(subject, body, None, [owner.email])
        except OSError:  # smtplib.SMTPException included
            logger.exception("Review reminder to user %s could not be sent", owner.pk)
            failed_owners += 1
        else:
            reminded_guides += len(guides)
            owners += 1
    return ReminderResult(
        reminded_guides=reminded_guides,
        owners=owners,
        guides_without_owner=without_owner,
        failed_owners=failed_owners,
    )


def feedback_summary() -> QuerySet[GuidePage]:
    """Guides that received answers, with ``useful_count``, ``not_useful_count``,
    ``answer_count``, ``useful_percent``, ``comment_count`` and ``latest_answer``;
    latest answered first."""
    return (
        GuidePage.objects.annotate(
            answer_count=Count("feedback"),
            useful_count=Count("feedback", filter=Q(feedback__useful=True)),
            not_useful_count=Count("feedback", filter=Q(feedback__useful=False)),
            comment_count=Count("feedback", filter=~Q(feedback__comment="")),
            latest_answer=Max("feedback__created_at"),
        )
        .filter(answer_count__gt=0)
        .annotate(
            useful_percent=Round(Cast(F("useful_count"), FloatField()) * 100 / F("answer_count"))
        )
        .order_by("-latest_answer", "title")
    )


def feedback_for_guide(guide: GuidePage) -> QuerySet[GuideFeedback]:
    """The answers about one guide, latest first."""
    return guide.feedback.order_by("-created_at", "-pk")
