from .media import CustomDocument, CustomImage, CustomRendition
from .members_only import MembersOnlyPageMixin
from .pages import BasePage, call, home_page, public
from .users import User

__all__ = [
    "BasePage",
    "CustomDocument",
    "CustomImage",
    "CustomRendition",
    "MembersOnlyPageMixin",
    "User",
    "call",
    "home_page",
    "public",
]
