from .navigation import FooterSettings, MainMenu, MainMenuItem
from .pages import (
    AccessibilityStatementPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    SitemapPage,
    StandardPage,
)

__all__ = [
    "AccessibilityStatementPage",
    "FooterSettings",
    "HomePage",
    "MainMenu",
    "MainMenuItem",
    "NewsIndexPage",
    "NewsPage",
    "SitemapPage",
    "StandardPage",
]
