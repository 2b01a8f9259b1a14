"""The active content locale, looked up once per request and kept in the shared cache
(under the content version, which saving or deleting a locale bumps)."""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from .content_version import content_version

CACHE_SECONDS = 60 * 60


def active_locale(request=None) -> Locale:
    language = translation.get_language()
    cached = getattr(request, "_portal_locale", None)
    if cached is not None and cached.language_code == language:
        return cached
    key = f"portal:locale:{content_version()}:{language}"
    locale = cache.get(key)
    if locale is None:
        locale = Locale.get_active()
        cache.set(key, locale, CACHE_SECONDS)
    if request is not None:
        request._portal_locale = locale
    return locale


def default_language() -> str:
    """The default locale's language, without a query."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def default_locale() -> Locale:
    """The default language's locale (``Locale.get_default``), kept in the shared cache."""
    key = f"portal:default-locale:{content_version()}"
    locale = cache.get(key)
    if locale is None:
        locale = Locale.get_default()
        cache.set(key, locale, CACHE_SECONDS)
    return locale
