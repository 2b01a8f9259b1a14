import pytest
import time_machine

from .factories import NOW


@pytest.fixture
def clock():
    """The clock stopped at ``NOW`` (a Monday morning of March 2026); ``clock.move_to``."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller
