from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """Images carry a credit line, shown under the image where the law requires it."""

    credit = models.CharField(_("credit"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


def _is_video(head: bytes) -> bool:
    return head[4:8] == b"ftyp" or head.startswith(b"\x1a\x45\xdf\xa3")  # MP4, WebM


def _is_webvtt(head: bytes) -> bool:
    text = head.removeprefix(b"\xef\xbb\xbf")
    return text.startswith(b"WEBVTT") and text[6:7] in {b"", b" ", b"\t", b"\n", b"\r"}


# What a video and its subtitles must hold, beyond their names (the video block plays them).
VIDEO_CHECK = (_is_video, _("This file is not an MP4 or WebM video."), "not_video")
CONTENT_CHECKS = {
    "mp4": VIDEO_CHECK,
    "webm": VIDEO_CHECK,
    "vtt": (
        _is_webvtt,
        _("Subtitles must be a WebVTT file: its first line reads WEBVTT."),
        "not_webvtt",
    ),
}


class CustomDocument(AbstractDocument):
    """Documents state their language, so links can carry a ``hreflang``."""

    language = models.CharField(
        _("language"),
        max_length=7,
        blank=True,
        help_text=_("Language of the document's content, when it differs from the page's."),
    )

    admin_form_fields = (*Document.admin_form_fields, "language")

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def clean(self):
        super().clean()
        check = CONTENT_CHECKS.get(self.file_extension.lower()) if self.file else None
        if check is None or self.file._committed:  # a new upload only
            return
        head = self.file.read(16)
        self.file.seek(0)
        is_valid, message, code = check
        if not is_valid(head):
            raise ValidationError({"file": ValidationError(message, code=code)})
