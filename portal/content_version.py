"""A site-wide content version kept in the shared cache.

Caches of rendered content put it in their keys; anything that may change what the
public sees (a page published, unpublished, moved or deleted, a menu, footer or partner
saved) bumps it, so every process stops serving the old entries at once.
"""

from django.core.cache import cache

VERSION_KEY = "portal:content-version"


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_content_version(**_signal_kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)
