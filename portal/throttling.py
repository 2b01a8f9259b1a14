"""Limits on how often one client may do something (send a form…), counted in the cache."""

import time

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind ``NUM_PROXIES`` trusted proxies
    the address the first of them saw (a client can forge the rest of the header)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if settings.NUM_PROXIES and forwarded:
        addresses = [address.strip() for address in forwarded.split(",")]
        return addresses[-min(settings.NUM_PROXIES, len(addresses))]
    return request.META.get("REMOTE_ADDR", "")


def allow(request, *, scope: str, limit: int, seconds: int) -> bool:
    """Count one more action of ``scope`` for the client; False once it did ``limit`` in
    the current window of ``seconds``."""
    window = int(time.time() // seconds)
    key = f"throttle:{scope}:{client_address(request)}:{window}"
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        count = 1
    return count <= limit
