"""Reads of a member's training record: two queries, whatever the number of completions."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from network.models import AgentProfile

from ..models import Completion, ModulePage, ModuleProgress, QuizAttempt

HOUR = Decimal(60)
CENTS = Decimal("0.01")


@dataclass(frozen=True)
class RecordLine:
    """A completion and the hours it counts for (None: its module was deleted)."""

    completion: Completion
    hours: Decimal | None


@dataclass(frozen=True)
class Refresher:
    """A module to complete again: its latest completion is valid until ``valid_until``."""

    code: str
    title: str
    valid_until: date
    overdue: bool


@dataclass(frozen=True)
class TrainingRecord:
    profile: AgentProfile
    lines: list[RecordLine]
    refreshers: list[Refresher]

    @property
    def total_hours(self) -> Decimal:
        """The hours of every completion whose module is known."""
        return sum((line.hours for line in self.lines if line.hours is not None), Decimal(0))

    @property
    def module_count(self) -> int:
        """The distinct modules completed (a module completed again counts once)."""
        return len({_module_key(line.completion) for line in self.lines})

    @property
    def hours_unknown(self) -> bool:
        return any(line.hours is None for line in self.lines)


def _module_key(completion: Completion):
    return completion.module_id if completion.module_id is not None else completion.module_code


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / HOUR).quantize(CENTS)


def training_record(profile: AgentProfile, *, today: date) -> TrainingRecord:
    """Every completion of ``profile``'s user, newest first, keyed on the user (it follows
    them from maison to maison), and the refreshers due relative to ``today``."""
    completions = list(
        Completion.objects.filter(user_id=profile.user_id).order_by("-completed_at")
    )
    minutes = dict(
        ModulePage.objects.filter(
            pk__in={c.module_id for c in completions if c.module_id is not None}
        ).values_list("pk", "duration_minutes")
    )
    lines = [
        RecordLine(c, _hours(minutes[c.module_id]) if c.module_id in minutes else None)
        for c in completions
    ]
    latest = {}
    for completion in completions:
        latest.setdefault(_module_key(completion), completion)
    refreshers = sorted(
        (
            Refresher(c.module_code, c.module_title, c.valid_until, c.valid_until < today)
            for c in latest.values()
            if c.valid_until is not None
        ),
        key=lambda refresher: (refresher.valid_until, refresher.code),
    )
    return TrainingRecord(profile=profile, lines=lines, refreshers=refreshers)


def personal_data(user) -> dict:
    """The member's training, for the "Mes données" export: completions, quiz attempts
    (dates and scores) and progress statuses."""
    return {
        "completions": [
            {
                "module_code": c.module_code,
                "module_title": c.module_title,
                "module_version": c.module_version,
                "completed_at": c.completed_at.isoformat(),
                "score": None if c.score is None else float(c.score),
                "source": c.source,
                "valid_until": c.valid_until.isoformat() if c.valid_until else None,
            }
            for c in Completion.objects.filter(user=user).order_by("completed_at")
        ],
        "quiz_attempts": [
            {
                "module_code": a.module.code,
                "module_version": a.module_version,
                "started_at": a.started_at.isoformat(),
                "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None,
                "score": None if a.score is None else float(a.score),
                "passed": a.passed,
            }
            for a in QuizAttempt.objects.filter(user=user)
            .select_related("module")
            .order_by("started_at")
        ],
        "progress": [
            {
                "module_code": p.module.code,
                "status": p.status,
                "best_score": None if p.best_score is None else float(p.best_score),
                "updated_at": p.updated_at.isoformat(),
            }
            for p in ModuleProgress.objects.filter(user=user)
            .select_related("module")
            .order_by("module__code")
        ],
    }
