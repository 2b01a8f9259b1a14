"""The forums (``/espace-agents/forums/``): the spaces a member reads, a space's topics, a
topic's posts with the reply form, new topics, edits and their history, attachments and
moderators' actions. What a member may not read answers 404 (its existence stays
unsaid); what they may not do on a topic they read answers 403 with the reason."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from network import registry
from network.permissions import Action, can, profile_of
from portal.sensitive_data import PersonalDataFound

from . import selectors, services
from .forms import MoveForm, PostForm, TopicForm
from .models import Attachment, Post, Space, Topic
from .moderation import selectors as moderation_selectors


def _refusals_as_403(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except services.ForumRefused as refusal:
            return TemplateResponse(
                request, "network/forums/refused.html", {"reason": str(refusal)}, status=403
            )

    return wrapped


def _readable(request, target) -> None:
    if not can(request.user, Action.READ_FORUM_SPACE, target):
        raise Http404


def _space(request, slug: str) -> Space:
    space = get_object_or_404(Space.objects.select_related("region", "partner"), slug=slug)
    _readable(request, space)
    return space


def _topic(request, pk: int, slug: str | None = None) -> Topic:
    topic = get_object_or_404(Topic.objects.select_related("space", "author"), pk=pk)
    if slug is not None and topic.space.slug != slug:
        raise Http404
    _readable(request, topic)
    return topic


def _post(request, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("topic__space", "author"), pk=pk)
    _readable(request, post.topic)
    return post


@login_required
@require_GET
def index(request):
    profile = profile_of(request.user)
    if profile is None:
        raise Http404
    return TemplateResponse(
        request, "network/forums/index.html", {"spaces": list(selectors.spaces_for(profile))}
    )


@login_required
@require_GET
def space(request, slug: str):
    space = _space(request, slug)
    moderates = can(request.user, Action.MODERATE_FORUM_SPACE, space)
    topics = selectors.topics_of(space, with_deleted=moderates)
    page = Paginator(topics, selectors.TOPICS_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "network/forums/space.html",
        {
            "space": space,
            "page_obj": page,
            "topics": selectors.with_post_counts(page.object_list),
            "may_post": can(request.user, Action.POST_IN_FORUM_SPACE, space),
            "panels": registry.forum_space_panels(request, space),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@_refusals_as_403
def new_topic(request, slug: str):
    space = _space(request, slug)
    if not can(request.user, Action.POST_IN_FORUM_SPACE, space):
        raise services.ForumRefused(_("You may not post in this space."))
    form = TopicForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            topic = services.create_topic(
                space=space,
                author=request.user,
                title=data["title"],
                kind=data["kind"],
                body=data["body"],
                uploads=data.get("attachments") or [],
                confirmed=data["confirm"],
            )
        except PersonalDataFound as refusal:
            form.refuse(refusal)
        else:
            return redirect(topic)
    return TemplateResponse(
        request, "network/forums/new_topic.html", {"space": space, "form": form}
    )


def _quote(request, topic: Topic) -> str:
    """The quoted post (``?citer=<id>``) as the start of a reply, or nothing."""
    quoted = request.GET.get("citer", "")
    if not quoted.isdigit():
        return ""
    post = (
        topic.posts.filter(pk=quoted, deleted_at=None)
        .exclude(pk__in=moderation_selectors.hidden_posts())
        .select_related("author")
        .first()
    )
    if post is None:
        return ""
    name = post.author.get_full_name() if post.author else _("a former member")
    lines = "\n".join(f"> {line}" for line in post.body.splitlines())
    return _("> @%(name)s wrote:") % {"name": name} + f"\n>\n{lines}\n\n"


@login_required
@require_http_methods(["GET", "POST"])
@_refusals_as_403
def topic(request, slug: str, pk: int):
    topic = _topic(request, pk, slug)
    may_reply = can(request.user, Action.POST_IN_FORUM_SPACE, topic)
    form = PostForm(
        request.POST or None, request.FILES or None, initial={"body": _quote(request, topic)}
    )
    if request.method == "POST":
        if not may_reply:
            raise services.ForumRefused(
                _("This topic is locked: only its moderators reply.")
                if topic.locked
                else _("You may not post in this space.")
            )
        if form.is_valid():
            try:
                post = services.reply(
                    topic=topic,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    uploads=form.cleaned_data.get("attachments") or [],
                    confirmed=form.cleaned_data["confirm"],
                )
            except PersonalDataFound as refusal:
                form.refuse(refusal)
            else:
                page = selectors.page_of_post(post)
                return redirect(f"{topic.get_absolute_url()}?page={page}#message-{post.pk}")
    page = Paginator(selectors.posts_of(topic, request.user), selectors.POSTS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    moderates = can(request.user, Action.MODERATE_FORUM_SPACE, topic.space)
    posts = [
        (post, can(request.user, Action.EDIT_POST, post) if post.deleted_at is None else False)
        for post in page.object_list
    ]
    return TemplateResponse(
        request,
        "network/forums/topic.html",
        {
            "space": topic.space,
            "topic": topic,
            "page_obj": page,
            "posts": posts,
            "first_post_id": topic.posts.values_list("pk", flat=True).first(),
            "form": form if may_reply else None,
            "moderates": moderates,
            "marks_solution": can(request.user, Action.MARK_SOLUTION, topic),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@_refusals_as_403
def edit_post(request, pk: int):
    post = _post(request, pk)
    if not can(request.user, Action.EDIT_POST, post):
        raise services.ForumRefused(_("You may not edit this message."))
    form = PostForm(request.POST or None, initial={"body": post.body}, with_attachments=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(
                post=post,
                editor=request.user,
                body=form.cleaned_data["body"],
                confirmed=form.cleaned_data["confirm"],
            )
        except PersonalDataFound as refusal:
            form.refuse(refusal)
        else:
            page = selectors.page_of_post(post)
            return redirect(f"{post.topic.get_absolute_url()}?page={page}#message-{post.pk}")
    return TemplateResponse(
        request, "network/forums/edit_post.html", {"post": post, "topic": post.topic, "form": form}
    )


@login_required
@require_GET
@_refusals_as_403
def post_history(request, pk: int):
    post = _post(request, pk)
    if not can(request.user, Action.EDIT_POST, post) and not can(
        request.user, Action.MODERATE_FORUM_SPACE, post.topic.space
    ):
        raise services.ForumRefused(_("Only the author and the moderators read the history."))
    return TemplateResponse(
        request,
        "network/forums/history.html",
        {
            "post": post,
            "topic": post.topic,
            "revisions": post.revisions.select_related("replaced_by"),
        },
    )


@login_required
@require_POST
@_refusals_as_403
def delete_post(request, pk: int):
    post = _post(request, pk)
    services.delete_post(post=post, by=request.user)
    messages.success(request, _("The message is deleted."))
    return redirect(post.topic)


@login_required
@require_POST
@_refusals_as_403
def mark_solution(request, pk: int):
    post = _post(request, pk)
    services.mark_solution(post=post, by=request.user)
    messages.success(request, _("The topic is marked as solved."))
    return redirect(f"{post.topic.get_absolute_url()}#message-{post.pk}")


@login_required
@require_POST
@_refusals_as_403
def thank(request, pk: int):
    post = _post(request, pk)
    services.thank(post=post, user=request.user)
    page = selectors.page_of_post(post)
    return redirect(f"{post.topic.get_absolute_url()}?page={page}#message-{post.pk}")


MODERATION = {
    "pin": (services.set_pinned, {"pinned": True}),
    "unpin": (services.set_pinned, {"pinned": False}),
    "lock": (services.set_locked, {"locked": True}),
    "unlock": (services.set_locked, {"locked": False}),
    "delete": (services.set_deleted, {"deleted": True}),
    "restore": (services.set_deleted, {"deleted": False}),
}


@login_required
@require_POST
@_refusals_as_403
def moderate(request, pk: int):
    topic = _topic(request, pk)
    action = MODERATION.get(request.POST.get("action", ""))
    if action is None:
        raise Http404
    function, arguments = action
    function(topic=topic, by=request.user, **arguments)
    return redirect(topic)


@login_required
@require_http_methods(["GET", "POST"])
@_refusals_as_403
def move_topic(request, pk: int):
    topic = _topic(request, pk)
    if not can(request.user, Action.MODERATE_FORUM_SPACE, topic.space):
        raise services.ForumRefused(_("Only moderators do this."))
    profile = profile_of(request.user)
    spaces = [
        space.pk
        for space in selectors.spaces_for(profile).exclude(pk=topic.space_id)
        if can(request.user, Action.MODERATE_FORUM_SPACE, space)
    ]
    form = MoveForm(request.POST or None, spaces=Space.objects.filter(pk__in=spaces))
    if request.method == "POST" and form.is_valid():
        services.move_topic(topic=topic, to=form.cleaned_data["space"], by=request.user)
        messages.success(request, _("The topic is moved."))
        return redirect(topic)
    return TemplateResponse(request, "network/forums/move.html", {"topic": topic, "form": form})


@login_required
@require_GET
def attachment(request, pk: int, name: str):
    """The file, to members who read its topic; never sniffed into another type."""
    attachment = get_object_or_404(Attachment.objects.select_related("post__topic__space"), pk=pk)
    if name != attachment.name or attachment.post.deleted_at is not None:
        raise Http404
    _readable(request, attachment.post.topic)
    if moderation_selectors.is_hidden(attachment.post) and not can(
        request.user, Action.MODERATE_FORUM_SPACE, attachment.post.topic.space
    ):
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=not attachment.is_image,
        filename=attachment.name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
