"""Reads of the coordinators' steering pages. Each answers in a fixed number of queries,
whatever the number of maisons, agents or completions.

Definitions, used everywhere below:

* a completion is **valid** on a day when its ``valid_until`` is empty or not before it;
* an agent is **trained** when they hold a valid completion, of any version, of each module
  of ``TrainedDefinition`` (by default, the current plan's common core and its national
  partners' modules); nobody is while no module defines it;
* an agent is **certified** by a national partner's certification when they hold a credential
  of it that is active (neither revoked nor suspended) and not expired;
* a module's status for an agent is **done** with a valid completion; otherwise
  **overdue** when it is mandatory for agents and either the due date is past (the
  setting's, by default 31 December of the plan's year) or the agent's completion of it
  expired; otherwise **in progress** when they started it, **to do** when not.

Who is trained is also counted ahead in ``TrainedAgent`` (``services``), for the maisons'
counts at the network's scale; read only while counted for the current definition.
"""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django import forms
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Department, MaisonPage, Region
from network.models import AgentProfile, Role

from ..certifications.models import Credential, CredentialStatus
from ..models import Completion, ModulePage, ModuleProgress, PlanEntry, ProgressStatus, Track
from ..selectors import current_plan, learners_followed
from .models import TrainedAgent, TrainedDefinition

MATRIX_PAGE_SIZE = 50
MAISONS_PAGE_SIZE = 50
REFRESHER_DAYS = 90


class Status:
    DONE = "done"
    IN_PROGRESS = "in_progress"
    TO_DO = "to_do"
    OVERDUE = "overdue"

    choices = [
        (DONE, _("Done")),
        (IN_PROGRESS, _("In progress")),
        (TO_DO, _("To do")),
        (OVERDUE, _("Overdue")),
    ]
    labels = dict(choices)


def valid_on(today: datetime.date) -> Q:
    return Q(valid_until__isnull=True) | Q(valid_until__gte=today)


def trained_module_ids(definition: TrainedDefinition, plan) -> list[int]:
    """The modules that make an agent trained: the setting's, or by default the plan's live
    common core and its national partners' modules (track "partenaires", of a partner
    present in every maison)."""
    chosen = list(definition.modules.values_list("pk", flat=True))
    if chosen or plan is None:
        return chosen
    return list(
        PlanEntry.objects.filter(
            Q(track=Track.CORE) | Q(track=Track.PARTNERS, module__partner__national=True),
            plan=plan,
            module__live=True,
        ).values_list("module_id", flat=True)
    )


def trained_users(user_ids, *, today: datetime.date, module_ids):
    """The ids of those of ``user_ids`` (ids or a query of them) who hold a valid completion
    of every one of ``module_ids``, as a query (to filter on, or to read)."""
    module_ids = set(module_ids)
    return (
        Completion.objects.filter(valid_on(today), user_id__in=user_ids, module_id__in=module_ids)
        .values("user_id")
        .annotate(held=Count("module_id", distinct=True))
        .filter(held=len(module_ids))
        .values("user_id")
    )


def definition_key(module_ids) -> str:
    """Names a set of modules: what ``TrainedAgent`` rows were counted for."""
    ids = ",".join(str(pk) for pk in sorted(set(module_ids)))
    return hashlib.sha256(ids.encode()).hexdigest()[:32]


def held_until(module_ids, user_ids=None) -> dict[int, datetime.date | None]:
    """Each user (of ``user_ids``; None: everyone) holding a completion of every one of
    ``module_ids``, and the day until which they hold them all (None: for good), whether
    that day is past or not: one query."""
    module_ids = set(module_ids)
    completions = Completion.objects.filter(module_id__in=module_ids)
    if user_ids is not None:
        completions = completions.filter(user_id__in=user_ids)
    held = defaultdict(dict)
    for user_id, module_id, for_good, last in (
        completions.values("user_id", "module_id")
        .annotate(
            for_good=Count("pk", filter=Q(valid_until__isnull=True)), last=Max("valid_until")
        )
        .values_list("user_id", "module_id", "for_good", "last")
    ):
        held[user_id][module_id] = None if for_good else last
    until = {}
    for user_id, modules in held.items():
        if len(modules) == len(module_ids):
            ends = [day for day in modules.values() if day is not None]
            until[user_id] = min(ends) if ends else None
    return until


