"""The per-client limits of portal.throttling."""

import time

import pytest
from django.core.cache import cache

from portal.throttling import allow, client_address, client_network


def test_a_client_is_limited_and_another_is_not(rf):
    first, other = rf.get("/", REMOTE_ADDR="127.0.0.5"), rf.get("/", REMOTE_ADDR="127.0.0.6")
    assert [allow(first, scope="test", limit=2, seconds=60) for _ in range(3)] == [
        True,
        True,
        False,
    ]
    assert allow(other, scope="test", limit=2, seconds=60)
    assert allow(first, scope="another-scope", limit=2, seconds=60)


@pytest.fixture
def clock(monkeypatch):
    """The time the limits and the local-memory cache read, a tenth of a second before
    a whole minute."""
    now = [1_800_000_059.9]
    monkeypatch.setattr(time, "time", lambda: now[0])
    return now


def test_the_period_starts_with_the_first_action(rf, clock):
    client = rf.get("/", REMOTE_ADDR="127.0.0.7")
    assert allow(client, scope="test", limit=1, seconds=60)
    clock[0] += 0.2  # past the whole minute: still the same period
    assert not allow(client, scope="test", limit=1, seconds=60)
    clock[0] += 60  # the period is over
    assert allow(client, scope="test", limit=1, seconds=60)
    assert not allow(client, scope="test", limit=1, seconds=60)


def test_a_count_made_again_without_expiry_gets_one(rf, clock, monkeypatch):
    """Redis's INCR makes again, without expiry, a count that expired just before it: the
    period is set again, or the client would be refused for ever."""
    client = rf.get("/", REMOTE_ADDR="127.0.0.8")
    assert allow(client, scope="test", limit=1, seconds=60)

    def incr_after_expiry(key, delta=1):
        cache.set(key, delta, timeout=None)
        return delta

    with monkeypatch.context() as patched:
        patched.setattr(cache, "incr", incr_after_expiry)
        assert allow(client, scope="test", limit=1, seconds=60)
    assert not allow(client, scope="test", limit=1, seconds=60)
    clock[0] += 61
    assert allow(client, scope="test", limit=1, seconds=60)


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("::1", "::/64"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("::ffff:127.0.0.1", "127.0.0.1"),
        ("not an address", "not an address"),
    ],
)
def test_ipv6_clients_are_counted_by_their_64_network(address, network):
    assert client_network(address) == network


def test_the_forwarded_address_is_trusted_only_behind_proxies(rf, settings):
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.9, 127.0.0.2")
    settings.NUM_PROXIES = 0
    assert client_address(request) == "127.0.0.1"
    settings.NUM_PROXIES = 1
    assert client_address(request) == "127.0.0.2"
    settings.NUM_PROXIES = 2
    assert client_address(request) == "10.0.0.9"
