from django.db.models.signals import post_delete, post_save

from portal.content_version import bump_content_version

from .models import FooterSettings, MainMenu, MainMenuItem


def connect() -> None:
    """The header menu and the footer are part of every cached page."""
    for model in (MainMenu, MainMenuItem, FooterSettings):
        for signal in (post_save, post_delete):
            signal.connect(
                bump_content_version,
                sender=model,
                dispatch_uid=f"portal-content-{model.__name__}-{signal!r}",
            )