def trained_user_ids(user_ids, *, today: datetime.date, module_ids=None) -> set[int]:
    """Those of ``user_ids`` (ids or a query of them) who are trained, in one query (three
    when ``module_ids`` is not given); nobody when no module defines "trained"."""
    if module_ids is None:
        module_ids = trained_module_ids(TrainedDefinition.load(), current_plan())
    if not module_ids:
        return set()
    trained = trained_users(user_ids, today=today, module_ids=module_ids)
    return {row["user_id"] for row in trained}


def due_date(definition: TrainedDefinition, plan) -> datetime.date | None:
    if definition.due_date is not None:
        return definition.due_date
    return datetime.date(plan.year, 12, 31) if plan is not None else None


def _agents(maisons):
    return AgentProfile.objects.filter(role=Role.AGENT, user__is_active=True, maison__in=maisons)


# The maisons' trained agents -----------------------------------------------------------


class MaisonsFilter(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("All regions"),
        to_field_name="code",
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("All departments"),
        to_field_name="code",
    )

    def __init__(self, *args, maisons, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Department.objects.filter(
            pk__in=maisons.order_by().values("department_id")
        ).select_related("region")
        self.fields["department"].queryset = departments.order_by("code")
        self.fields["region"].queryset = Region.objects.filter(
            pk__in=departments.order_by().values("region_id")
        ).order_by("name")

    def apply(self, maisons):
        if not self.is_valid():
            return maisons
        if self.cleaned_data["region"] is not None:
            maisons = maisons.filter(department__region=self.cleaned_data["region"])
        if self.cleaned_data["department"] is not None:
            maisons = maisons.filter(department=self.cleaned_data["department"])
        return maisons


@dataclass
class AgentLack:
    name: str
    lacks: list[str]  # codes of the modules the agent holds no valid completion of


@dataclass
class Certified:
    """How many agents hold a valid credential of one national partner's certification
    (and, over several maisons, in how many maisons)."""

    title: str
    agents: int
    maisons: int = 1


@dataclass
class MaisonTrained:
    pk: int
    title: str
    department: str
    trained: int
    agents: list[AgentLack] = field(default_factory=list)
    certified: list[Certified] = field(default_factory=list)


@dataclass
class MaisonsOverview:
    counts: dict[str, int]  # maisons with "none", "one", "two_or_more" trained agents
    below_two: list[MaisonTrained]
    module_codes: dict[int, str]
    certified: list[Certified] = field(default_factory=list)  # over all ``maisons``


def _certified_agents(maisons, *, now: datetime.datetime):
    """Credentials of national partners' certifications held, valid at ``now``, by the
    active agents of ``maisons`` (ids or a query of them)."""
    return Credential.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=now),
        status=CredentialStatus.ACTIVE,
        valid_from__lte=now,
        definition__partner__national=True,
        user__is_active=True,
        user__profile__role=Role.AGENT,
        user__profile__maison__in=maisons,
    )


def certified_overall(maisons, *, now: datetime.datetime) -> list[Certified]:
    """Each national partner's certification held in ``maisons``: its agents and maisons,
    in one query."""
    return [
        Certified(title, agents, count)
        for title, agents, count in _certified_agents(maisons, now=now)
        .values("definition_id", "definition__title")
        .annotate(
            agents=Count("user_id", distinct=True),
            maisons=Count("user__profile__maison_id", distinct=True),
        )
        .order_by("definition__title")
        .values_list("definition__title", "agents", "maisons")
    ]


@dataclass
class CertificationHeld:
    """One national partner's certification among some maisons' agents: those holding it
    (valid at a moment), in how many maisons, and those whose credential expires within
    90 days of that moment (holding none valid longer)."""

    code: str
    title: str
    agents: int
    maisons: int
    expiring: int


def certifications_held(maisons, *, now: datetime.datetime) -> list[CertificationHeld]:
    """Each national partner's certification held in ``maisons`` (ids or a query of them) at
    ``now``, with those expiring within 90 days: one query."""
    lasting = Q(valid_until__isnull=True) | Q(
        valid_until__gt=now + datetime.timedelta(days=REFRESHER_DAYS)
    )
    return [
        CertificationHeld(code, title, agents, count, agents - lasting_agents)
        for code, title, agents, count, lasting_agents in _certified_agents(maisons, now=now)
        .values("definition_id", "definition__code", "definition__title")
        .annotate(
            agents=Count("user_id", distinct=True),
            maisons=Count("user__profile__maison_id", distinct=True),
            lasting=Count("user_id", distinct=True, filter=lasting),
        )
        .order_by("definition__title", "definition_id")
        .values_list("definition__code", "definition__title", "agents", "maisons", "lasting")
    ]


