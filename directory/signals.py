from django.db.models.signals import post_delete, post_save

from directory.guides.models import GuideAudience, GuideTheme
from directory.partners.models import Partner
from portal.content_version import bump_content_version


def connect() -> None:
    """Partners are listed on every maison page; partners, themes and audiences name the
    guides' filters, tags and breadcrumbs."""
    for model in (Partner, GuideTheme, GuideAudience):
        for signal in (post_save, post_delete):
            signal.connect(
                bump_content_version,
                sender=model,
                dispatch_uid=f"portal-content-{model._meta.model_name}-{signal!r}",
            )
