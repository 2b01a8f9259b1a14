"""Keeping procedure guides up to date: reviews past due, reminders, visitors' feedback."""

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
from wagtail.users.models import UserProfile

from .models import GuideFeedback, GuidePage


@dataclass(frozen=True)
class ReminderResult:
    """What ``send_review_reminders`` did."""

    reminded_guides: int
    owners: int
    guides_without_owner: int


def guides_past_review(*, today: date) -> QuerySet[GuidePage]:
    """Guides, live or not, whose review was due on ``today`` or before, oldest first."""
    return (
        GuidePage.objects.filter(next_review__lte=today)
        .select_related("owner_of_review")
        .order_by("next_review", "title")
    )


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

    Guides without an owner, or whose owner has no e-mail address, are only counted.
    """
    by_owner = defaultdict(list)
    without_owner = 0
    for guide in guides_past_review(today=today):
        owner = guide.owner_of_review
        if owner is None or not owner.email:
            without_owner += 1
        else:
            by_owner[owner].append(guide)
    for owner, guides in by_owner.items():
        with translation.override(UserProfile.get_for_user(owner).get_preferred_language()):
            subject, body = _reminder(owner, guides, base_url)
        send_mail(subject, body, None, [owner.email])
    return ReminderResult(
        reminded_guides=sum(len(guides) for guides in by_owner.values()),
        owners=len(by_owner),
        guides_without_owner=without_owner,
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