def with_certified(rows: list[MaisonTrained], *, now: datetime.datetime) -> None:
    """Fill in, for each of ``rows``' maisons, its agents certified by each national
    partner's certification ("2 agents certified ANTS titres"), in one query."""
    by_maison = {row.pk: row for row in rows}
    for maison_id, title, agents in (
        _certified_agents(list(by_maison), now=now)
        .values("user__profile__maison_id", "definition_id", "definition__title")
        .annotate(agents=Count("user_id", distinct=True))
        .order_by("definition__title")
        .values_list("user__profile__maison_id", "definition__title", "agents")
    ):
        by_maison[maison_id].certified.append(Certified(title, agents))


def maisons_overview(
    maisons, *, today: datetime.date, now: datetime.datetime | None = None
) -> MaisonsOverview:
    """Each maison of ``maisons`` by its number of trained agents, and the maisons below two
    (fewest first), and the national partners' certifications held in them (valid at ``now``,
    by default now), in eight queries. Their agents and certified agents are filled in by
    ``with_agents``."""
    definition = TrainedDefinition.load()
    module_ids = trained_module_ids(definition, current_plan())
    agents = _agents(maisons)
    per_maison = {}
    if module_ids:
        if definition.agents_key == definition_key(module_ids):
            trained = TrainedAgent.objects.filter(
                Q(until__isnull=True) | Q(until__gte=today)
            ).values("user_id")
        else:  # not counted yet for these modules: from the completions
            trained = trained_users(agents.values("user_id"), today=today, module_ids=module_ids)
        per_maison = dict(
            agents.filter(user_id__in=trained)
            .values("maison_id")
            .annotate(trained=Count("pk"))
            .values_list("maison_id", "trained")
        )
    counts = {"none": 0, "one": 0, "two_or_more": 0}
    below_two = []
    for pk, title, department, code in maisons.values_list(
        "pk", "title", "department__name", "department__code"
    ):
        number = per_maison.get(pk, 0)
        counts[("none", "one", "two_or_more")[min(number, 2)]] += 1
        if number < 2:
            label = f"{department} ({code})" if code else ""
            below_two.append(MaisonTrained(pk, title, label, number))
    below_two.sort(key=lambda row: (row.trained, row.department, row.title))
    codes = dict(ModulePage.objects.filter(pk__in=module_ids).values_list("pk", "code"))
    certified = certified_overall(maisons, now=now or timezone.now())
    return MaisonsOverview(counts, below_two, codes, certified)


def with_agents(rows: list[MaisonTrained], overview: MaisonsOverview, *, today, now=None) -> None:
    """Fill in the agents of ``rows``' maisons and what each lacks, and their certified
    agents (valid at ``now``, by default now), in three queries."""
    with_certified(rows, now=now or timezone.now())
    by_maison = {row.pk: row for row in rows}
    agents = _agents(list(by_maison)).order_by("user__last_name", "user__first_name", "pk")
    held = defaultdict(set)
    for user_id, module_id in (
        Completion.objects.filter(
            valid_on(today),
            user_id__in=agents.values("user_id"),
            module_id__in=list(overview.module_codes),
        )
        .values_list("user_id", "module_id")
        .distinct()
    ):
        held[user_id].add(module_id)
    for user_id, maison_id, first, last in agents.values_list(
        "user_id", "maison_id", "user__first_name", "user__last_name"
    ):
        lacks = sorted(
            code for pk, code in overview.module_codes.items() if pk not in held[user_id]
        )
        by_maison[maison_id].agents.append(AgentLack(f"{first} {last}".strip(), lacks))


# The matrix ------------------------------------------------------------------------------


class MatrixFilter(forms.Form):
    maison = forms.CharField(label=_("France Services"), required=False, max_length=100)
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("All departments"),
        to_field_name="code",
    )
    module = forms.TypedChoiceField(label=_("Module"), required=False, coerce=int)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *Status.choices]
    )

    def __init__(self, *args, maisons, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(
            pk__in=maisons.order_by().values("department_id")
        ).order_by("code")
        self.fields["module"].choices = [
            ("", _("All modules")),
            *((entry.module_id, f"{entry.code} – {entry.title}") for entry in entries),
        ]

    def clean(self):
        data = super().clean()
        if data.get("status") in {Status.DONE, Status.IN_PROGRESS, Status.TO_DO} and not data.get(
            "module"
        ):
            self.add_error("module", _("Choose a module to filter its agents by status."))
        return data


@dataclass
class MatrixEntry:
    module_id: int
    code: str
    title: str
    mandatory: bool


@dataclass
class MatrixRow:
    profile: AgentProfile
    statuses: list[str]

    @property
    def cells(self):
        return [(status, Status.labels[status]) for status in self.statuses]


@dataclass
class ModuleRate:
    entry: MatrixEntry
    done: int
    agents: int
    overdue: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.agents) if self.agents else 0


