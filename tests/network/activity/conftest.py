from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.factories import PartnerFactory

PARIS = ZoneInfo("Europe/Paris")
# On 18 November 2026, October is the last complete month, late since the 11th.
TODAY = datetime(2026, 11, 18, 10, tzinfo=PARIS)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(TODAY, tick=False)
    return time_machine


@pytest.fixture
def partners(db) -> dict:
    """Two national partners of the form, by slug."""
    return {
        "caf": PartnerFactory(name="Caisse d’allocations familiales", slug="caf", national=True),
        "dgfip": PartnerFactory(name="Finances publiques", slug="dgfip", national=True),
    }
