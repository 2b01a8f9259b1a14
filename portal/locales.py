"""The active content locale, looked up once per request."""

from django.utils import translation
from wagtail.models import Locale


def active_locale(request=None) -> Locale:
    language = translation.get_language()
    cached = getattr(request, "_portal_locale", None)
    if cached is not None and cached.language_code == language:
        return cached
    locale = Locale.get_active()
    if request is not None:
        request._portal_locale = locale
    return locale
