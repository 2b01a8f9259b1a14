"""Who reads, posts and moderates in which forum space, asked through
``network.permissions.can`` (``READ_FORUM_SPACE``, ``POST_IN_FORUM_SPACE``,
``MODERATE_FORUM_SPACE``, ``MARK_SOLUTION``, ``EDIT_POST``); nothing else decides.

- a region's space: the agents and coordinators working in the region read and post; its
  coordinators (of the region or of one of its departments) moderate;
- the national space and the national partners' spaces: every member reads and posts; a
  partner's trainers moderate (and answer in) their partner's space;
- a private space: its members only;
- the national cell reads and moderates everywhere.

Moderators also post in locked topics; nobody but moderators sees a deleted topic.
"""

from django.db.models import Q

from network import permissions  # the module: it imports this one (names read at call time)
from network.models import AgentProfile, Role

from .models import Post, Space, SpaceKind, Topic


def decide(profile: AgentProfile, action, target) -> bool:
    Action = permissions.Action
    match action:
        case Action.READ_FORUM_SPACE:
            return _reads(profile, target)
        case Action.POST_IN_FORUM_SPACE:
            return _posts(profile, target)
        case Action.MODERATE_FORUM_SPACE:
            return _moderates(profile, _space_of(target))
        case Action.MARK_SOLUTION:
            return (
                isinstance(target, Topic)
                and target.is_question
                and _reads(profile, target)
                and (target.author_id == profile.user_id or _moderates(profile, target.space))
            )
        case Action.EDIT_POST:
            return (
                isinstance(target, Post)
                and target.deleted_at is None
                and _reads(profile, target.topic)
                and (
                    _moderates(profile, target.topic.space)
                    or (target.author_id == profile.user_id and not target.topic.locked)
                )
            )
    return False


def _space_of(target) -> Space | None:
    if isinstance(target, Space):
        return target
    if isinstance(target, Topic):
        return target.space
    return None


def _reads(profile: AgentProfile, target) -> bool:
    """A space, or a topic of it (a deleted topic: its moderators only)."""
    space = _space_of(target)
    if space is None:
        return False
    if isinstance(target, Topic) and target.deleted_at is not None:
        return _moderates(profile, space)
    if profile.role == Role.NATIONAL_CELL:
        return True
    match space.kind:
        case SpaceKind.NATIONAL | SpaceKind.PARTNER:
            return True
        case SpaceKind.REGION:
            return (
                profile.role in {Role.AGENT, Role.COORDINATOR}
                and permissions.region_id_of(profile) == space.region_id
            )
        case SpaceKind.PRIVATE:
            return space.members.filter(pk=profile.user_id).exists()
    return False


def _posts(profile: AgentProfile, target) -> bool:
    """In a space, or in a topic of it: a locked topic, its moderators only."""
    if not _reads(profile, target):
        return False
    if isinstance(target, Topic) and target.locked:
        return _moderates(profile, target.space)
    return True


def _moderates(profile: AgentProfile, space: Space | None) -> bool:
    if space is None:
        return False
    if profile.role == Role.NATIONAL_CELL:
        return True
    match space.kind:
        case SpaceKind.REGION:
            return (
                profile.role == Role.COORDINATOR
                and permissions.region_id_of(profile) == space.region_id
            )
        case SpaceKind.PARTNER:
            return profile.role == Role.PARTNER_TRAINER and profile.partner_id == space.partner_id
    return False


def readable_spaces(profile: AgentProfile) -> Q:
    """The spaces ``profile`` reads, as a filter: the same rule as ``_reads``, in SQL."""
    if profile.role == Role.NATIONAL_CELL:
        return Q()
    readable = Q(kind__in=[SpaceKind.NATIONAL, SpaceKind.PARTNER]) | Q(
        kind=SpaceKind.PRIVATE,
        pk__in=Space.members.through.objects.filter(user_id=profile.user_id).values("space_id"),
    )
    region_id = permissions.region_id_of(profile)
    if profile.role in {Role.AGENT, Role.COORDINATOR} and region_id is not None:
        readable |= Q(kind=SpaceKind.REGION, region_id=region_id)
    return readable
