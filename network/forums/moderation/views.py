"""Reporting a post (its readers), a space's moderation queue with its reviews and mutes
(its moderators; 404 for everyone else), as pages and as CSV."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from network.permissions import Action, can
from portal.csv_tables import csv_response, wants_csv

from .. import selectors as forum_selectors
from ..exceptions import ForumRefused
from ..models import Post, Space
from ..views import _refusals_as_403
from . import selectors, services
from .forms import MuteForm, ReportForm, ReviewForm


def _readable_post(request, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("topic__space", "author"), pk=pk)
    if not can(request.user, Action.READ_FORUM_SPACE, post.topic):
        raise Http404
    return post


def _moderated_space(request, slug: str) -> Space:
    space = get_object_or_404(Space.objects.select_related("region", "partner"), slug=slug)
    if not can(request.user, Action.MODERATE_FORUM_SPACE, space):
        raise Http404
    return space


def _post_url(post: Post) -> str:
    page = forum_selectors.page_of_post(post)
    return f"{post.topic.get_absolute_url()}?page={page}#message-{post.pk}"


@login_required
@require_http_methods(["GET", "POST"])
@_refusals_as_403
def report_post(request, pk: int):
    post = _readable_post(request, pk)
    if not can(request.user, Action.REPORT_POST, post):
        raise ForumRefused(_("You cannot report this message."))
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.report_post(
            post=post,
            reporter=request.user,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        ):
            messages.success(request, _("Thank you: the moderators will review this message."))
        else:
            messages.success(request, _("You have already reported this message."))
        return redirect(_post_url(post))
    return TemplateResponse(
        request,
        "network/forums/moderation/report.html",
        {"post": post, "topic": post.topic, "form": form},
    )


# Column names as the members area's other CSV files write them: French, no spaces.
QUEUE_HEADER = (
    "message",
    "sujet",
    "auteur",
    "premier_signalement",
    "signalements",
    "masque",
    "motifs",
)


def _queue_rows(request, items: list[selectors.QueueItem]):
    for item in items:
        post = item.post
        yield (
            request.build_absolute_uri(f"{post.topic.get_absolute_url()}#message-{post.pk}"),
            post.topic.title,
            post.author.get_full_name() if post.author else "",
            timezone.localtime(item.first_reported_at).isoformat(timespec="minutes"),
            len(item.reports),
            int(item.hidden),
            " | ".join(
                f"{report.get_reason_display()}: {report.note}"
                if report.note
                else str(report.get_reason_display())
                for report in item.reports
            ),
        )


@login_required
@require_http_methods(["GET"])
def queue(request, slug: str):
    space = _moderated_space(request, slug)
    items = selectors.queue(space)
    if wants_csv(request):
        return csv_response(
            f"moderation-{space.slug}.csv", QUEUE_HEADER, _queue_rows(request, items)
        )
    return TemplateResponse(
        request,
        "network/forums/moderation/queue.html",
        {
            "space": space,
            "items": items,
            "mutes": list(selectors.active_mutes(space)),
            "log": selectors.space_log(space),
            "review_form": ReviewForm(),
        },
    )


@login_required
@require_POST
@_refusals_as_403
def review_post(request, pk: int):
    post = _readable_post(request, pk)
    if not can(request.user, Action.MODERATE_FORUM_SPACE, post.topic.space):
        raise Http404
    form = ReviewForm(request.POST)
    if not form.is_valid():
        raise ForumRefused(_("Choose to keep or delete the message."))
    keep = form.cleaned_data["decision"] == "keep"
    services.review_post(post=post, by=request.user, keep=keep, reason=form.cleaned_data["reason"])
    messages.success(
        request, _("The message is kept and visible.") if keep else _("The message is deleted.")
    )
    return redirect("forums:moderation_queue", post.topic.space.slug)


def _member(user_id: int):
    return get_object_or_404(get_user_model(), pk=user_id, is_active=True)


@login_required
@require_http_methods(["GET", "POST"])
@_refusals_as_403
def mute_member(request, slug: str, user_id: int):
    space = _moderated_space(request, slug)
    member = _member(user_id)
    form = MuteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        muted = services.mute(
            space=space,
            member=member,
            by=request.user,
            days=form.cleaned_data["days"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            request,
            _("%(name)s is muted in this space until %(until)s.")
            % {
                "name": member.get_full_name(),
                "until": formats.date_format(timezone.localtime(muted.until), "DATETIME_FORMAT"),
            },
        )
        return redirect("forums:moderation_queue", space.slug)
    return TemplateResponse(
        request,
        "network/forums/moderation/mute.html",
        {"space": space, "member": member, "form": form},
    )


@login_required
@require_POST
@_refusals_as_403
def unmute_member(request, slug: str, user_id: int):
    space = _moderated_space(request, slug)
    member = _member(user_id)
    if services.unmute(space=space, member=member, by=request.user):
        messages.success(request, _("%(name)s may post again.") % {"name": member.get_full_name()})
    return redirect("forums:moderation_queue", space.slug)
