"""The member's forum data for the "Mes données" export (``register_personal_data``): the
messages they wrote (deleted ones too, with their earlier versions and attachments' names),
the thanks they gave, the private spaces they belong to, what they follow, the reports
they made and the mutes they received; never another member's text."""

from django.db.models import Prefetch

from .following.models import Subscription
from .models import Attachment, Post, PostRevision, Space, Thanks
from .moderation.selectors import personal_data as moderation_personal_data


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def personal_data(user) -> dict:
    posts = (
        Post.objects.filter(author=user)
        .select_related("topic__space")
        .prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("pk")),
            Prefetch("revisions", queryset=PostRevision.objects.order_by("written_at", "pk")),
        )
        .order_by("created_at", "pk")
    )
    thanks = Thanks.objects.filter(user=user).select_related("post__topic__space")
    return {
        "posts": [
            {
                "topic": post.topic.title,
                "space": post.topic.space.title,
                "created_at": post.created_at.isoformat(),
                "edited_at": _iso(post.edited_at),
                "deleted_at": _iso(post.deleted_at),
                "body": post.body,
                "earlier_versions": [
                    {"body": revision.body, "written_at": revision.written_at.isoformat()}
                    for revision in post.revisions.all()
                ],
                "attachments": [attachment.name for attachment in post.attachments.all()],
            }
            for post in posts
        ],
        "thanks_given": [
            {
                "topic": given.post.topic.title,
                "space": given.post.topic.space.title,
                "given_at": given.created_at.isoformat(),
            }
            for given in thanks.order_by("created_at", "pk")
        ],
        "private_spaces": list(
            Space.objects.filter(members=user).order_by("title").values_list("title", flat=True)
        ),
        "following": [
            {
                "space": subscription.space.title if subscription.space else None,
                "topic": subscription.topic.title if subscription.topic else None,
                "level": subscription.level,
            }
            for subscription in Subscription.objects.filter(user=user)
            .select_related("space", "topic")
            .order_by("pk")
        ],
        **moderation_personal_data(user),
    }
