"""StreamField blocks shared by every page type, rendered with DSFR markup."""

from .content import (
    AccordionBlock,
    CalloutBlock,
    CardsBlock,
    ImageBlock,
    LinkBlock,
    OptionalLinkBlock,
    TableBlock,
    VideoBlock,
    rich_text_block,
)

__all__ = [
    "AccordionBlock",
    "CalloutBlock",
    "CardsBlock",
    "ImageBlock",
    "LinkBlock",
    "OptionalLinkBlock",
    "TableBlock",
    "VideoBlock",
    "body_blocks",
    "rich_text_block",
]


def body_blocks() -> list[tuple[str, object]]:
    """The blocks offered in a standard page body, in the order editors see them."""
    return [
        ("text", rich_text_block()),
        ("callout", CalloutBlock()),
        ("accordion", AccordionBlock()),
        ("cards", CardsBlock()),
        ("image", ImageBlock()),
        ("video", VideoBlock()),
        ("table", TableBlock()),
    ]
