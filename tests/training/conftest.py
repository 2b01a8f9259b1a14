from tests.network.conftest import member_client, members  # noqa: F401 (fixtures)
