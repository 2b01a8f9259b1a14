"""Events for tests: a session of a fresh module, open now, starting in ``days`` days."""

from datetime import datetime, timedelta

from directory.models import Department
from tests.training.factories import ModulePageFactory
from training.events.models import Event, EventKind

NOW = datetime.fromisoformat("2026-03-02T09:00:00+00:00")


def make_event(*, days: float = 10, hours: float = 3, **fields) -> Event:
    starts_at = fields.pop("starts_at", NOW + timedelta(days=days))
    values = {
        "kind": EventKind.SESSION,
        "title": "Session d’essai",
        "address": "1 place de la Mairie, 34150 Gignac",
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=hours),
        "capacity": 10,
        **fields,
    }
    if values["kind"] == EventKind.SESSION and "module" not in values:
        values["module"] = ModulePageFactory()
    if values["kind"] == EventKind.MEETING and "region" not in values:
        values["region"] = Department.objects.get(code="34").region
    event = Event(**values)
    event.full_clean()
    event.save()
    return event
