"""Reads of the escalations, each in a constant number of queries: a member's queue (their
maison's escalations for an agent; those to handle for a référent or a deputy; all of them
for an auditor), with its filters; one escalation with its steps and attachments; the CSV
rows, without any free text."""

from django.db.models import Prefetch, Q
from django.utils import timezone

from network.models import AgentProfile, Role

from . import routing, rules
from .models import OPEN_STATUSES, Escalation, EscalationAttachment, EscalationStatus, Motive

Status = EscalationStatus
TAB_STATUSES = {
    "open": [Status.NEW, Status.TAKEN],
    "waiting": [Status.WAITING_AGENT],
    "answered": [Status.ANSWERED, Status.CLOSED],
}
CSV_COLUMNS = [
    "number",
    "maison",
    "partner",
    "motive",
    "status",
    "created_at",
    "due_at",
    "answered_at",
    "answer_working_hours",
    "closed_at",
]


def is_agent_queue(profile: AgentProfile) -> bool:
    """An agent sees their maison's escalations; everyone else, those they handle."""
    return profile.role == Role.AGENT and profile.maison_id is not None


def visible_to(profile: AgentProfile):
    """The escalations ``profile`` reads (the same rule as ``rules.decide``, in SQL)."""
    if rules.is_auditor(profile):
        return Escalation.objects.all()
    visible = Q(assignee_id=profile.user_id) | Q(
        back_office_id__in=rules.handled_back_office_ids(profile.user_id)
    )
    if is_agent_queue(profile):
        visible |= Q(maison_id=profile.maison_id)
    return Escalation.objects.filter(visible)


def queue(profile: AgentProfile, filters: dict):
    """``filters``: the queue form's cleaned values. For an agent, a tab (open by default);
    for the others the status (the open ones by default), motive, maison's department and
    assignee ("me", "nobody"). By due time."""
    escalations = visible_to(profile)
    if is_agent_queue(profile):
        escalations = escalations.filter(status__in=TAB_STATUSES[filters.get("tab", "open")])
    elif status := filters.get("status"):
        escalations = escalations.filter(status=status)
    else:
        escalations = escalations.filter(status__in=OPEN_STATUSES)
    if motive := filters.get("motive"):
        escalations = escalations.filter(motive=motive)
    if department := filters.get("department"):
        escalations = escalations.filter(maison__department=department)
    match filters.get("assignee"):
        case "me":
            escalations = escalations.filter(assignee_id=profile.user_id)
        case "nobody":
            escalations = escalations.filter(assignee__isnull=True)
    return escalations.select_related(
        "maison__department", "partner", "motive", "assignee", "back_office"
    ).order_by("due_at", "pk")


def reassignable_to(profile: AgentProfile, escalations) -> dict[int, list]:
    """For each back office of ``escalations`` that ``profile`` handles today, the members
    its escalations may be reassigned to: one query per back office (a member handles a
    few), whatever the number of escalations."""
    if is_agent_queue(profile):
        return {}
    handled = rules.handled_back_office_ids(profile.user_id)
    offices = {e.back_office for e in escalations if e.back_office_id in handled}
    today = timezone.localdate()
    return {office.pk: routing.handlers_on(office, today) for office in offices}


def motives_for(profile: AgentProfile):
    """The motives offered in the queue's filter: the partners' of the member's back
    offices (all of them for an agent or an auditor)."""
    motives = Motive.objects.select_related("partner").order_by("partner__name", "order", "label")
    if is_agent_queue(profile) or rules.is_auditor(profile):
        return motives
    offices = rules.handled_back_office_ids(profile.user_id)
    return motives.filter(partner__back_offices__in=offices).distinct()


def escalation_page(pk: int) -> Escalation | None:
    """One escalation with its steps (their authors and attachments) and its own
    attachments."""
    return (
        Escalation.objects.select_related(
            "maison__department", "partner", "motive", "back_office", "assignee", "created_by"
        )
        .prefetch_related(
            Prefetch("steps__attachments", queryset=EscalationAttachment.objects.order_by("pk")),
            "steps__author",
            Prefetch(
                "attachments",
                queryset=EscalationAttachment.objects.filter(step__isnull=True),
                to_attr="own_attachments",
            ),
        )
        .filter(pk=pk)
        .first()
    )


def csv_rows(escalations):
    """One row a escalation, in ``CSV_COLUMNS``' order: numbers, names, dates and statuses,
    never a description, a message or a file reference."""
    for escalation in escalations:
        yield [
            escalation.pk,
            escalation.maison.title,
            str(escalation.partner),
            escalation.motive.label,
            escalation.get_status_display(),
            _iso(escalation.created_at),
            _iso(escalation.due_at),
            _iso(escalation.answered_at),
            "" if escalation.answer_working_hours is None else escalation.answer_working_hours,
            _iso(escalation.closed_at),
        ]


def _iso(moment) -> str:
    return "" if moment is None else timezone.localtime(moment).isoformat(timespec="minutes")
