"""Each maison stores its minutes open a week and days open (what the dashboards read),
kept true by every writer of its opening intervals."""

import importlib
from datetime import time

import pytest
from django.apps import apps

from directory.maisons.hours import weekly_figures
from directory.models import MaisonPage, OpeningInterval
from tests.directory.test_admin import (  # noqa: F401
    add_form,
    admin_client,
    edit_form_data,
    edit_url,
    gevaudan,
    superuser,
)
from tests.directory.test_import import row, run_import, write_csv
from tests.factories import MaisonPageFactory

pytestmark = pytest.mark.django_db

fill_weekly_hours = importlib.import_module(
    "directory.migrations.0008_maison_weekly_hours"
).fill_weekly_hours


def stored(page) -> tuple:
    page = MaisonPage.objects.get(pk=page.pk)
    return page.weekly_minutes, page.days_open


def test_weekly_figures_add_every_interval_and_count_distinct_days():
    intervals = [(0, time(9), time(12)), (0, time(13, 30), time(17)), (5, time(9), time(12))]
    assert weekly_figures(intervals) == (3 * 60 + 210 + 3 * 60, 2)
    assert weekly_figures([]) == (None, None)


def test_the_factory_stores_the_figures_of_its_hours():
    assert stored(gevaudan()) == (4 * 7 * 60 + 3 * 60, 5)
    assert stored(MaisonPageFactory()) == (None, None)


def test_publishing_from_the_admin_stores_the_new_figures(admin_client):  # noqa: F811
    # arrange: Tuesday 14:00-17:30 becomes 14:00-18:00, half an hour more
    page = gevaudan()
    data = edit_form_data(admin_client, page)
    data["opening_intervals-1-DELETE"] = "on"
    add_form(data, "opening_intervals", {"weekday": "1", "opens": "14:00", "closes": "18:00"})
    # act
    response = admin_client.post(edit_url(page), data)
    # assert
    assert response.status_code == 302
    assert stored(page) == (31 * 60 + 30, 5)


def test_a_draft_changes_nothing_until_its_revision_is_published():
    page = gevaudan()
    page.opening_intervals = [OpeningInterval(weekday=0, opens=time(9), closes=time(11))]
    revision = page.save_revision(clean=False)
    assert stored(page) == (31 * 60, 5)

    revision.publish()

    assert stored(page) == (120, 1)
    assert list(page.opening_intervals.values_list("weekday", flat=True)) == [0]


def test_an_import_stores_the_figures_and_a_new_import_updates_them(capsys, tmp_path):
    run_import(write_csv(tmp_path, [row("9001"), row("9002", hours="")]), capsys=capsys)
    assert stored(MaisonPage.objects.get(source_id="9001")) == (5 * 3 * 60, 5)
    assert stored(MaisonPage.objects.get(source_id="9002")) == (None, None)

    lines = run_import(
        write_csv(tmp_path, [row("9001", hours="08:00 - 12:00"), row("9002")]), capsys=capsys
    )

    assert lines[-1] == "created=0 updated=2 unchanged=0 rejected=0"
    assert stored(MaisonPage.objects.get(source_id="9001")) == (5 * 4 * 60, 5)
    assert stored(MaisonPage.objects.get(source_id="9002")) == (5 * 3 * 60, 5)


def test_the_migration_fills_the_maisons_made_before_it():
    with_hours, without = gevaudan(), MaisonPageFactory()
    MaisonPage.objects.update(weekly_minutes=None, days_open=None)

    fill_weekly_hours(apps, None)

    assert stored(with_hours) == (31 * 60, 5)
    assert stored(without) == (None, None)
