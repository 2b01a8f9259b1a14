"""The forums' spaces (always) and, in development, topics among the demo accounts, from
``content/forums/topics.yaml``, through the forums' own services: replies, thanks, a solved
question, reported posts, members' following levels and digest frequencies."""

import yaml

from network.forums import services
from network.forums.digests import services as digests
from network.forums.digests.models import DigestPreference
from network.forums.following import services as following_services
from network.forums.following.models import Subscription
from network.forums.models import Space, Topic
from network.forums.moderation import services as moderation
from portal.demo.loader import CONTENT
from portal.models import User


def build_spaces(log) -> None:
    created = services.set_up_spaces()
    log(f"Forum spaces: {len(created)} new")


def build_topics(log) -> None:
    """Each topic once (found again by its space and title), the members' following levels
    and digest frequencies each once (a level or frequency already there is left as it
    is). Levels for spaces come first, as if members followed them before these topics were
    written: a member watching a space keeps watching the topics they reply to."""
    data = yaml.safe_load((CONTENT / "forums" / "topics.yaml").read_text(encoding="utf-8"))
    users = {user.email: user for user in User.objects.filter(email__endswith=".example")}
    following = data.get("following", [])
    levels = _build_following([row for row in following if "space" in row], {}, users)
    built = 0
    for row in data["topics"]:
        space = Space.objects.get(slug=row["space"])
        if Topic.objects.filter(space=space, title=row["title"]).exists():
            continue
        first, *replies = row["posts"]
        topic = services.create_topic(
            space=space,
            author=users[first["author"]],
            title=row["title"],
            kind=row["kind"],
            body=first["body"],
            confirmed=first.get("confirmed", False),
        )
        posts = [topic.posts.get()]
        posts += [
            services.reply(
                topic=topic,
                author=users[post["author"]],
                body=post["body"],
                confirmed=post.get("confirmed", False),
            )
            for post in replies
        ]
        for post, source in zip(posts, row["posts"], strict=True):
            for email in source.get("thanks", []):
                services.thank(post=post, user=users[email])
            for report in source.get("reports", []):
                moderation.report_post(
                    post=post,
                    reporter=users[report["by"]],
                    reason=report["reason"],
                    note=report.get("note", ""),
                )
        if "solution" in row:
            services.mark_solution(post=posts[row["solution"]], by=topic.author)
        if row.get("pinned"):
            topic.pinned = True
            topic.save(update_fields=["pinned"])
        built += 1
    log(f"Forum topics: {built} new")
    spaces_of_topics = {row["title"]: row["space"] for row in data["topics"]}
    levels += _build_following(
        [row for row in following if "topic" in row], spaces_of_topics, users
    )
    log(f"Forum following levels: {levels} new")
    _build_digests(data, users, log)


def _build_following(rows: list, spaces_of_topics: dict, users: dict) -> int:
    """Each member's level for a space (by its slug) or a topic (by its title, in its
    space from ``spaces_of_topics``), unless they have one for it already; how many are
    new."""
    built = 0
    for row in rows:
        user = users[row["member"]]
        if "topic" in row:
            target = {
                "topic": Topic.objects.get(
                    space__slug=spaces_of_topics[row["topic"]], title=row["topic"]
                )
            }
        else:
            target = {"space": Space.objects.get(slug=row["space"])}
        if Subscription.objects.filter(user=user, **target).exists():
            continue
        following_services.set_level(user=user, level=row["level"], **target)
        built += 1
    return built


def _build_digests(data: dict, users: dict, log) -> None:
    """Each member's digest frequency, unless they chose one already."""
    built = 0
    for row in data.get("digests", []):
        user = users[row["member"]]
        if DigestPreference.objects.filter(user=user).exists():
            continue
        digests.set_frequency(user=user, frequency=row["frequency"])
        built += 1
    log(f"Forum digest preferences: {built} new")
