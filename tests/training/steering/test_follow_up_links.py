"""The follow-up page links the steering pages for those who may see them only."""

import pytest

pytestmark = pytest.mark.django_db

FOLLOW_UP = "/espace-agents/formation/suivi/"
LINKS = (
    'href="/espace-agents/formation/suivi/matrice/"',
    'href="/espace-agents/formation/suivi/maisons/"',
)


@pytest.mark.parametrize(
    ("who", "shown"), [("coordinator", True), ("national", True), ("trainer", False)]
)
def test_the_steering_pages_are_linked_from_the_follow_up(members, member_client, who, shown):
    # arrange
    client = member_client(getattr(members, who))
    # act
    html = client.get(FOLLOW_UP).content.decode()
    # assert
    assert all((link in html) is shown for link in LINKS)
