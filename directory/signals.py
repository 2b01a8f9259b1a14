from directory.guides.models import GuideAudience, GuideTheme
from directory.partners.models import Partner
from portal.content_version import bump_content_version_on_change


def connect() -> None:
    """Partners are listed on every maison page; partners, themes and audiences name the
    guides' filters, tags and breadcrumbs."""
    bump_content_version_on_change(Partner, GuideTheme, GuideAudience)
