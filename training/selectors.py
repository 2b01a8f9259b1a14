"""Reads of the training area: the plan's catalogue, a module and its lessons, a member's
progress, and the follow-up tables of trainers, coordinators and the national cell. Each
answers in a fixed number of queries, whatever the number of modules or members."""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Avg, Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import AgentProfile, Role
from network.selectors import maisons_covered, members_named

from .models import (
    Completion,
    Format,
    LessonPage,
    ModulePage,
    ModuleProgress,
    PlanEntry,
    ProgressStatus,
    QuizAttempt,
    ScormPackage,
    Track,
    TrainingPlanPage,
)

FOLLOW_UP_PAGE_SIZE = 50
# A submission this long after the deadline still counts (the time to send the page).
GRACE = timedelta(seconds=60)


def current_plan() -> TrainingPlanPage | None:
    """The live plan of the latest year."""
    return TrainingPlanPage.objects.live().order_by("-year").first()


def _lessons_by_module(modules) -> dict[int, list[LessonPage]]:
    """The live lessons of ``modules`` in the tree's order, in one query (a lesson's path
    is its module's path and one more step). Each module's children are a range of the
    path index, and all of them lie between the first module's and the last one's: the
    database reads that stretch of the index, not every page (SQLite reads every page for
    ``LIKE 'prefix%'``, or for many ranges joined by ``OR`` alone)."""
    paths = {module.path: module.pk for module in modules}
    if not paths:
        return {}
    lessons = defaultdict(list)
    first = LessonPage.alphabet[0] * LessonPage.steplen
    last = LessonPage.alphabet[-1] * LessonPage.steplen
    query = Q(path__range=(min(paths) + first, max(paths) + last))
    children = Q()
    for path in paths:
        children |= Q(path__range=(path + first, path + last))
    for lesson in (
        LessonPage.objects.live()
        .filter(query, children, depth__in={len(path) // 4 + 1 for path in paths})
        .only("pk", "title", "slug", "path", "depth", "duration_minutes")
        .order_by("path")
    ):
        module_pk = paths.get(lesson.path[: -LessonPage.steplen])
        if module_pk is not None:
            lessons[module_pk].append(lesson)
    return lessons


@dataclass
class ModuleEntry:
    """A module as the catalogue and "my progress" show it to one member."""

    module: ModulePage
    track: str
    mandatory: bool
    lessons: list[LessonPage]
    progress: ModuleProgress | None
    completed_version: str | None = None

    @property
    def status(self) -> str:
        if self.completed_version is not None:
            return ProgressStatus.COMPLETED
        return self.progress.status if self.progress else ProgressStatus.NOT_STARTED

    @property
    def status_label(self) -> str:
        return ProgressStatus(self.status).label

    @property
    def lessons_done(self) -> int:
        if self.progress is None:
            return 0
        done = set(self.progress.lessons_done)
        return sum(1 for lesson in self.lessons if lesson.pk in done)

    @property
    def percent(self) -> int:
        """Lessons read (and the quiz, as one more step) out of all of them."""
        if self.status == ProgressStatus.COMPLETED:
            return 100
        steps = len(self.lessons) + 1
        return round(100 * self.lessons_done / steps)

    @property
    def resume(self) -> LessonPage | None:
        """The first lesson not read yet, the one to read next."""
        done = set(self.progress.lessons_done) if self.progress else set()
        return next((lesson for lesson in self.lessons if lesson.pk not in done), None)


@dataclass
class TrackGroup:
    key: str
    label: str
    entries: list[ModuleEntry] = field(default_factory=list)


def plan_entries(plan: TrainingPlanPage, user, profile: AgentProfile) -> list[ModuleEntry]:
    """The plan's live modules for ``user``, in the plan's order: five queries."""
    rows = list(
        PlanEntry.objects.filter(plan=plan, module__live=True)
        .select_related("module", "module__partner")
        .prefetch_related("module__themes")
        .order_by("sort_order", "pk")
    )
    modules = [row.module for row in rows]
    lessons = _lessons_by_module(modules)
    progress = {
        row.module_id: row for row in ModuleProgress.objects.filter(user=user, module__in=modules)
    }
    completed = dict(
        Completion.objects.filter(user=user, module__in=modules)
        .order_by("completed_at")
        .values_list("module_id", "module_version")
    )
    return [
        ModuleEntry(
            module=row.module,
            track=row.track,
            mandatory=profile.role in row.mandatory_for,
            lessons=lessons.get(row.module_id, []),
            progress=progress.get(row.module_id),
            completed_version=completed.get(row.module_id),
        )
        for row in rows
    ]


def current_plan_entries(user, profile) -> tuple[TrainingPlanPage | None, list[ModuleEntry]]:
    """The current plan, and its modules as ``user`` stands in them."""
    plan = current_plan()
    return plan, plan_entries(plan, user, profile) if plan else []


def by_track(entries: list[ModuleEntry]) -> list[TrackGroup]:
    groups = {track.value: TrackGroup(track.value, track.label) for track in Track}
    for entry in entries:
        groups[entry.track].entries.append(entry)
    return [group for group in groups.values() if group.entries]


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class CatalogueFilter(forms.Form):
    """The catalogue's filters, applied to the plan's few dozen modules in memory."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    partner = forms.ChoiceField(label=_("Partner"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("All formats")), *Format.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *ProgressStatus.choices],
    )
    mandatory = forms.BooleanField(label=_("Mandatory for me"), required=False)

    def __init__(self, *args, entries: list[ModuleEntry], **kwargs):
        super().__init__(*args, **kwargs)
        partners = {e.module.partner.slug: e.module.partner for e in entries if e.module.partner}
        self.fields["partner"].choices = [
            ("", _("All partners")),
            ("national", _("National cell")),
            *sorted(((slug, p.name) for slug, p in partners.items()), key=lambda c: c[1]),
        ]
        themes = {theme.slug: theme.name for e in entries for theme in e.module.themes.all()}
        self.fields["theme"].choices = [("", _("All themes")), *sorted(themes.items())]

    def apply(self, entries: list[ModuleEntry]) -> list[ModuleEntry]:
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        words = _folded(data["q"]).split()
        kept = []
        for entry in entries:
            module = entry.module
            text = _folded(f"{module.code} {module.title} {module.summary} {module.objectives}")
            if any(word not in text for word in words):
                continue
            owner = module.partner.slug if module.partner else "national"
            if data["partner"] and data["partner"] != owner:
                continue
            if data["theme"] and data["theme"] not in {t.slug for t in module.themes.all()}:
                continue
            if data["format"] and data["format"] != module.format:
                continue
            if data["status"] and data["status"] != entry.status:
                continue
            if data["mandatory"] and not entry.mandatory:
                continue
            kept.append(entry)
        return kept

    @property
    def is_filtering(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)


@dataclass
class PlanProgress:
    """A member's progress in a plan: their mandatory modules done, and all of them."""

    entries: list[ModuleEntry]

    @property
    def mandatory(self) -> list[ModuleEntry]:
        return [entry for entry in self.entries if entry.mandatory]

    @property
    def mandatory_done(self) -> int:
        return sum(1 for e in self.mandatory if e.status == ProgressStatus.COMPLETED)

    @property
    def mandatory_percent(self) -> int:
        return round(100 * self.mandatory_done / len(self.mandatory)) if self.mandatory else 100

    @property
    def done(self) -> int:
        return sum(1 for e in self.entries if e.status == ProgressStatus.COMPLETED)

    @property
    def started(self) -> list[ModuleEntry]:
        return [e for e in self.entries if e.status == ProgressStatus.IN_PROGRESS]


def completions_of(user):
    return Completion.objects.filter(user=user).order_by("-completed_at")


@dataclass
class ModuleView:
    """A module's page for one member."""

    module: ModulePage
    entry: ModuleEntry
    question_count: int
    attempts: list[QuizAttempt]
    attempts_left: int | None
    open_attempt: QuizAttempt | None
    package: ScormPackage | None
    missing_prerequisites: list[ModulePage]


def module_view(module: ModulePage, user, profile, *, now) -> ModuleView:
    plan = current_plan()
    entry = None
    if plan is not None:
        row = PlanEntry.objects.filter(plan=plan, module=module).first()
        if row is not None:
            entry = ModuleEntry(
                module, row.track, profile.role in row.mandatory_for, [], None, None
            )
    entry = entry or ModuleEntry(module, Track.PARTNERS, False, [], None, None)
    entry.lessons = _lessons_by_module([module]).get(module.pk, [])
    entry.progress = ModuleProgress.objects.filter(user=user, module=module).first()
    entry.completed_version = (
        Completion.objects.filter(user=user, module=module)
        .values_list("module_version", flat=True)
        .first()
    )
    prerequisites = list(module.prerequisites.live().order_by("title"))
    done = set(
        Completion.objects.filter(user=user, module__in=prerequisites).values_list(
            "module_id", flat=True
        )
    )
    return ModuleView(
        module=module,
        entry=entry,
        question_count=module.questions.count(),
        attempts=list(
            QuizAttempt.objects.filter(user=user, module=module, submitted_at__isnull=False)
        ),
        attempts_left=attempts_left(user, module),
        open_attempt=open_attempt(user, module, now),
        package=ScormPackage.objects.filter(module=module).first(),
        missing_prerequisites=[m for m in prerequisites if m.pk not in done],
    )


def attempts_left(user, module: ModulePage) -> int | None:
    """How many more attempts the member may start; None when unlimited."""
    if not module.max_attempts:
        return None
    used = QuizAttempt.objects.filter(user=user, module=module).count()
    return max(module.max_attempts - used, 0)


def open_attempt(user, module: ModulePage, now=None) -> QuizAttempt | None:
    """The member's attempt still to submit, if its time has not run out."""
    now = now or timezone.now()
    attempt = QuizAttempt.objects.filter(user=user, module=module, submitted_at=None).first()
    if attempt is not None and attempt.deadline and now > attempt.deadline + GRACE:
        return None
    return attempt


# Follow-up: trainers, coordinators, the national cell ---------------------------------


def modules_spoken_for(profile: AgentProfile):
    """The modules whose results ``profile`` may see (``VIEW_MODULE_RESULTS``)."""
    modules = ModulePage.objects.live().select_related("partner").order_by("code")
    if profile.role == Role.NATIONAL_CELL:
        return modules
    if profile.role == Role.PARTNER_TRAINER and profile.partner_id is not None:
        return modules.filter(partner_id=profile.partner_id)
    return modules.none()


@dataclass
class ModuleResults:
    module: ModulePage
    learners: int
    completed: int
    average_best_score: float | None
    attempts: int
    passed_attempts: int

    @property
    def completion_percent(self) -> int:
        return round(100 * self.completed / self.learners) if self.learners else 0


def module_results(modules) -> list[ModuleResults]:
    """Aggregates per module, in two queries."""
    modules = list(modules)
    progress = {
        row["module"]: row
        for row in ModuleProgress.objects.filter(module__in=modules)
        .values("module")
        .annotate(
            learners=Count("pk"),
            completed=Count("pk", filter=Q(status=ProgressStatus.COMPLETED)),
            average=Avg("best_score"),
        )
    }
    attempts = {
        row["module"]: row
        for row in QuizAttempt.objects.filter(module__in=modules, submitted_at__isnull=False)
        .values("module")
        .annotate(total=Count("pk"), passed=Count("pk", filter=Q(passed=True)))
    }
    return [
        ModuleResults(
            module=module,
            learners=progress.get(module.pk, {}).get("learners", 0),
            completed=progress.get(module.pk, {}).get("completed", 0),
            average_best_score=progress.get(module.pk, {}).get("average"),
            attempts=attempts.get(module.pk, {}).get("total", 0),
            passed_attempts=attempts.get(module.pk, {}).get("passed", 0),
        )
        for module in modules
    ]


def learners_of_module(module: ModulePage):
    """Each member who started ``module``: their progress and attempts (counted for the
    rows read only, by the attempts' user and module index, not by grouping a join of
    every learner's attempts)."""
    attempts = (
        QuizAttempt.objects.filter(module=module, user=OuterRef("user_id"))
        .order_by()
        .values("user")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        ModuleProgress.objects.filter(module=module)
        .select_related("user", "user__profile", "user__profile__maison")
        .annotate(attempt_count=Coalesce(Subquery(attempts), 0))
        .order_by("user__last_name", "user__first_name", "pk")
    )


class LearnerFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(label=_("Name"), method="filter_name", max_length=100)
    maison = django_filters.CharFilter(
        label=_("France Services"), field_name="maison__title", lookup_expr="icontains"
    )

    class Meta:
        model = AgentProfile
        fields = ["name", "maison"]

    def filter_name(self, queryset, name, value):
        return members_named(queryset, value)


def learners_followed(profile: AgentProfile):
    """The agents whose progress ``profile`` may follow: of the maisons they cover."""
    return (
        AgentProfile.objects.filter(
            role=Role.AGENT, user__is_active=True, maison__in=maisons_covered(profile)
        )
        .select_related("user", "maison")
        .order_by("maison__title", "user__last_name", "user__first_name", "pk")
    )


@dataclass
class LearnerRow:
    profile: AgentProfile
    mandatory_total: int
    mandatory_done: int
    in_progress: int

    @property
    def percent(self) -> int:
        if not self.mandatory_total:
            return 100
        return round(100 * self.mandatory_done / self.mandatory_total)


def learner_rows(profiles, plan: TrainingPlanPage | None) -> list[LearnerRow]:
    """Each agent's mandatory modules of the plan done, in three queries."""
    profiles = list(profiles)
    mandatory = []
    if plan is not None:
        mandatory = [
            module_id
            for module_id, roles in PlanEntry.objects.filter(
                plan=plan, module__live=True
            ).values_list("module_id", "mandatory_for")
            if Role.AGENT in roles
        ]
    users = [profile.user_id for profile in profiles]
    done = defaultdict(set)
    for user_id, module_id in Completion.objects.filter(
        user_id__in=users, module_id__in=mandatory
    ).values_list("user_id", "module_id"):
        done[user_id].add(module_id)
    started = defaultdict(int)
    for user_id in ModuleProgress.objects.filter(
        user_id__in=users, status=ProgressStatus.IN_PROGRESS
    ).values_list("user_id", flat=True):
        started[user_id] += 1
    return [
        LearnerRow(profile, len(mandatory), len(done[profile.user_id]), started[profile.user_id])
        for profile in profiles
    ]
