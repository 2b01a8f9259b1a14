from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import navigation
from .models import FooterSettings, MainMenu, MainMenuItem


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(navigation.invalidate, dispatch_uid=f"home-navigation-{signal!r}")
    for model in (MainMenu, MainMenuItem, FooterSettings):
        for signal in (post_save, post_delete):
            signal.connect(
                navigation.invalidate,
                sender=model,
                dispatch_uid=f"home-navigation-{model.__name__}-{signal!r}",
            )
    post_delete.connect(_page_deleted, dispatch_uid="home-navigation-page-deleted")


def _page_deleted(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        navigation.invalidate()
