"""The activity's demo: 24 months for every demo maison, the same at every seeding of
the same day, two maisons late for the latest month due; a second run adds nothing."""

from datetime import date, datetime

import pytest

from directory.models import MaisonPage
from network.activity.models import ActivityLine, ActivityReport
from portal.demo.builders import activity

from .conftest import PARIS

pytestmark = pytest.mark.django_db


def test_the_demo_has_24_months_of_activity_with_two_late_maisons(demo_site, time_machine):
    # On 9 December 2026, November is not late yet: October is the latest month due.
    time_machine.move_to(datetime(2026, 12, 9, 10, tzinfo=PARIS), tick=False)
    maisons = MaisonPage.objects.live().filter(locale__language_code="fr")

    activity.build(lambda message: None)
    figures = list(ActivityLine.objects.order_by("pk").values_list("month", "theme", "visits"))
    activity.build(lambda message: None)

    assert ActivityLine.objects.count() == len(figures)
    reported = ActivityReport.objects.filter(month=date(2026, 10, 1)).count()
    assert maisons.count() - reported == 2
    assert ActivityReport.objects.count() == maisons.count() * 24 - 2 * 2
    assert ActivityReport.objects.order_by("month").first().month == date(2024, 12, 1)
    assert not ActivityReport.objects.filter(total_visits=0).exists()
