from django.apps import apps as django_apps
from django.db.models.signals import post_delete, post_migrate, pre_delete
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .content_version import bump_content_version, bump_content_version_on_change
from .history import hand_over_history
from .models import User
from .public_urls import sync_default_site


def connect(app_config) -> None:
    """Any change to the public page tree, the sites, the locales or the pages' view
    restrictions makes the caches of rendered content, sites, locales and routes stale; a
    deleted account's part in the admin's history goes to the "deleted member"."""
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_content_version, dispatch_uid=f"portal-content-{signal!r}")
    bump_content_version_on_change(Site, Locale, PageViewRestriction)
    post_delete.connect(_page_deleted, dispatch_uid="portal-content-page-deleted")
    # However the account goes ("Mes données", the admin): before, while its rows exist.
    pre_delete.connect(_user_deleted, sender=User, dispatch_uid="portal-history-user-deleted")
    # Every migrate gives the default site the public address (``PUBLIC_BASE_URL``).
    post_migrate.connect(_migrated, sender=app_config, dispatch_uid="portal-default-site")


def _migrated(sender, apps=None, **kwargs) -> None:
    """After ``migrate`` (and a ``flush``, which sends no ``apps``: the installed ones)."""
    try:
        (apps or django_apps).get_model("wagtailcore", "Site")
    except LookupError:  # migrated only up to before Wagtail's tables
        return
    sync_default_site()


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        bump_content_version()


def _user_deleted(sender, instance, **kwargs) -> None:
    hand_over_history(instance)
