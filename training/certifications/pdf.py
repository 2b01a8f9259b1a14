"""The PDF certificate of a credential: A4 landscape, rendered by WeasyPrint with only
``data:`` URLs (the badge image and the QR code of the verification address inlined)."""

import base64
import io

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from training.records.pdf import local_only

from .models import Credential

QR_SCALE = 6


def qr_png(url: str) -> bytes:
    """The QR code of ``url``, a PNG with ``QR_SCALE`` pixels a module and a quiet zone of
    four modules."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=QR_SCALE, border=4)
    return buffer.getvalue()


def _data_url(payload: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(payload).decode()}"


def _badge_data_url(credential: Credential) -> str | None:
    image = credential.definition.image
    if image is None:
        return None
    try:
        with image.file.open("rb") as badge:
            payload = badge.read()
    except (FileNotFoundError, OSError):
        return None
    mime = "image/svg+xml" if image.file.name.endswith(".svg") else "image/png"
    if image.file.name.lower().endswith((".jpg", ".jpeg")):
        mime = "image/jpeg"
    return _data_url(payload, mime)


def certificate_html(credential: Credential, *, verify_url: str) -> str:
    with translation.override("fr"):
        return render_to_string(
            "training/certifications/members/certificate.html",
            {
                "credential": credential,
                "definition": credential.definition,
                "verify_url": verify_url,
                "qr": _data_url(qr_png(verify_url), "image/png"),
                "badge": _badge_data_url(credential),
                "platform": settings.WAGTAIL_SITE_NAME,
            },
        )


def certificate_pdf(credential: Credential, *, verify_url: str) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, which only the PDF needs.
    from weasyprint import HTML

    html = certificate_html(credential, verify_url=verify_url)
    return HTML(string=html, url_fetcher=local_only()).write_pdf()
