"""Who creates, reads and acts on which escalation, asked through
``network.permissions.can`` (``CREATE_ESCALATION``, ``VIEW_ESCALATIONS``,
``READ_ESCALATION``, ``HANDLE_ESCALATION``, ``REPLY_ESCALATION``); nothing else decides.

- an agent creates escalations for their own maison, reads its escalations, replies to
  their questions and closes them once answered;
- the référents of the escalation's back office read and handle it (take, reassign, ask,
  answer, redirect), and so does the deputy of a référent away today; the current assignee
  reads it;
- the national cell's named auditors (``AgentProfile.escalation_auditor``) read them all;
- coordinators, partner trainers and the rest of the national cell: none of it.
"""

from django.db.models import Q
from django.utils import timezone

from network.models import AgentProfile, Role

from .models import Escalation, EscalationStatus, Referent


def decide(profile: AgentProfile, action: str, target) -> bool:
    """``action``: an escalation action's value."""
    match action:
        case "create_escalation":
            return (
                profile.role == Role.AGENT
                and profile.maison_id is not None
                and getattr(target, "pk", None) == profile.maison_id
            )
        case "view_escalations":
            return (
                _is_maison_agent(profile)
                or is_auditor(profile)
                or Referent.objects.filter(
                    Q(user_id=profile.user_id) | Q(deputy__user_id=profile.user_id)
                ).exists()
            )
        case "read_escalation":
            return isinstance(target, Escalation) and (
                _of_its_maison(profile, target)
                or target.assignee_id == profile.user_id
                or is_auditor(profile)
                or handles(profile.user_id, target)
            )
        case "handle_escalation":
            return (
                isinstance(target, Escalation)
                and target.is_open
                and handles(profile.user_id, target)
            )
        case "reply_escalation":
            return (
                isinstance(target, Escalation)
                and target.status in {EscalationStatus.WAITING_AGENT, EscalationStatus.ANSWERED}
                and _of_its_maison(profile, target)
            )
    return False


def is_auditor(profile: AgentProfile) -> bool:
    return profile.role == Role.NATIONAL_CELL and profile.escalation_auditor


def _is_maison_agent(profile: AgentProfile) -> bool:
    return profile.role == Role.AGENT and profile.maison_id is not None


def _of_its_maison(profile: AgentProfile, escalation: Escalation) -> bool:
    return _is_maison_agent(profile) and profile.maison_id == escalation.maison_id


def handles(user_id: int, escalation: Escalation) -> bool:
    """A référent of the escalation's back office, or the deputy of one away today; asked
    once per escalation object and member (a page asks it for every form)."""
    known = escalation.__dict__.setdefault("_escalation_handlers_known", {})
    if user_id not in known:
        known[user_id] = user_id in handler_ids(escalation.back_office_id)
    return known[user_id]


def handled_back_office_ids(user_id: int, day=None) -> set[int]:
    """The back offices whose escalations ``user_id`` handles on ``day`` (today)."""
    day = day or timezone.localdate()
    ids = set()
    referents = Referent.objects.filter(Q(user_id=user_id) | Q(deputy__user_id=user_id))
    for referent in referents.select_related("deputy"):
        if referent.user_id == user_id or referent.is_away(day):
            ids.add(referent.back_office_id)
    return ids


def handler_ids(back_office_id: int, day=None) -> set[int]:
    """The users handling ``back_office_id``'s escalations on ``day`` (today): every
    référent (away or not: they still follow their files), and the deputy of each one
    away."""
    day = day or timezone.localdate()
    ids = set()
    referents = Referent.objects.filter(back_office_id=back_office_id).select_related("deputy")
    for referent in referents:
        ids.add(referent.user_id)
        if referent.deputy is not None and referent.is_away(day):
            ids.add(referent.deputy.user_id)
    return ids
