"""A site-wide content version kept in the shared cache.

Caches of rendered content put it in their keys; anything that may change what the
public sees (a page published, unpublished, moved or deleted, a menu, footer, partner,
site, locale or view restriction saved) bumps it, so every process stops serving the old
entries at once. It also names the release (the static files' manifest), so that pages
and fragments rendered by the previous release, with its asset addresses, are not served
after a deploy.
"""

import time

from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

VERSION_KEY = "portal:content-version"


def _release() -> str:
    # ManifestStaticFilesStorage knows a hash of its manifest; other storages none.
    return getattr(staticfiles_storage, "manifest_hash", "") or "dev"


def content_version() -> str:
    number = cache.get(VERSION_KEY)
    if number is None:
        cache.add(VERSION_KEY, _seed(), timeout=None)
        number = cache.get(VERSION_KEY, 0)
    return f"{_release()}-{number}"


def _seed() -> int:
    """Microseconds since 1970, not 1: should the key ever be evicted, the numbers used
    before (fewer bumps than microseconds) must not become valid again."""
    return time.time_ns() // 1000


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, _seed(), timeout=None)


def bump_content_version(**_signal_kwargs) -> None:
    """At once, and again when the transaction commits: a request served meanwhile may
    have cached what the transaction was still changing."""
    _bump()
    transaction.on_commit(_bump)


def bump_content_version_on_change(*models) -> None:
    """Bump the version whenever an instance of one of ``models`` is saved or deleted."""
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                bump_content_version,
                sender=model,
                dispatch_uid=f"portal-content-{model.__name__}-{signal!r}",
            )
