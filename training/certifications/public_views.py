"""The certifications' public side, no login: a credential's verification page, its JWT
and JSON, and each issuer's profile, keys (JWK Set, did:web document), status list and
achievements. Nothing here is cached for long (a status may change at any moment) nor
indexed by search engines."""

from functools import wraps

import segno
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from wagtail.models import Locale

from directory.models import Partner

from . import contexts, credentials, keys, status_list
from .links import verification_url
from .models import CertificationDefinition, Credential, IssuerKey
from .selectors import verify

JWT_TYPE = "application/vc+jwt"
DID_CONTEXT = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"]


def public(view):
    """Revalidated at every use, never indexed."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, no_cache=True)
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapper


def _json(data, *, content_type="application/json") -> JsonResponse:
    return JsonResponse(
        data, content_type=content_type, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )


def _issuer(slug: str) -> Partner:
    """The partner of ``slug`` (its default-language row), when it has published a key."""
    partner = Partner.objects.filter(slug=slug, locale=Locale.get_default()).first()
    if partner is None or not IssuerKey.objects.filter(partner=partner).exists():
        raise Http404
    return partner


@public
def verification(request, pk):
    credential = get_object_or_404(
        Credential.objects.select_related("definition", "partner"), pk=pk
    )
    result = verify(credential)
    url = verification_url(credential)
    claims = result.claims or {}
    context = {
        "credential": credential,
        "result": result,
        "achievement": claims.get("credentialSubject", {}).get("achievement", {}),
        "issuer_name": claims.get("issuer", {}).get("name", ""),
        "url": url,
        "qr_code": segno.make(url, error="m").svg_data_uri(scale=6),
        "counter": request.GET.get("affichage") == "guichet",
    }
    return render(request, "training/certifications/public/verification.html", context)


@public
def credential_jwt(request, pk):
    credential = get_object_or_404(Credential, pk=pk)
    return HttpResponse(credential.jwt, content_type=JWT_TYPE)


@public
def credential_json(request, pk):
    credential = get_object_or_404(Credential, pk=pk)
    return _json(credential.document)


@public
def issuer(request, slug):
    partner = _issuer(slug)
    profile = {
        "@context": [credentials.VC_CONTEXT, credentials.OB_CONTEXT],
        **credentials.issuer_profile(partner),
    }
    return _json(profile)


def _keys(partner):
    return (
        IssuerKey.objects.filter(partner=partner).select_related("partner").order_by("created_at")
    )


@public
def jwks(request, slug):
    partner = _issuer(slug)
    return _json(
        {"keys": [keys.published_jwk(key) for key in _keys(partner)]},
        content_type="application/jwk-set+json",
    )


@public
def did_document(request, slug):
    partner = _issuer(slug)
    did = keys.did(partner)
    methods = [
        {
            "id": keys.key_id(key),
            "type": "JsonWebKey2020",
            "controller": did,
            "publicKeyJwk": keys.published_jwk(key),
        }
        for key in _keys(partner)
    ]
    return _json(
        {
            "@context": DID_CONTEXT,
            "id": did,
            "verificationMethod": methods,
            "assertionMethod": [method["id"] for method in methods],
        },
        content_type="application/did+json",
    )


@public
def status_list_jwt(request, slug):
    partner = _issuer(slug)
    try:
        token = status_list.signed(partner)
    except keys.SigningKeyUnavailable as error:  # retired keys only, or a lost private key
        raise Http404 from error
    return HttpResponse(token, content_type=JWT_TYPE)


@public
def status_list_json(request, slug):
    partner = _issuer(slug)
    return _json(status_list.document(partner))


@public
def achievement(request, slug, code):
    partner = _issuer(slug)
    definition = get_object_or_404(
        CertificationDefinition.objects.select_related("partner", "image"),
        partner=partner,
        code=code,
    )
    return _json(
        {
            "@context": [credentials.VC_CONTEXT, credentials.OB_CONTEXT],
            **credentials.achievement(definition),
        }
    )


def context(request, name):
    """A vendored JSON-LD context, at a stable address."""
    try:
        data = contexts.read(name)
    except LookupError as error:
        raise Http404 from error
    response = _json(data, content_type="application/ld+json")
    patch_cache_control(response, public=True, max_age=86400)
    return response
