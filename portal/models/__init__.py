from .media import CustomDocument, CustomImage, CustomRendition
from .pages import BasePage
from .users import User

__all__ = ["BasePage", "CustomDocument", "CustomImage", "CustomRendition", "User"]
