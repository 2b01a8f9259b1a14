"""Limits on how often one client may do something (send a form…), counted in the cache."""

import ipaddress

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


def client_network(address: str) -> str:
    """What the limits count by: the address, or for IPv6 its /64 network (one client
    commonly holds a whole /64)."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))


def allow(request, *, scope: str, limit: int, seconds: int) -> bool:
    """Count one more action of ``scope`` for the client; False once it did ``limit``
    within ``seconds`` of the first it was counted for (the count then starts again).
    The count lives in the default cache, whose increment keeps the expiry (Redis, local
    memory): shared by every process with Redis, per process without it."""
    key = f"throttle:{scope}:{client_network(client_address(request))}"
    if cache.add(key, 1, seconds):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired since
        cache.set(key, 1, seconds)
        count = 1
    if count == 1:  # expired just before Redis's INCR, which made it again without expiry
        cache.touch(key, seconds)
    return count <= limit
