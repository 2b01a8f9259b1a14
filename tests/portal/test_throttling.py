"""The per-client limits of portal.throttling."""

import time

import pytest

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


def test_the_limit_lifts_once_the_period_from_the_first_action_is_over(rf):
    client = rf.get("/", REMOTE_ADDR="127.0.0.7")
    assert allow(client, scope="test", limit=1, seconds=1)
    assert not allow(client, scope="test", limit=1, seconds=1)
    time.sleep(1.1)
    assert allow(client, scope="test", limit=1, seconds=1)
    assert not allow(client, scope="test", limit=1, seconds=1)


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
