from django.db.models.signals import post_delete, post_migrate
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .content_version import bump_content_version, bump_content_version_on_change
from .public_urls import sync_default_site


def connect(app_config) -> None:
    """Any change to the public page tree, the sites, the locales or the pages' view
    restrictions makes the caches of rendered content, sites, locales and routes stale."""
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_content_version, dispatch_uid=f"portal-content-{signal!r}")
    bump_content_version_on_change(Site, Locale, PageViewRestriction)
    post_delete.connect(_page_deleted, dispatch_uid="portal-content-page-deleted")
    # Every migrate gives the default site the public address (``PUBLIC_BASE_URL``).
    post_migrate.connect(_migrated, sender=app_config, dispatch_uid="portal-default-site")


def _migrated(sender, apps, **kwargs) -> None:
    try:
        apps.get_model("wagtailcore", "Site")
    except LookupError:  # migrated only up to before Wagtail's tables
        return
    sync_default_site()


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        bump_content_version()
