"""The escalations' demo: the national partners' motives and back offices (always, from
``content/escalations/back_offices.yaml``) and, in development, référents and escalations
at every stage among the demo accounts (``content/escalations/cases.yaml``).

The escalations are written as rows, the way the workflow's services leave them (steps,
deadline in working hours, pauses, answer time, audit), dated back from the day of seeding
so that one is always overdue; the one closed before the retention period is purged by the
purge job itself."""

from datetime import datetime, timedelta

import yaml
from django.db import transaction
from django.utils import timezone

from directory.models import Department, Partner, Region
from network.escalations import clock, jobs, routing
from network.escalations.models import (
    AuditEntry,
    BackOffice,
    Escalation,
    EscalationStatus,
    Motive,
    Referent,
    Step,
)
from portal.demo.loader import CONTENT
from portal.models import User


def _load(name: str) -> dict:
    return yaml.safe_load((CONTENT / "escalations" / name).read_text(encoding="utf-8"))


def _partner(slug: str) -> Partner:
    return Partner.objects.get(locale__language_code="fr", slug=slug)


def build(log) -> None:
    """Each partner's motives and back offices, each once (found again by their partner
    and label, or territory)."""
    data = _load("back_offices.yaml")
    motives = 0
    for slug, labels in data["motives"].items():
        partner = _partner(slug)
        for order, label in enumerate(labels):
            motives += Motive.objects.get_or_create(
                partner=partner, label=label, defaults={"order": order}
            )[1]
    offices = 0
    for row in data["back_offices"]:
        partner = _partner(row["partner"])
        departments = Department.objects.filter(code__in=row.get("departments", []))
        regions = Region.objects.filter(code__in=row.get("regions", []))
        territories = [("department", department) for department in departments] + [
            ("region", region) for region in regions
        ]
        for field, territory in territories:
            address = f"{row['partner']}.{territory.code}@partenaires.example"
            offices += BackOffice.objects.get_or_create(
                partner=partner,
                **{field: territory},
                defaults={
                    "name": f"{row['label']} – {territory.name}",
                    "mailbox": f"saisines.{address}",
                    "coordinator_email": f"coordination.{address}",
                    "opening_hours": data["opening_hours"],
                },
            )[1]
    log(f"Escalation motives: {motives} new; back offices: {offices} new")


def build_cases(log) -> None:
    """The référents, then each escalation once (found again by its key)."""
    data = _load("cases.yaml")
    users = {user.email: user for user in User.objects.filter(email__endswith=".example")}
    now = timezone.now()
    referents = _build_referents(data["referents"], users, now)
    built = 0
    for row in data["escalations"]:
        if Step.objects.filter(kind=Step.Kind.CREATED, detail__demo_key=row["key"]).exists():
            continue
        _build_escalation(row, data["consent"], users, now)
        built += 1
    purged = jobs.purge(now).escalations
    log(f"Escalation référents: {referents} new; escalations: {built} new, {purged} purged")


def _back_office(row: dict) -> BackOffice:
    partner = _partner(row["partner"])
    if "department" in row:
        return BackOffice.objects.get(partner=partner, department__code=row["department"])
    return BackOffice.objects.get(partner=partner, region__code=row["region"])


def _build_referents(rows: list, users: dict, now: datetime) -> int:
    """Each référent once; their absence, dated from today, and deputy only when new."""
    today = timezone.localdate(now)
    built = {}
    for row in rows:
        office = _back_office(row)
        away = {}
        if "away" in row:
            first, last = row["away"]
            away = {
                "away_from": today + timedelta(days=first),
                "away_until": today + timedelta(days=last),
            }
        referent, created = Referent.objects.get_or_create(
            back_office=office, user=users[row["member"]], defaults=away
        )
        if created:
            built[row["member"], office.pk] = (referent, row.get("deputy"))
    for (_member, office_pk), (referent, deputy) in built.items():
        if deputy:
            referent.deputy = Referent.objects.get(back_office_id=office_pk, user=users[deputy])
            referent.save(update_fields=["deputy"])
    return len(built)


@transaction.atomic
def _build_escalation(row: dict, consent: str, users: dict, now: datetime) -> Escalation:
    agent = users[row["agent"]]
    maison = agent.profile.maison
    partner = _partner(row["partner"])
    calendar = clock.calendar_for(maison)
    sent_at = calendar.add(now, -timedelta(hours=row["sent"]))
    escalation = Escalation.objects.create(
        maison=maison,
        partner=partner,
        back_office=routing.back_office_for(partner, maison),
        motive=Motive.objects.get(partner=partner, label=row["motive"]),
        description=" ".join(row["description"].split()),
        file_reference=row.get("file_reference", ""),
        consent_text=" ".join(consent.split()),
        consent_at=sent_at,
        created_by=agent,
        created_at=sent_at,
        due_at=clock.deadline(maison, sent_at),
    )
    _step(escalation, Step.Kind.CREATED, agent, sent_at, detail={"demo_key": row["key"]})
    for step in row.get("steps", []):
        at = calendar.add(sent_at, timedelta(hours=step["at"]))
        _apply(escalation, step["kind"], users[step["by"]], at)
        _step(escalation, step["kind"], users[step["by"]], at, body=step.get("body", ""))
    escalation.save()
    return escalation


def _apply(escalation: Escalation, kind: str, user, at: datetime) -> None:
    """What the workflow's service for ``kind`` changes on the escalation."""
    match kind:
        case Step.Kind.TAKEN:
            escalation.status, escalation.assignee = EscalationStatus.TAKEN, user
        case Step.Kind.QUESTION:
            escalation.status, escalation.paused_at = EscalationStatus.WAITING_AGENT, at
        case Step.Kind.REPLY:
            escalation.due_at = clock.resumed_due_at(escalation, at)
            escalation.paused_at = None
            escalation.status = (
                EscalationStatus.TAKEN if escalation.assignee else EscalationStatus.NEW
            )
        case Step.Kind.ANSWER:
            escalation.answer_working_hours = clock.working_hours_to_answer(escalation, at)
            escalation.status, escalation.answered_at = EscalationStatus.ANSWERED, at
        case Step.Kind.CLOSED:
            escalation.status, escalation.closed_at = EscalationStatus.CLOSED, at


def _step(escalation, kind, user, at, *, body="", detail=None) -> None:
    Step.objects.create(
        escalation=escalation,
        kind=kind,
        author=user,
        body=" ".join(body.split()),
        detail=detail or {},
        created_at=at,
    )
    AuditEntry.objects.create(
        escalation=escalation, user=user, action=AuditEntry.Action.CHANGED, detail=kind, at=at
    )
