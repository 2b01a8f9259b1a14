"""E-mails of the moderation, on the "background" task backend."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from ..models import Post


@task(backend="background")
def send_review_outcome(post_pk: int, *, keep: bool, reason: str) -> None:
    """Tell the author of a reported post whether the moderators kept or deleted it."""
    post = (
        Post.objects.select_related("topic__space", "author")
        .filter(pk=post_pk, author__is_active=True)
        .first()
    )
    if post is None:
        return
    context = {
        "post": post,
        "keep": keep,
        "reason": reason,
        "user": post.author,
        "topic_url": settings.PUBLIC_BASE_URL.rstrip("/") + post.topic.get_absolute_url(),
    }
    with translation.override("fr"):
        subject = render_to_string(
            "network/forums/moderation/emails/review_subject.txt", context
        ).strip()
        body = render_to_string("network/forums/moderation/emails/review.txt", context)
    EmailMessage(subject, body, to=[post.author.email]).send()
