import datetime
from types import SimpleNamespace

import pytest

from tests.factories import PartnerFactory
from tests.training.factories import module_with, plan_with
from training.models import Completion, ModuleProgress, PlanEntry, ProgressStatus, Track

# The 2026 plan's mandatory modules fall due on 31 December 2026.
BEFORE_DUE = datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.UTC)
AFTER_DUE = datetime.datetime(2027, 1, 15, 10, tzinfo=datetime.UTC)


def complete(user, module, *, valid_until=None, version=None, when=BEFORE_DUE) -> Completion:
    return Completion.objects.create(
        user=user,
        module=module,
        module_code=module.code,
        module_title=module.title,
        module_version=version or module.version,
        completed_at=when,
        source="quiz",
        valid_until=valid_until,
    )


def start(user, module) -> ModuleProgress:
    return ModuleProgress.objects.create(
        user=user, module=module, status=ProgressStatus.IN_PROGRESS, updated_at=BEFORE_DUE
    )


@pytest.fixture
def plan(db):
    """The 2026 plan: a common core module and a national partner's (both mandatory for
    agents), a local partner's and a refresher (optional)."""
    core = module_with(code="SOCLE-1", title="Accueil", lessons=0)
    caf = module_with(
        code="CAF-1",
        title="Prestations CAF",
        lessons=0,
        owner=PartnerFactory(name="Caisse nationale d’essai", national=True),
    )
    local = module_with(
        code="LOC-1", title="Partenaire local", lessons=0, owner=PartnerFactory(name="Local")
    )
    refresher = module_with(code="RECY-1", title="Recyclage", lessons=0)
    page = plan_with(core, year=2026, track=Track.CORE)
    for order, (module, track, mandatory) in enumerate(
        [
            (caf, Track.PARTNERS, ["agent"]),
            (local, Track.PARTNERS, []),
            (refresher, Track.REFRESHERS, []),
        ],
        start=1,
    ):
        PlanEntry.objects.create(
            plan=page, module=module, track=track, mandatory_for=mandatory, sort_order=order
        )
    return SimpleNamespace(page=page, core=core, caf=caf, local=local, refresher=refresher)


def train(user, plan, **fields) -> None:
    """Complete the modules that make ``user`` trained by default."""
    complete(user, plan.core, **fields)
    complete(user, plan.caf, **fields)
