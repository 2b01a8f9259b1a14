"""The 72-hour clock in working time: weekends, public holidays of the mainland, of
Alsace-Moselle and overseas, and the clock changes."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from network.escalations.clock import (
    calendar_for,
    clock_status,
    deadline,
    resumed_due_at,
    working_hours_to_answer,
)

PARIS = ZoneInfo("Europe/Paris")


def maison_in(code: str, timezone: str = "Europe/Paris"):
    return SimpleNamespace(department=SimpleNamespace(code=code, timezone=timezone))


def at(zone: str | ZoneInfo, *args) -> datetime:
    return datetime(*args, tzinfo=zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone))


def escalation(maison, due_at, *, paused_at=None, answer_working_hours=None):
    return SimpleNamespace(
        maison=maison,
        due_at=due_at,
        paused_at=paused_at,
        answer_working_hours=answer_working_hours,
    )


HERAULT = maison_in("34")


@pytest.mark.parametrize(
    ("start", "due"),
    [
        # Monday 14:00 -> Thursday 14:00.
        (at(PARIS, 2026, 12, 7, 14), at(PARIS, 2026, 12, 10, 14)),
        # Friday 14:00: the weekend does not count -> Wednesday 14:00.
        (at(PARIS, 2026, 12, 11, 14), at(PARIS, 2026, 12, 16, 14)),
        # Saturday: the clock starts on Monday at midnight -> Thursday 0:00.
        (at(PARIS, 2026, 12, 12, 10), at(PARIS, 2026, 12, 17, 0)),
        # Wednesday 23 December 10:00: Christmas, then the weekend -> Tuesday 29, 10:00.
        (at(PARIS, 2026, 12, 23, 10), at(PARIS, 2026, 12, 29, 10)),
    ],
)
def test_the_deadline_skips_weekends_and_holidays(start, due):
    # act
    result = deadline(HERAULT, start)
    # assert
    assert result == due
    assert result.tzinfo == PARIS


def test_alsace_moselle_keeps_good_friday():
    # arrange: Thursday 25 March 2027, 10:00; Good Friday 26, Easter Monday 29.
    start = at(PARIS, 2027, 3, 25, 10)
    # act
    in_herault = deadline(HERAULT, start)
    in_bas_rhin = deadline(maison_in("67"), start)
    in_moselle = deadline(maison_in("57"), start)
    # assert: Thursday 14 h, Friday 24 h, Tuesday 24 h, Wednesday 10 h.
    assert in_herault == at(PARIS, 2027, 3, 31, 10)
    # Friday does not count in Alsace-Moselle: one more day.
    assert in_bas_rhin == in_moselle == at(PARIS, 2027, 4, 1, 10)


def test_each_overseas_department_has_its_own_abolition_day():
    # arrange: Wednesday 26 May 2027, noon; 27 May is a holiday in Guadeloupe only.
    guadeloupe = maison_in("971", "America/Guadeloupe")
    martinique = maison_in("972", "America/Martinique")
    # act
    due_guadeloupe = deadline(guadeloupe, at("America/Guadeloupe", 2027, 5, 26, 12))
    due_martinique = deadline(martinique, at("America/Martinique", 2027, 5, 26, 12))
    # assert: Wed 12 h + Fri 24 h + Mon 24 h + Tue 12 h in Guadeloupe.
    assert due_guadeloupe == at("America/Guadeloupe", 2027, 6, 1, 12)
    assert due_martinique == at("America/Martinique", 2027, 5, 31, 12)
    assert str(due_guadeloupe.tzinfo) == "America/Guadeloupe"


def test_la_reunion_counts_in_its_own_time_zone():
    # arrange: Monday 7 December 2026, 9:00 in Saint-Denis is 6:00 in Paris.
    reunion = maison_in("974", "Indian/Reunion")
    start = at("Indian/Reunion", 2026, 12, 7, 9)
    # act
    due = deadline(reunion, start)
    # assert: Thursday 9:00 local, and 20 December (a Sunday in 2026) changes nothing.
    assert due == at("Indian/Reunion", 2026, 12, 10, 9)
    # 20 December 2027, a Monday, is La Réunion's own holiday.
    assert not calendar_for(reunion).is_working_day(datetime(2027, 12, 20).date())
    assert calendar_for(HERAULT).is_working_day(datetime(2027, 12, 20).date())


@pytest.mark.parametrize(
    ("start", "due", "elapsed_hours"),
    [
        # Summer time ends on Sunday 25 October 2026: Friday 14:00 -> Wednesday 14:00.
        (at(PARIS, 2026, 10, 23, 14), at(PARIS, 2026, 10, 28, 14), 121),
        # Summer time starts on Sunday 28 March 2027; Easter Monday follows.
        (at(PARIS, 2027, 3, 26, 14), at(PARIS, 2027, 4, 1, 14), 143),
    ],
)
def test_the_clock_changes_move_the_real_time_not_the_local_hour(start, due, elapsed_hours):
    # act
    result = deadline(HERAULT, start)
    # assert
    assert result == due
    assert result.hour == 14
    assert result.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=elapsed_hours)


def test_between_is_negative_backwards_and_add_walks_back():
    # arrange
    calendar = calendar_for(HERAULT)
    friday, monday = at(PARIS, 2026, 12, 11, 18), at(PARIS, 2026, 12, 14, 2)
    # act
    forwards = calendar.between(friday, monday)
    backwards = calendar.between(monday, friday)
    back = calendar.add(monday, -forwards)
    # assert: Friday 6 h and Monday 2 h.
    assert forwards == timedelta(hours=8)
    assert backwards == -forwards
    assert back == friday


def test_a_question_stops_the_clock_until_the_reply():
    # arrange: due Thursday 14:00; asked Tuesday 14:00 (48 h left); reply Friday 10:00.
    item = escalation(HERAULT, at(PARIS, 2026, 12, 10, 14), paused_at=at(PARIS, 2026, 12, 8, 14))
    # act
    resumed = resumed_due_at(item, at(PARIS, 2026, 12, 11, 10))
    # assert: Friday 14 h + Monday 24 h + Tuesday 10 h.
    assert resumed == at(PARIS, 2026, 12, 15, 10)


def test_a_late_escalation_stays_late_after_a_question():
    # arrange: paused 5 working hours after its deadline.
    item = escalation(HERAULT, at(PARIS, 2026, 12, 10, 14), paused_at=at(PARIS, 2026, 12, 10, 19))
    # act
    resumed = resumed_due_at(item, at(PARIS, 2026, 12, 14, 10))
    # assert
    assert resumed == at(PARIS, 2026, 12, 14, 5)


def test_working_hours_to_answer():
    # arrange: sent Monday 14:00, due Thursday 14:00.
    item = escalation(HERAULT, at(PARIS, 2026, 12, 10, 14))
    # act
    on_time = working_hours_to_answer(item, at(PARIS, 2026, 12, 9, 10, 30))
    late = working_hours_to_answer(item, at(PARIS, 2026, 12, 14, 1))
    # assert: 44.5 h; and 72 + Thursday 10 h + Friday 24 h + Monday 1 h.
    assert on_time == Decimal("44.50")
    assert late == Decimal("107.00")


@pytest.mark.parametrize(
    ("item", "now", "label", "overdue"),
    [
        (
            escalation(HERAULT, at(PARIS, 2026, 12, 10, 14)),
            at(PARIS, 2026, 12, 7, 15),
            "Réponse attendue jeudi 14:00",
            False,
        ),
        (
            escalation(HERAULT, at(PARIS, 2026, 12, 10, 14)),
            at(PARIS, 2026, 12, 10, 19, 30),
            "En retard de 5 h",
            True,
        ),
        (
            escalation(HERAULT, at(PARIS, 2026, 12, 10, 14)),
            at(PARIS, 2026, 12, 10, 14, 20),
            "En retard de moins d’une heure",
            True,
        ),
        (
            escalation(HERAULT, at(PARIS, 2026, 12, 28, 14)),
            at(PARIS, 2026, 12, 7, 15),
            "Réponse attendue lundi 28 décembre 14:00",
            False,
        ),
        (
            escalation(HERAULT, at(PARIS, 2026, 12, 10, 14), paused_at=at(PARIS, 2026, 12, 8, 14)),
            at(PARIS, 2026, 12, 20, 9),
            "En pause, en attente de la maison (48 heures ouvrées restantes)",
            False,
        ),
        (
            escalation(HERAULT, at(PARIS, 2026, 12, 10, 14), answer_working_hours=Decimal("20")),
            at(PARIS, 2026, 12, 20, 9),
            "Répondu en 20 h",
            False,
        ),
    ],
)
def test_the_clock_in_words(item, now, label, overdue):
    # act
    with translation.override("fr"):
        status = clock_status(item, now.astimezone(UTC))
    # assert
    assert status.label == label
    assert status.overdue is overdue
