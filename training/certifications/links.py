"""Absolute addresses of the certifications' public URLs, on ``PUBLIC_BASE_URL`` and
without a language prefix, whatever language is active: they are written into signed
credentials and must stay stable."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from portal.public_urls import public_url


def absolute(name: str, **kwargs) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return public_url(reverse(f"certifications:{name}", kwargs=kwargs))


def verification_url(credential) -> str:
    return absolute("verify", pk=credential.pk)


def status_list_url(partner) -> str:
    return absolute("status_list", slug=partner.slug)
