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

``network.permissions`` calls ``decide`` with the action's value and the region the member
works in (``permissions.region_id_of``), so that this module need not import it back.
"""

from django.db.models import Q

from network.models import AgentProfile, Role

from .models import Post, Space, SpaceKind, Topic


def decide(profile: AgentProfile, action: str, target, *, region_id: int | None) -> bool:
    """``action``: a forum action's value; ``region_id``: the region ``profile`` works in."""
    member = _Member(profile, region_id)
    match action:
        case "read_forum_space":
            return member.reads(target)
        case "post_in_forum_space":
            return member.posts(target)
        case "moderate_forum_space":
            return member.moderates(_space_of(target))
        case "mark_solution":
            return (
                isinstance(target, Topic)
                and target.is_question
                and member.reads(target)
                and (target.author_id == profile.user_id or member.moderates(target.space))
            )
        case "edit_post":
            return (
                isinstance(target, Post)
                and target.deleted_at is None
                and member.reads(target.topic)
                and (
                    member.moderates(target.topic.space)
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


def _is_member(space: Space, user_id: int) -> bool:
    """Asked once per space object and member: a topic page asks it for every post."""
    known = space.__dict__.setdefault("_forum_members_known", {})
    if user_id not in known:
        known[user_id] = space.members.filter(pk=user_id).exists()
    return known[user_id]


class _Member:
    def __init__(self, profile: AgentProfile, region_id: int | None):
        self.profile, self.region_id = profile, region_id

    def reads(self, target) -> bool:
        """A space, or a topic of it (a deleted topic: its moderators only)."""
        space = _space_of(target)
        if space is None:
            return False
        if isinstance(target, Topic) and target.deleted_at is not None:
            return self.moderates(space)
        if self.profile.role == Role.NATIONAL_CELL:
            return True
        match space.kind:
            case SpaceKind.NATIONAL | SpaceKind.PARTNER:
                return True
            case SpaceKind.REGION:
                return (
                    self.profile.role in {Role.AGENT, Role.COORDINATOR}
                    and self.region_id == space.region_id
                )
            case SpaceKind.PRIVATE:
                return _is_member(space, self.profile.user_id)
        return False

    def posts(self, target) -> bool:
        """In a space, or in a topic of it: a locked topic, its moderators only."""
        if not self.reads(target):
            return False
        if isinstance(target, Topic) and target.locked:
            return self.moderates(target.space)
        return True

    def moderates(self, space: Space | None) -> bool:
        if space is None:
            return False
        if self.profile.role == Role.NATIONAL_CELL:
            return True
        match space.kind:
            case SpaceKind.REGION:
                return self.profile.role == Role.COORDINATOR and self.region_id == space.region_id
            case SpaceKind.PARTNER:
                return (
                    self.profile.role == Role.PARTNER_TRAINER
                    and self.profile.partner_id == space.partner_id
                )
        return False


def readable_spaces(profile: AgentProfile, *, region_id: int | None) -> Q:
    """The spaces ``profile`` (working in ``region_id``) reads, as a filter: the same rule
    as ``_Member.reads``, in SQL."""
    if profile.role == Role.NATIONAL_CELL:
        return Q()
    readable = Q(kind__in=[SpaceKind.NATIONAL, SpaceKind.PARTNER]) | Q(
        kind=SpaceKind.PRIVATE,
        pk__in=Space.members.through.objects.filter(user_id=profile.user_id).values("space_id"),
    )
    if profile.role in {Role.AGENT, Role.COORDINATOR} and region_id is not None:
        readable |= Q(kind=SpaceKind.REGION, region_id=region_id)
    return readable
