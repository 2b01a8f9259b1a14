"""The moderation of a topic in its template (issue 23): which posts reports hide, what the
member reported, the moderators' log. Computed once per topic and member, whatever the
number of posts shown."""

from dataclasses import dataclass

from django import template

from ..forums.moderation import selectors

register = template.Library()


def _state(topic, user) -> selectors.TopicModeration:
    known = topic.__dict__.setdefault("_moderation_state", {})
    if user.pk not in known:
        known[user.pk] = selectors.topic_moderation(topic, user)
    return known[user.pk]


@dataclass(frozen=True)
class PostModeration:
    hidden: bool
    reported: bool  # by the member asking
    open_reports: int


@register.simple_tag(takes_context=True)
def post_moderation(context, post) -> PostModeration:
    """``{% post_moderation post as moderation %}``."""
    state = _state(post.topic, context["request"].user)
    return PostModeration(
        state.hidden(post.pk), post.pk in state.reported, state.open_counts.get(post.pk, 0)
    )


@register.filter
def hidden_for(post, user) -> bool:
    """``{% if post|hidden_for:request.user %}``: hidden by reports until reviewed."""
    return _state(post.topic, user).hidden(post.pk)


@register.simple_tag
def moderation_log(topic, moderates: bool) -> list:
    """The moderators' actions on ``topic``: all of them for its moderators."""
    return list(selectors.topic_log(topic, moderates=moderates))


@register.simple_tag(takes_context=True)
def my_mute(context, space):
    """The member's running mute in ``space``, or None."""
    return selectors.active_mute(space, context["request"].user)
