"""The PDF "attestation de formation": the record rendered by WeasyPrint, A4, in French, with
the fonts installed on the machine and nothing fetched from anywhere."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .selectors import TrainingRecord


def local_only():
    """WeasyPrint's URL fetcher for the attestation: ``data:`` URLs only, never the network
    nor the disk."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False)


def attestation_html(record: TrainingRecord, *, issued_on) -> str:
    with translation.override("fr"):
        return render_to_string(
            "training/records/attestation.html",
            {"record": record, "issued_on": issued_on, "platform": settings.WAGTAIL_SITE_NAME},
        )


def attestation_pdf(record: TrainingRecord, *, issued_on) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, which only the PDF needs.
    from weasyprint import HTML

    html = attestation_html(record, issued_on=issued_on)
    return HTML(string=html, url_fetcher=local_only()).write_pdf()
