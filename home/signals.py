from portal.content_version import bump_content_version_on_change

from .models import FooterSettings, MainMenu, MainMenuItem


def connect() -> None:
    """The header menu and the footer are part of every cached page."""
    bump_content_version_on_change(MainMenu, MainMenuItem, FooterSettings)
