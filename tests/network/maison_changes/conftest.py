from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from network.maison_changes import proposal
from network.maison_changes.forms import ProposalForms

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 12, 3, 10, tzinfo=PARIS)
MINE = "/espace-agents/ma-maison/"
PROPOSE = "/espace-agents/ma-maison/proposer/"
QUEUE = "/espace-agents/pilotage/modifications/"


@pytest.fixture(autouse=True)
def thursday_3_december_2026():
    with time_machine.travel(NOW, tick=False):
        yield


def form_data(maison, **changes) -> dict:
    """What the agent's form posts when they change ``changes`` ({section: value}, a
    field section's value merged into the published one) and leave the rest as shown."""
    state = proposal.current_state(maison)
    for section, value in changes.items():
        state[section] = {**state[section], **value} if isinstance(value, dict) else value
    forms = ProposalForms(state)
    data = {}
    for _key, _title, form in forms.sections():
        for sub in [form.management_form, *form.forms] if hasattr(form, "forms") else [form]:
            for field in sub:
                value = field.value()
                if value is True:
                    data[field.html_name] = "on"
                elif value is not None and value is not False:
                    data[field.html_name] = str(value)
    return data


def change_url(change) -> str:
    return f"{QUEUE}{change.pk}/"
