from .media import CustomDocument, CustomImage, CustomRendition
from .pages import BasePage, call, home_page
from .users import User

__all__ = [
    "BasePage",
    "CustomDocument",
    "CustomImage",
    "CustomRendition",
    "User",
    "call",
    "home_page",
]
