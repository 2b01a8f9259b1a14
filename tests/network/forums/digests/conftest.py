from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

PARIS = ZoneInfo("Europe/Paris")
# A Monday, when the weekly job runs; the posts are written during the week before.
MONDAY = datetime(2026, 3, 9, 7, 0, tzinfo=PARIS)
WEDNESDAY = datetime(2026, 3, 4, 10, 0, tzinfo=PARIS)


@pytest.fixture
def clock(time_machine):
    """``clock(moment)``: the frozen time from then on."""

    def move(moment: datetime) -> None:
        time_machine.move_to(moment, tick=False)

    move(WEDNESDAY)
    return move


def digests_in(mailoutbox, user=None) -> list:
    """The digests among the e-mails sent (other e-mails may go as posts are written), to
    ``user`` if given."""
    return [
        message
        for message in mailoutbox
        if "List-Unsubscribe-Post" in message.extra_headers
        and (user is None or message.to == [user.email])
    ]
