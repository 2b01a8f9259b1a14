"""All demo content, app by app, in dependency order (used by seed_demo and the tests)."""

from directory import demo as directory_demo
from home import demo as home_demo
from network import demo as network_demo
from search import demo as search_demo


def seed(log) -> None:
    home_demo.seed(log)
    directory_demo.seed(log)
    search_demo.seed(log)
    network_demo.seed_groups(log)
    network_demo.seed_news(log)
