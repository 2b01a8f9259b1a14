"""The forums' spaces (always) and, in development, topics among the demo accounts, from
``content/forums/topics.yaml``, through the forums' own services."""

import yaml

from network.forums import services
from network.forums.models import Space, Topic
from portal.demo.loader import CONTENT
from portal.models import User


def build_spaces(log) -> None:
    created = services.set_up_spaces()
    log(f"Forum spaces: {len(created)} new")


def build_topics(log) -> None:
    """Each topic once (found again by its space and title)."""
    data = yaml.safe_load((CONTENT / "forums" / "topics.yaml").read_text(encoding="utf-8"))
    users = {user.email: user for user in User.objects.filter(email__endswith=".example")}
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
        )
        posts = [topic.posts.get()]
        posts += [
            services.reply(topic=topic, author=users[post["author"]], body=post["body"])
            for post in replies
        ]
        for post, source in zip(posts, row["posts"], strict=True):
            for email in source.get("thanks", []):
                services.thank(post=post, user=users[email])
        if "solution" in row:
            services.mark_solution(post=posts[row["solution"]], by=topic.author)
        if row.get("pinned"):
            topic.pinned = True
            topic.save(update_fields=["pinned"])
        built += 1
    log(f"Forum topics: {built} new")
