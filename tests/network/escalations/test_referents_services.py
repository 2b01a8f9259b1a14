"""The référents directory's reads and writes taken alone: opening days in words, the
absence said, motives' order and removal, every write logged."""

import datetime
import logging

import pytest
from django.utils import translation

from network.escalations.models import Motive
from network.escalations.referents import selectors, services

from .referents_data import BackOfficeFactory, MotiveFactory, referent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("days", "english"),
    [
        ("01234", "from Monday to Friday"),
        ("0123456", "from Monday to Sunday"),
        ("024", "Monday, Wednesday and Friday"),
        ("01", "Monday and Tuesday"),
        ("5", "Saturday"),
        ("", "no day"),
    ],
)
def test_opening_days_read_as_words(days, english):
    # arrange / act
    with translation.override("en"):
        label = selectors.opening_days_label(days)
    # assert
    assert label == english


def test_opening_days_read_in_french():
    # arrange / act
    with translation.override("fr"):
        label = selectors.opening_days_label("13")
    # assert
    assert label == "mardi et jeudi"


def test_a_referent_is_said_away_until_the_last_day_included(members):
    # arrange
    office = BackOfficeFactory()
    deputy = referent(office, "suppleant@example.org")
    away = referent(
        office,
        "absent@example.org",
        away_from=datetime.date(2026, 12, 1),
        away_until=datetime.date(2026, 12, 12),
        deputy=deputy,
    )
    # act
    with translation.override("en"):
        during = selectors.referent_status(away, datetime.date(2026, 12, 12))
        after = selectors.referent_status(away, datetime.date(2026, 12, 13))
        alone = selectors.referent_status(deputy, datetime.date(2026, 12, 12))
    # assert
    assert during == "away until 12 December, deputy: Suppleant Testeur"
    assert after == ""
    assert alone == ""


def test_moving_motives_keeps_a_plain_order(members):
    # arrange
    partner = members.trainer.partner
    first, second, third = (
        MotiveFactory(partner=partner, label=label, order=order)
        for label, order in [("A", 5), ("B", 5), ("C", 9)]
    )
    # act
    services.move_motive(actor=members.trainer.user, motive=third, up=True)
    services.move_motive(actor=members.trainer.user, motive=first, up=True)  # already first
    services.move_motive(actor=members.trainer.user, motive=second, up=False)  # already last
    # assert
    assert [(m.label, m.order) for m in selectors.motives_of(partner)] == [
        ("A", 0),
        ("C", 1),
        ("B", 2),
    ]


def test_a_new_motive_comes_last(members):
    # arrange
    partner = members.trainer.partner
    MotiveFactory(partner=partner, label="A", order=7)
    # act
    motive = services.add_motive(actor=members.trainer.user, partner=partner, label="B")
    # assert
    assert motive.order == 8
    assert list(Motive.objects.filter(partner=partner).values_list("label", flat=True)) == [
        "A",
        "B",
    ]


def test_every_write_is_logged_with_its_author(members, caplog):
    # arrange
    office = BackOfficeFactory(partner=members.trainer.partner)
    caplog.set_level(logging.INFO, logger="network.escalations.referents.services")
    # act
    added = services.add_referent(
        actor=members.trainer.user, back_office=office, user=members.agent.user
    )
    services.set_away(
        actor=members.trainer.user,
        referent=added,
        away_from=datetime.date(2026, 12, 1),
        away_until=datetime.date(2026, 12, 2),
        deputy=None,
    )
    services.remove_referent(actor=members.trainer.user, referent=added)
    # assert
    assert [record.getMessage() for record in caplog.records] == [
        "referent_added",
        "referent_away",
        "referent_removed",
    ]
    assert {record.actor_id for record in caplog.records} == {members.trainer.user.pk}
