"""A lesson's content blocks: the portal's text, image and video, and what a lesson adds
(document to download, callout, checklist, an inline "check your understanding")."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from portal.blocks import ImageBlock, VideoBlock, rich_text_block

from .formats import gift
from .questions import InvalidQuestion


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    description = blocks.CharBlock(label=_("description"), max_length=200, required=False)

    class Meta:
        label = _("Document to download")
        icon = "doc-full"
        template = "training/blocks/document.html"


class LessonCalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120, required=False)
    text = rich_text_block(features=["bold", "italic", "link", "ul"], label=_("text"))
    level = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[("info", _("To remember")), ("warning", _("Warning")), ("success", _("Tip"))],
        default="info",
    )

    class Meta:
        label = _("Callout")
        icon = "pick"
        template = "training/blocks/callout.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    items = blocks.ListBlock(blocks.CharBlock(label=_("item"), max_length=300), min_num=1)

    class Meta:
        label = _("Checklist")
        icon = "list-ul"
        template = "training/blocks/checklist.html"


class CheckBlock(blocks.StructBlock):
    """One question in GIFT, answered on the lesson's page: the member's answer is sent to
    the server, which tells whether it is right and why."""

    gift = blocks.TextBlock(
        label=_("question (GIFT)"),
        help_text=_("E.g. ::Délai:: Dans quel délai répondre ? {=72 heures ~24 heures}"),
    )

    class Meta:
        label = _("Check your understanding")
        icon = "help"
        template = "training/blocks/check.html"

    def clean(self, value):
        value = super().clean(value)
        try:
            gift.parse_one(value["gift"])
        except InvalidQuestion as error:
            raise StructBlockValidationError(
                block_errors={"gift": ValidationError(str(error))}
            ) from error
        return value


class LessonBlock(blocks.StreamBlock):
    text = rich_text_block()
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = LessonCalloutBlock()
    checklist = ChecklistBlock()
    check = CheckBlock()
