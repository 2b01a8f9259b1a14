import pytest

from tests.auth import login_with_second_factor
from tests.network.conftest import members  # noqa: F401 (the members of every role)


@pytest.fixture
def member_client(client):
    """``member_client(profile)``: the test client, logged in as that member."""

    def log_in(profile):
        client.logout()
        login_with_second_factor(client, profile.user)
        return client

    return log_in
