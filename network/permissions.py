"""Every "may this user do this to that?" of the members area, answered in one place.

Views, templates (``{% if request.user|may:"invite" %}``…) and the API ask ``can(user,
action, target)``; nothing else decides. A member's territory is the whole network for the
national cell, a department or a region for a coordinator, their maison for an agent.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils import timezone

from directory.models import MaisonPage, Partner

from .escalations import rules as escalation_rules
from .escalations.referents import rules as referent_rules
from .forums import rules as forum_rules
from .forums.moderation import rules as moderation_rules
from .models import AgentProfile, News, Role


class Action(StrEnum):
    VIEW_DASHBOARD = "view_dashboard"
    VIEW_DIRECTORY = "view_directory"
    VIEW_MEMBER = "view_member"  # target: an AgentProfile
    EDIT_PROFILE = "edit_profile"  # target: an AgentProfile
    INVITE = "invite"  # target: an Invitee (role and workplace)
    APPROVE_JOIN = "approve_join"  # target: the MaisonPage asked for
    EXPORT_DATA = "export_data"  # target: a user
    READ_AUDIT_LOG = "read_audit_log"
    VIEW_NEWS = "view_news"  # target: a News
    CHANGE_ROLE = "change_role"  # target: the AgentProfile as it was (None: a new one)
    # Training: modules are read and taken by every member; their owner is a partner
    # (None: the national cell).
    TAKE_TRAINING = "take_training"
    MANAGE_MODULES = "manage_modules"  # target: the modules' owner
    FOLLOW_TRAINING = "follow_training"  # the training follow-up pages at all
    VIEW_MODULE_RESULTS = "view_module_results"  # target: the module's owner
    VIEW_LEARNER_PROGRESS = "view_learner_progress"  # target: the learner's AgentProfile
    # Steering: trained agents per maison, the agents-by-modules matrix of a territory.
    VIEW_TRAINING_STEERING = "view_training_steering"
    REMIND_LATE_AGENTS = "remind_late_agents"  # target: a MaisonPage (None: one's territory)
    # Events (training sessions, regional meetings): the target is an event, read through
    # its attributes (audience_roles, department_id, region_id_for_audience, trainer_id,
    # maison, region_id, department).
    VIEW_AGENDA = "view_agenda"
    REGISTER_EVENT = "register_event"
    MANAGE_EVENT = "manage_event"
    APPROVE_REGISTRATION = "approve_registration"
    GIVE_EVENT_FEEDBACK = "give_event_feedback"  # target: a Registration
    # Certifications: partners certify; the target is read through its ``partner_id``.
    ISSUE_CERTIFICATION = "issue_certification"  # target: a CertificationDefinition
    REVOKE_CERTIFICATION = "revoke_certification"  # target: a Credential (also suspends)
    MANAGE_CERTIFICATIONS = "manage_certifications"  # target: a Partner (None: any)
    # Forums (rules in ``network.forums.rules``): the target is a Space or a Topic of it;
    # MARK_SOLUTION a (question) Topic, EDIT_POST a Post (also its history and deletion).
    READ_FORUM_SPACE = "read_forum_space"
    POST_IN_FORUM_SPACE = "post_in_forum_space"
    MODERATE_FORUM_SPACE = "moderate_forum_space"
    MARK_SOLUTION = "mark_solution"
    EDIT_POST = "edit_post"
    REPORT_POST = "report_post"  # target: a Post (rules in network.forums.moderation.rules)
    # The forum spaces' admin (``network.forums.admin``): the national cell.
    MANAGE_FORUM_SPACES = "manage_forum_spaces"
    # The référents directory (rules in ``network.escalations.referents.rules``):
    VIEW_REFERENTS = "view_referents"  # the directory at all
    VIEW_BACK_OFFICE = "view_back_office"  # target: a BackOffice
    MANAGE_BACK_OFFICE = "manage_back_office"  # target: a Partner or a BackOffice (None: any)
    MANAGE_MOTIVES = "manage_motives"  # target: a Partner
    # Escalations to partners' back offices (rules in ``network.escalations.rules``): the
    # target is the maison for CREATE_ESCALATION, an Escalation for the others; the queue
    # (VIEW_ESCALATIONS) has none.
    CREATE_ESCALATION = "create_escalation"
    VIEW_ESCALATIONS = "view_escalations"
    READ_ESCALATION = "read_escalation"
    HANDLE_ESCALATION = "handle_escalation"
    REPLY_ESCALATION = "reply_escalation"
    # Steering (``network.steering``): the dashboards of one's territory, for the national
    # cell and coordinators; the target of the others is a MaisonPage.
    VIEW_STEERING = "view_steering"
    REPORT_ACTIVITY = "report_activity"  # the maison's monthly visits, by its agents
    PROPOSE_MAISON_CHANGE = "propose_maison_change"  # also confirming it unchanged
    DECIDE_MAISON_CHANGE = "decide_maison_change"  # approve or send back, on one's territory
    # National surveys: the national cell builds, follows and reads them; a member answers
    # one addressed to them (the target: a survey page, asked ``addresses(profile)``).
    MANAGE_SURVEYS = "manage_surveys"
    ANSWER_SURVEY = "answer_survey"


@dataclass(frozen=True)
class Invitee:
    """Whom an invitation would make a member: their role and, for an agent, maison."""

    role: Role
    maison: MaisonPage | None = None


def profile_of(user) -> AgentProfile | None:
    """The active member behind ``user``, or None (anonymous, inactive, not a member)."""
    if not user.is_authenticated or not user.is_active:
        return None
    try:
        return user.profile
    except AgentProfile.DoesNotExist:
        return None


def covers(profile: AgentProfile, maison: MaisonPage | None) -> bool:
    """Whether ``maison`` lies in the territory ``profile`` coordinates."""
    if maison is None:
        return False
    if profile.role == Role.NATIONAL_CELL:
        return True
    if profile.role != Role.COORDINATOR or maison.department_id is None:
        return False
    if profile.department_id is not None:
        return maison.department_id == profile.department_id
    return maison.department.region_id == profile.region_id


def region_id_of(profile: AgentProfile) -> int | None:
    """The region a member works in: their maison's, department's or own; None for the
    national cell and partner trainers, whose work is not tied to one region."""
    if profile.role in {Role.NATIONAL_CELL, Role.PARTNER_TRAINER}:
        return None
    if profile.maison_id is not None:
        department = profile.maison.department
        return department.region_id if department is not None else None
    if profile.department_id is not None:
        return profile.department.region_id
    return profile.region_id


def can(user, action: Action, target=None) -> bool:
    profile = profile_of(user)
    if profile is None:
        return False
    match action:
        case Action.VIEW_DASHBOARD | Action.VIEW_DIRECTORY:
            return True
        case Action.VIEW_MEMBER:
            return isinstance(target, AgentProfile) and (
                target.pk == profile.pk or (target.listed and target.user.is_active)
            )
        case Action.EDIT_PROFILE:
            return isinstance(target, AgentProfile) and target.pk == profile.pk
        case Action.EXPORT_DATA:
            return target is not None and getattr(target, "pk", None) == user.pk
        case Action.INVITE:
            return _may_invite(profile, target)
        case Action.APPROVE_JOIN:
            return isinstance(target, MaisonPage) and covers(profile, target)
        case Action.READ_AUDIT_LOG:
            return profile.role == Role.NATIONAL_CELL
        case Action.CHANGE_ROLE:
            # Never one's own: no one makes themselves the national cell.
            return profile.role == Role.NATIONAL_CELL and (
                target is None or (isinstance(target, AgentProfile) and target.pk != profile.pk)
            )
        case Action.VIEW_NEWS:
            return isinstance(target, News) and _may_read(profile, target)
        case Action.TAKE_TRAINING:
            return True
        case Action.MANAGE_MODULES | Action.VIEW_MODULE_RESULTS:
            return _speaks_for(profile, target)
        case Action.FOLLOW_TRAINING:
            return profile.role != Role.AGENT
        case Action.VIEW_LEARNER_PROGRESS:
            return isinstance(target, AgentProfile) and (
                target.pk == profile.pk
                or profile.role == Role.NATIONAL_CELL
                or (target.role == Role.AGENT and covers(profile, target.maison))
            )
        case Action.VIEW_TRAINING_STEERING:
            return profile.role in {Role.COORDINATOR, Role.NATIONAL_CELL}
        case Action.REMIND_LATE_AGENTS:
            if target is None:
                return profile.role in {Role.COORDINATOR, Role.NATIONAL_CELL}
            return isinstance(target, MaisonPage) and covers(profile, target)
        case Action.VIEW_AGENDA:
            return True
        case Action.REGISTER_EVENT:
            return target is not None and _in_audience(profile, target)
        case Action.MANAGE_EVENT:
            return target is not None and (
                (target.trainer_id is not None and target.trainer_id == user.pk)
                or _coordinates_event(profile, target)
            )
        case Action.APPROVE_REGISTRATION:
            return target is not None and _coordinates_event(profile, target)
        case Action.GIVE_EVENT_FEEDBACK:
            # Their own seat at an event that is over, unless marked absent.
            return (
                target is not None
                and target.user_id == user.pk
                and target.status == "registered"
                and target.attended is not False
                and target.event.ends_at <= timezone.now()
            )
        case Action.ISSUE_CERTIFICATION | Action.REVOKE_CERTIFICATION:
            return target is not None and _certifies_for(
                profile, getattr(target, "partner_id", None)
            )
        case Action.MANAGE_CERTIFICATIONS:
            if target is None:
                return profile.role in {Role.PARTNER_TRAINER, Role.NATIONAL_CELL}
            return isinstance(target, Partner) and _certifies_for(profile, target.pk)
        case (
            Action.READ_FORUM_SPACE
            | Action.POST_IN_FORUM_SPACE
            | Action.MODERATE_FORUM_SPACE
            | Action.MARK_SOLUTION
            | Action.EDIT_POST
        ):
            return forum_rules.decide(profile, action, target, region_id=region_id_of(profile))
        case Action.REPORT_POST:
            return moderation_rules.decide(
                profile, action, target, region_id=region_id_of(profile)
            )
        case Action.MANAGE_FORUM_SPACES:
            return profile.role == Role.NATIONAL_CELL
        case (
            Action.VIEW_REFERENTS
            | Action.VIEW_BACK_OFFICE
            | Action.MANAGE_BACK_OFFICE
            | Action.MANAGE_MOTIVES
        ):
            return referent_rules.decide(profile, action, target)
        case (
            Action.CREATE_ESCALATION
            | Action.VIEW_ESCALATIONS
            | Action.READ_ESCALATION
            | Action.HANDLE_ESCALATION
            | Action.REPLY_ESCALATION
        ):
            return escalation_rules.decide(profile, action, target)
        case Action.VIEW_STEERING:
            return profile.role in {Role.COORDINATOR, Role.NATIONAL_CELL}
        case Action.REPORT_ACTIVITY | Action.PROPOSE_MAISON_CHANGE:
            return (
                isinstance(target, MaisonPage)
                and profile.role == Role.AGENT
                and profile.maison_id == target.pk
            )
        case Action.DECIDE_MAISON_CHANGE:
            return isinstance(target, MaisonPage) and covers(profile, target)
        case Action.MANAGE_SURVEYS:
            return profile.role == Role.NATIONAL_CELL
        case Action.ANSWER_SURVEY:
            return target is not None and target.addresses(profile)
    return False


def _in_audience(profile: AgentProfile, event) -> bool:
    """The member's role is among the event's audience (empty: all), and they work in its
    department or region (none: the whole network); the national cell fits every territory."""
    if event.audience_roles and profile.role not in event.audience_roles:
        return False
    if profile.role == Role.NATIONAL_CELL:
        return True
    if event.department_id is not None:
        department_id = (
            profile.maison.department_id if profile.maison_id else profile.department_id
        )
        return department_id == event.department_id
    region_id = event.region_id_for_audience
    return region_id is None or region_id == region_id_of(profile)


def _coordinates_event(profile: AgentProfile, event) -> bool:
    """The national cell; a coordinator covering the event's maison, or else its department
    or region."""
    if profile.role == Role.NATIONAL_CELL:
        return True
    if profile.role != Role.COORDINATOR:
        return False
    if event.maison_id is not None:
        return covers(profile, event.maison)
    if event.department_id is not None:
        if profile.department_id is not None:
            return profile.department_id == event.department_id
        return event.department.region_id == profile.region_id
    if event.region_id is not None:
        return region_id_of(profile) == event.region_id and profile.department_id is None
    return False


def _speaks_for(profile: AgentProfile, owner: Partner | None) -> bool:
    """The national cell for every module; a partner's trainers for their partner's."""
    if profile.role == Role.NATIONAL_CELL:
        return True
    return (
        profile.role == Role.PARTNER_TRAINER
        and isinstance(owner, Partner)
        and owner.pk == profile.partner_id
    )


def _certifies_for(profile: AgentProfile, partner_id: int | None) -> bool:
    """The national cell for every partner; a partner's trainers for their partner."""
    if profile.role == Role.NATIONAL_CELL:
        return True
    return (
        profile.role == Role.PARTNER_TRAINER
        and partner_id is not None
        and partner_id == profile.partner_id
    )


def _may_read(profile: AgentProfile, news: News) -> bool:
    """Published news of the whole network, or of the member's region; all of it for the
    national cell."""
    if news.published_at > timezone.now():
        return False
    return (
        news.region_id is None
        or profile.role == Role.NATIONAL_CELL
        or news.region_id == region_id_of(profile)
    )


def _may_invite(profile: AgentProfile, invitee: Invitee | None) -> bool:
    """The national cell invites anyone; a coordinator, agents of the maisons they cover."""
    if invitee is None:
        return profile.role in {Role.NATIONAL_CELL, Role.COORDINATOR}
    if profile.role == Role.NATIONAL_CELL:
        return True
    return invitee.role == Role.AGENT and covers(profile, invitee.maison)
