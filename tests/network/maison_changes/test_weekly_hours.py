"""An approved change of hours stores the maison's new weekly figures, which the
dashboards read."""

import pytest

from directory.models import MaisonPage
from network.maison_changes.models import MaisonChange

from .conftest import PROPOSE, change_url, form_data

pytestmark = pytest.mark.django_db


def test_an_approved_change_of_hours_stores_the_weekly_figures(members, member_client):
    maison = members.maison("34")
    hours = [
        {"weekday": 0, "opens": "09:00", "closes": "12:00"},
        {"weekday": 0, "opens": "13:30", "closes": "17:00"},
        {"weekday": 2, "opens": "09:00", "closes": "12:00"},
    ]
    assert (
        member_client(members.agent).post(PROPOSE, form_data(maison, hours=hours)).status_code
        == 302
    )
    change = MaisonChange.objects.get(maison=maison)
    # Proposed only: the published figures stand.
    assert MaisonPage.objects.get(pk=maison.pk).weekly_minutes is None

    member_client(members.coordinator).post(change_url(change), {"decision": "approve"})

    maison = MaisonPage.objects.get(pk=maison.pk)
    assert (maison.weekly_minutes, maison.days_open) == (9 * 60 + 30, 2)