@dataclass
class MaisonRate:
    title: str
    agents: int
    mandatory_done: int
    mandatory_total: int

    @property
    def percent(self) -> int:
        return (
            round(100 * self.mandatory_done / self.mandatory_total)
            if self.mandatory_total
            else 100
        )


@dataclass
class Steering:
    """A territory's agents and the current plan's modules, as the matrix shows them."""

    plan: object
    entries: list[MatrixEntry]
    due: datetime.date | None
    today: datetime.date
    agents: object  # the filtered AgentProfile query

    @property
    def past_due(self) -> bool:
        return self.due is not None and self.today > self.due

    @property
    def mandatory_ids(self) -> list[int]:
        return [entry.module_id for entry in self.entries if entry.mandatory]

    @property
    def module_ids(self) -> list[int]:
        return [entry.module_id for entry in self.entries]

    def status(self, module: MatrixEntry, valid: set, expired: set, started: set) -> str:
        if module.module_id in valid:
            return Status.DONE
        if module.mandatory and (self.past_due or module.module_id in expired):
            return Status.OVERDUE
        if module.module_id in started:
            return Status.IN_PROGRESS
        return Status.TO_DO

    def _held(self, user_ids) -> tuple[dict, dict]:
        """Per user, the modules of the plan with a valid completion, and with an expired
        one only: one query."""
        valid, expired = defaultdict(set), defaultdict(set)
        for user_id, module_id, until in (
            Completion.objects.filter(user_id__in=user_ids, module_id__in=self.module_ids)
            .values_list("user_id", "module_id", "valid_until")
            .distinct()
        ):
            if until is None or until >= self.today:
                valid[user_id].add(module_id)
            else:
                expired[user_id].add(module_id)
        for user_id in expired:
            expired[user_id] -= valid[user_id]
        return valid, expired

    def rows(self, profiles) -> list[MatrixRow]:
        """The matrix rows of ``profiles`` (a page of agents), in two queries."""
        profiles = list(profiles)
        user_ids = [profile.user_id for profile in profiles]
        valid, expired = self._held(user_ids)
        started = defaultdict(set)
        for user_id, module_id in ModuleProgress.objects.filter(
            user_id__in=user_ids, module_id__in=self.module_ids, status=ProgressStatus.IN_PROGRESS
        ).values_list("user_id", "module_id"):
            started[user_id].add(module_id)
        return [
            MatrixRow(
                profile,
                [
                    self.status(
                        entry,
                        valid[profile.user_id],
                        expired[profile.user_id],
                        started[profile.user_id],
                    )
                    for entry in self.entries
                ],
            )
            for profile in profiles
        ]

    def overdue_by_user(self, user_ids=None) -> dict[int, list[MatrixEntry]]:
        """Each agent of the territory (or of ``user_ids``) with overdue mandatory modules,
        and those modules: two queries."""
        mandatory = [entry for entry in self.entries if entry.mandatory]
        if not mandatory:
            return {}
        if user_ids is None:
            user_ids = list(self.agents.values_list("user_id", flat=True))
            valid, expired = self._held(self.agents.values("user_id"))
        else:
            valid, expired = self._held(user_ids)
        late = {}
        for user_id in user_ids:
            overdue = [
                entry
                for entry in mandatory
                if self.status(entry, valid[user_id], expired[user_id], set()) == Status.OVERDUE
            ]
            if overdue:
                late[user_id] = overdue
        return late

    def module_rates(self) -> list[ModuleRate]:
        """Each module: agents with a valid completion, and overdue: two queries."""
        total = self.agents.count()
        # Per module, the agents who completed it, and those whose completion is still
        # valid; the others' completions all expired.
        held = {
            module_id: (completed, valid)
            for module_id, completed, valid in Completion.objects.filter(
                user_id__in=self.agents.values("user_id"), module_id__in=self.module_ids
            )
            .values("module_id")
            .annotate(
                completed=Count("user_id", distinct=True),
                valid=Count("user_id", distinct=True, filter=valid_on(self.today)),
            )
            .values_list("module_id", "completed", "valid")
        }
        rates = []
        for entry in self.entries:
            completed, valid = held.get(entry.module_id, (0, 0))
            overdue = 0
            if entry.mandatory:
                overdue = total - valid if self.past_due else completed - valid
            rates.append(ModuleRate(entry, valid, total, overdue))
        return rates

    def maison_rates(self) -> list[MaisonRate]:
        """Each maison: its agents' mandatory modules done out of all, lowest first: two
        queries."""
        mandatory = self.mandatory_ids
        done = dict(
            Completion.objects.filter(
                valid_on(self.today),
                user_id__in=self.agents.values("user_id"),
                module_id__in=mandatory,
            )
            .values("user_id")
            .annotate(modules=Count("module_id", distinct=True))
            .values_list("user_id", "modules")
        )
        maisons = {}
        for user_id, maison_id, title in self.agents.order_by().values_list(
            "user_id", "maison_id", "maison__title"
        ):
            rate = maisons.setdefault(maison_id, MaisonRate(title, 0, 0, 0))
            rate.agents += 1
            rate.mandatory_done += done.get(user_id, 0)
            rate.mandatory_total += len(mandatory)
        return sorted(maisons.values(), key=lambda rate: (rate.percent, rate.title))

    def refreshers_due(self):
        """Valid completions of the territory's agents that expire within 90 days."""
        return (
            Completion.objects.filter(
                user_id__in=self.agents.values("user_id"),
                valid_until__gte=self.today,
                valid_until__lte=self.today + datetime.timedelta(days=REFRESHER_DAYS),
            )
            .select_related("user", "user__profile__maison")
            .order_by("valid_until", "user__last_name", "pk")
        )


