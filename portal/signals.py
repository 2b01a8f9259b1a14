from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .content_version import bump_content_version


def connect() -> None:
    """Any change to the public page tree makes rendered-content caches stale."""
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_content_version, dispatch_uid=f"portal-content-{signal!r}")
    post_delete.connect(_page_deleted, dispatch_uid="portal-content-page-deleted")


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        bump_content_version()
