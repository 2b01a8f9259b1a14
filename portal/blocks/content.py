from uuid import uuid4

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
VIDEO_EXTENSIONS = {"mp4", "webm"}
HEADING_LEVELS = [("h2", _("Level 2 heading")), ("h3", _("Level 3 heading"))]


def rich_text_block(**kwargs) -> blocks.RichTextBlock:
    kwargs.setdefault("features", RICH_TEXT_FEATURES)
    kwargs.setdefault("label", _("Text"))
    return blocks.RichTextBlock(template="blocks/rich_text.html", **kwargs)


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to an external address (one of the two)."""

    label = blocks.CharBlock(label=_("label"), max_length=120, required=False)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("external address"), required=False)

    class Meta:
        label = _("Link")
        icon = "link"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose either a page or an address."))}
            )
        if value.get("url") and not value.get("label"):
            raise StructBlockValidationError(
                block_errors={"label": ValidationError(_("An external link needs a label."))}
            )
        return value


class OptionalLinkBlock(LinkBlock):
    def clean(self, value):
        if not value.get("page") and not value.get("url"):
            return blocks.StructBlock.clean(self, value)
        return super().clean(value)

    class Meta:
        required = False


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120, required=False)
    heading_level = blocks.ChoiceBlock(
        label=_("heading level"), choices=HEADING_LEVELS, default="h3"
    )
    text = rich_text_block(features=["bold", "italic", "link", "ul"], label=_("text"))
    link = OptionalLinkBlock(label=_("button"), required=False)

    class Meta:
        label = _("Callout")
        icon = "pick"
        template = "blocks/callout.html"


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=150)
    body = rich_text_block(label=_("content"))


class AccordionBlock(blocks.StructBlock):
    items = blocks.ListBlock(AccordionItemBlock(), label=_("sections"), min_num=1)

    class Meta:
        label = _("Accordion")
        icon = "list-ul"
        template = "blocks/accordion.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["accordion_id"] = f"accordion-{uuid4().hex[:8]}"
        return context


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.TextBlock(label=_("description"), max_length=300, required=False)
    image = ImageChooserBlock(label=_("image (decorative)"), required=False)
    link = LinkBlock(label=_("link"))


class CardsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120, required=False)
    cards = blocks.ListBlock(CardBlock(), label=_("cards"), min_num=1, max_num=12)

    class Meta:
        label = _("Cards")
        icon = "table"
        template = "blocks/cards.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    decorative = blocks.BooleanBlock(
        label=_("decorative image"),
        required=False,
        help_text=_("Tick only when the image adds no information: it gets an empty alt."),
    )
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=250,
        required=False,
        help_text=_("What the image tells a person who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), max_length=250, required=False)

    class Meta:
        label = _("Image")
        icon = "image"
        template = "blocks/image.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not value.get("alt_text", "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _("Give an alternative text, or mark the image as decorative.")
                    )
                }
            )
        return value


class VideoBlock(blocks.StructBlock):
    """A video of the site's documents, played by the browser (no outside player), with its
    captions track and a transcript."""

    title = blocks.CharBlock(label=_("title"), max_length=150)
    video = DocumentChooserBlock(
        label=_("video file (MP4 or WebM)"),
        help_text=_("Upload it under Documents; H.264 MP4 plays in every browser."),
    )
    captions = DocumentChooserBlock(
        label=_("subtitles (WebVTT)"),
        required=False,
        help_text=_("A .vtt file; needed whenever the video has speech or meaningful sound."),
    )
    transcript = rich_text_block(
        label=_("transcript"),
        help_text=_("Full text of what is said and shown: required for accessibility."),
    )

    class Meta:
        label = _("Video with transcript")
        icon = "media"
        template = "blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value["video"].file_extension.lower() not in VIDEO_EXTENSIONS:
            errors["video"] = ValidationError(_("Choose an MP4 or WebM video."))
        captions = value.get("captions")
        if captions and captions.file_extension.lower() != "vtt":
            errors["captions"] = ValidationError(_("Choose a WebVTT (.vtt) file."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class TableBlock(TypedTableBlock):
    text = blocks.CharBlock(label=_("text"))
    number = blocks.DecimalBlock(label=_("number"))
    rich_text = rich_text_block(features=["bold", "italic", "link"], label=_("rich text"))

    class Meta:
        label = _("Table")
        icon = "table"
        template = "blocks/table.html"
