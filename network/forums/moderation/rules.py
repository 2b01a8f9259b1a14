"""Who may report a post (``Action.REPORT_POST``): a member who reads its topic, for a post
that is not theirs and not deleted. Queues, reviews and mutes are the space's moderators'
(``Action.MODERATE_FORUM_SPACE``)."""

from network.models import AgentProfile

from .. import rules as forum_rules
from ..models import Post


def decide(profile: AgentProfile, action: str, target, *, region_id: int | None) -> bool:
    match action:
        case "report_post":
            return (
                isinstance(target, Post)
                and target.deleted_at is None
                and target.author_id != profile.user_id
                and forum_rules.decide(
                    profile, "read_forum_space", target.topic, region_id=region_id
                )
            )
    return False
