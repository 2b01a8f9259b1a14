from django.db.models.signals import post_delete, post_save

from portal.content_version import bump_content_version

from .models import Partner


def connect() -> None:
    """Partners are listed on every maison page."""
    for signal in (post_save, post_delete):
        signal.connect(
            bump_content_version, sender=Partner, dispatch_uid=f"portal-content-partner-{signal!r}"
        )
