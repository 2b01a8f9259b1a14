"""Where an escalation goes: the partner's back office of the maison's department, else of
its region, else nowhere; and who handles it on a given day."""

from datetime import date

import pytest

from directory.models import Department
from network.escalations.models import BackOffice
from network.escalations.routing import back_office_for, handlers_on
from tests.factories import PartnerFactory
from tests.network.escalations.jobs_support import back_office, referent

pytestmark = pytest.mark.django_db


def regional(partner, region) -> BackOffice:
    return BackOffice.objects.create(
        partner=partner, region=region, name="Plateforme régionale", mailbox="r@p.example"
    )


def test_the_department_s_back_office_comes_before_the_region_s(members):
    # arrange
    maison = members.maison("34")
    caf, msa, cpam = PartnerFactory(), PartnerFactory(), PartnerFactory()
    in_herault = back_office(caf, "34")
    back_office(caf, "30")  # the Gard: same region, another department
    in_occitanie = regional(msa, maison.department.region)
    back_office(caf, "63")
    back_office(cpam, "63")  # only another region's
    # act / assert
    assert back_office_for(caf, maison) == in_herault
    assert back_office_for(msa, maison) == in_occitanie
    assert back_office_for(cpam, maison) is None


def test_a_region_s_back_office_serves_no_other_region(members):
    # arrange
    msa = PartnerFactory()
    auvergne = Department.objects.get(code="63").region
    regional(msa, auvergne)
    # act / assert
    assert back_office_for(msa, members.maison("34")) is None
    assert back_office_for(msa, members.maison("63")).region == auvergne


def test_the_handlers_of_a_day_are_those_present_and_the_deputies_of_those_away():
    # arrange
    office = back_office()
    present = referent(office, "presente@partenaire.example")
    deputy = referent(back_office(code="30"), "suppleante@partenaire.example")
    away = referent(
        office,
        "absente@partenaire.example",
        away_from=date(2026, 12, 7),
        away_until=date(2026, 12, 11),
        deputy=deputy,
    )
    # act
    during = handlers_on(office, date(2026, 12, 9))
    after = handlers_on(office, date(2026, 12, 14))
    # assert
    assert {user.email for user in during} == {present.user.email, deputy.user.email}
    assert {user.email for user in after} == {present.user.email, away.user.email}


def test_a_deputy_away_too_is_nobody_and_each_handler_counts_once():
    # arrange
    office = back_office()
    deputy = referent(
        office,
        "suppleante@partenaire.example",
        away_from=date(2026, 12, 1),
        away_until=date(2026, 12, 31),
    )
    referent(
        office,
        "absente@partenaire.example",
        away_from=date(2026, 12, 7),
        away_until=date(2026, 12, 11),
        deputy=deputy,
    )
    present = referent(office, "present@partenaire.example")
    referent(
        office,
        "autre.absente@partenaire.example",
        away_from=date(2026, 12, 7),
        away_until=date(2026, 12, 11),
        deputy=present,
    )
    # act
    handlers = handlers_on(office, date(2026, 12, 9))
    # assert
    assert [user.email for user in handlers] == [present.user.email]
