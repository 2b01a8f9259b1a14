"""Following and notifications: the level form of a space or a topic, the notifications
page (each opened through a view that marks it read), "mark all as read", and the names
suggested to mention someone. What a member may not read answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from network.permissions import Action, can, profile_of

from .. import selectors as forum_selectors
from ..models import Space, Topic
from . import selectors, services
from .forms import LevelForm
from .models import Level, Notification


def _member(request):
    profile = profile_of(request.user)
    if profile is None:
        raise Http404
    return profile


def _set_level(request, target: Space | Topic, **where):
    if not can(request.user, Action.READ_FORUM_SPACE, target):
        raise Http404
    form = LevelForm(request.POST, for_topic=isinstance(target, Topic))
    if not form.is_valid():
        return HttpResponseBadRequest(_("Unknown notification level."))
    level = form.cleaned_data["level"]
    services.set_level(user=request.user, level=level, **where)
    messages.success(
        request,
        _("Notifications for “%(title)s”: %(level)s.")
        % {"title": target.title, "level": Level(level).label},
    )
    return redirect(target)


@login_required
@require_POST
def follow_topic(request, pk: int):
    topic = get_object_or_404(Topic.objects.select_related("space"), pk=pk)
    return _set_level(request, topic, topic=topic)


@login_required
@require_POST
def follow_space(request, slug: str):
    space = get_object_or_404(Space, slug=slug)
    return _set_level(request, space, space=space)


@login_required
@require_GET
def notifications(request):
    profile = _member(request)
    page = Paginator(
        selectors.notifications_of(profile), selectors.NOTIFICATIONS_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "network/forums/following/notifications.html",
        {"page_obj": page, "notifications": page.object_list},
    )


@login_required
@require_GET
def open_notification(request, pk: int):
    """Marks the notification read and goes to its post."""
    notification = get_object_or_404(
        Notification.objects.select_related("post__topic__space"), pk=pk, user=request.user
    )
    post = notification.post
    if post.deleted_at is not None or not can(request.user, Action.READ_FORUM_SPACE, post.topic):
        raise Http404
    services.mark_read(notification=notification)
    page = forum_selectors.page_of_post(post)
    return redirect(f"{post.topic.get_absolute_url()}?page={page}#message-{post.pk}")


@login_required
@require_POST
def mark_all_read(request):
    _member(request)
    services.mark_all_read(user=request.user)
    messages.success(request, _("All your notifications are marked as read."))
    return redirect("forums:notifications")


@login_required
@require_GET
def mention_suggestions(request):
    """``?topic=<id>&q=<the start of a name>``: JSON ``{"names": [...]}``, names only."""
    topic_id, text = request.GET.get("topic", ""), request.GET.get("q", "").strip()[:60]
    if not topic_id.isdigit():
        return HttpResponseBadRequest(_("Which topic?"))
    topic = get_object_or_404(Topic.objects.select_related("space"), pk=topic_id)
    if not can(request.user, Action.READ_FORUM_SPACE, topic):
        raise Http404
    names = selectors.mention_suggestions(topic, text) if len(text) >= 2 else []
    return JsonResponse({"names": names})