def steering(profile: AgentProfile | None, *, today: datetime.date, maisons=None) -> Steering:
    """The current plan's modules and the agents ``profile`` follows (None: every agent of
    the network; of ``maisons`` when given, which must lie in their territory): three
    queries."""
    plan = current_plan()
    entries = []
    if plan is not None:
        entries = [
            MatrixEntry(row.module_id, row.module.code, row.module.title, Role.AGENT in roles)
            for row in PlanEntry.objects.filter(plan=plan, module__live=True)
            .select_related("module")
            .only("module_id", "mandatory_for", "module__code", "module__title")
            .order_by("sort_order", "pk")
            for roles in [row.mandatory_for or []]
        ]
    if profile is None:
        agents = _agents(MaisonPage.objects.live()).select_related("user", "maison")
    else:
        agents = learners_followed(profile)
    if maisons is not None:
        agents = agents.filter(maison__in=maisons)
    return Steering(plan, entries, due_date(TrainedDefinition.load(), plan), today, agents)


def filtered(steer: Steering, form: MatrixFilter):
    """The agents of ``steer`` the matrix's filters keep."""
    agents = steer.agents
    if not form.is_valid():
        return agents
    data = form.cleaned_data
    if data["maison"]:
        agents = agents.filter(maison__title__icontains=data["maison"])
    if data["department"] is not None:
        agents = agents.filter(maison__department=data["department"])
    module_ids = [data["module"]] if data["module"] else steer.mandatory_ids
    status = data["status"]
    if not status or not module_ids:
        return agents
    completions = Completion.objects.filter(user_id=OuterRef("user_id"), module_id__in=module_ids)
    valid = Exists(completions.filter(valid_on(steer.today)))
    started = Exists(
        ModuleProgress.objects.filter(
            user_id=OuterRef("user_id"),
            module_id__in=module_ids,
            status=ProgressStatus.IN_PROGRESS,
        )
    )
    if status == Status.DONE:
        return agents.filter(valid)
    if status == Status.IN_PROGRESS:
        return agents.filter(~valid, started)
    if status == Status.TO_DO:
        return agents.filter(~valid, ~started)
    # Overdue: one mandatory module (the one chosen, or any) without a valid completion,
    # past the due date or expired.
    mandatory = [pk for pk in module_ids if pk in set(steer.mandatory_ids)]
    if not mandatory:
        return agents.none()
    missing = Q()
    for module_id in mandatory:
        held = Completion.objects.filter(user_id=OuterRef("user_id"), module_id=module_id)
        lacking = ~Exists(held.filter(valid_on(steer.today)))
        if not steer.past_due:
            lacking &= Exists(held)
        missing |= lacking
    return agents.filter(missing)
